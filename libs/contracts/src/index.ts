/**
 * Shapes of the REST API (`/api/v1`, and Camunda 7's `/engine-rest`), shared by the engine and the web
 * apps: every request body, query and answer, one definition each. The engine's DTO classes implement
 * them, and its OpenAPI document (`libs/contracts/openapi.json`) is generated from those classes.
 * Instants are ISO 8601 strings in UTC; the UIs show them in Vietnam time. No Node, no NestJS: safe in
 * the browser.
 */
export * from './json.dto';
export * from './problem.dto';
export * from './page.dto';
export * from './health.dto';
export * from './auth.dto';
export * from './units.dto';
export * from './users.dto';
export * from './definitions.dto';
export * from './version-migration.dto';
export * from './dossiers.dto';
export * from './deadlines.dto';
export * from './task-status.dto';
export * from './tasks.dto';
export * from './live.dto';
export * from './external-tasks.dto';
export * from './messages.dto';
export * from './calendar.dto';
export * from './webhooks.dto';
export * from './drafts.dto';
export * from './audit.dto';
export * from './public.dto';
export * from './camunda.dto';
export * from './reports.dto';

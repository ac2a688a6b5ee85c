import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Every table of the engine (each entity's), in creation order. A new table takes the column too. */
const TABLES = [
  'definitions',
  'dossiers',
  'dossier_sequences',
  'tasks',
  'jobs',
  'history_events',
  'units',
  'idempotency_keys',
  'deadline_events',
  'calendar_decisions',
  'calendar_changes',
  'users',
  'user_roles',
  'sessions',
  'api_keys',
  'audit_log',
  'buffered_messages',
  'webhook_subscriptions',
  'webhook_deliveries',
  'calendar_recomputations',
  'login_throttle',
  'saved_filters',
  'reception_guidance',
  'task_events',
  'designer_drafts',
  'report_dossiers',
  'report_settings',
];

/**
 * The province (tenant) on every row (ADR 0011): `tenant_code`, whose default `lt_tenant_code()` reads
 * the session setting `lienthong.tenant_code` (the engine sets it on each connection from `TENANT_CODE`;
 * a session without it, e.g. psql, gets '00'). A default that is not volatile adds the column without
 * rewriting the table: existing rows read the value the migration's session had.
 * The column leads no index: one engine serves one province, where it would only widen the keys.
 */
export class TenantCode1764701000000 implements MigrationInterface {
  name = 'TenantCode1764701000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION lt_tenant_code() RETURNS character varying LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT coalesce(nullif(current_setting('lienthong.tenant_code', true), ''), '00')::character varying $$`);
    for (const table of TABLES)
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "tenant_code" character varying(20) NOT NULL DEFAULT lt_tenant_code()`,
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse())
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "tenant_code"`);
    await queryRunner.query(`DROP FUNCTION lt_tenant_code()`);
  }
}

import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { type ModuleImport } from '../../apps/engine/src/app.module';
import { type AppConfigOverrides } from '../../apps/engine/src/config/load-app-config.util';
import { createApp } from '../../apps/engine/src/main';
import { Api, AutoApi } from './api-client';
import { type ApiKeyOptions, TestPrincipals } from './principals';
import { createTestDatabase, type TestDatabase } from './database';

export interface StartTestAppOptions {
  /** Share an existing database (e.g. another TestApp's, to run two engine processes); else a fresh one. */
  readonly databaseUrl?: string;
  /** Config overrides; by default `mode: 'test'` and `seedDemo: false`. */
  readonly config?: AppConfigOverrides;
  /** More modules, e.g. a test-only controller module. */
  readonly imports?: readonly ModuleImport[];
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly databaseUrl: string;
  /**
   * JSON client of `${baseUrl}/api/v1` acting, for each call, as the principal the engine expects for it
   * (see AutoApi): for tests of engine mechanics.
   */
  readonly api: AutoApi;
  /** A client signed in as the test user of `unit` holding `roles` (made on demand). */
  as(unit: string, roles: readonly string[]): Api;
  /** A client using an API key of `unit`. */
  withKey(unit: string, options?: ApiKeyOptions): Api;
  /** A client without credentials. */
  readonly anonymous: Api;
  readonly principals: TestPrincipals;
  /** Runs SQL on the app's database (for assertions on what was or was not written). */
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  /** Closes the app, then drops its database unless it was given one. */
  close(): Promise<void>;
}

/** The engine in this Jest worker, on a fresh migrated database, listening on a free loopback port. */
export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const database: TestDatabase | undefined =
    options.databaseUrl === undefined ? await createTestDatabase() : undefined;
  const databaseUrl = options.databaseUrl ?? (database as TestDatabase).url;
  try {
    const app = await createApp({
      config: { mode: 'test', seedDemo: false, ...options.config, databaseUrl },
      imports: options.imports,
    });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const baseUrl = `http://127.0.0.1:${port}`;
    const query = (sql: string, params?: unknown[]) =>
      app.get(DataSource).query(sql, params) as Promise<unknown[]>;
    const principals = new TestPrincipals(baseUrl, query);
    return {
      app,
      baseUrl,
      databaseUrl,
      api: new AutoApi(baseUrl, query, principals),
      as: (unit, roles) => Api.bearer(baseUrl, principals.user(unit, roles)),
      withKey: (unit, options) => Api.bearer(baseUrl, principals.apiKey(unit, options)),
      anonymous: new Api(baseUrl),
      principals,
      query,
      close: async () => {
        await app.close();
        await database?.drop();
      },
    };
  } catch (error) {
    await database?.drop();
    throw error;
  }
}

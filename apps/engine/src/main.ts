import cluster from 'node:cluster';
import { type INestApplication, Logger as NestLogger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type ModuleImport } from './app.module';
import { startCluster } from './cluster';
import { configureBodyParsers } from './common/http/body-parsers';
import { setupOpenApi } from './common/http/openapi.util';
import { configureResponses, fastifyOptions } from './common/http/fastify-platform';
import { serveWebApp } from './common/http/web-app';
import { PinoLogger } from './common/logging/pino-logger';
import { logRequests } from './common/logging/request-log';
import { echoRequestIds } from './common/logging/request-id';
import { refuseRequestsWhenClosing } from './common/http/shutdown';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import {
  type AppConfigOverrides,
  ConfigError,
  type ConfigEnv,
  loadAppConfig,
} from './config/load-app-config.util';

export const API_PREFIX = 'api/v1';

/** Each application's switch to refuse new requests while it stops (see common/http/shutdown.ts). */
const closingOf = new WeakMap<INestApplication, { closing(): void }>();

export interface CreateAppOptions {
  /** Environment to validate instead of `process.env`. */
  readonly env?: ConfigEnv;
  /** Typed values that win over the environment, e.g. `{ databaseUrl: db.url, seedDemo: false }`. */
  readonly config?: AppConfigOverrides;
  /** More modules, e.g. a test-only controller module. */
  readonly imports?: readonly ModuleImport[];
}

/**
 * Builds and initialises the engine (database connected and migrated, routes, OpenAPI) without listening:
 * tests call `app.listen(0, '127.0.0.1')` or use `app.getHttpServer()`, and must `app.close()`.
 * @throws ConfigError when the configuration is invalid
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = loadAppConfig(options.env, options.config);
  // The engine's logger from the first line on (the same instance LoggingModule provides), unbuffered:
  // the start-up (database, migrations, seed) is told as it happens, and a start that hangs shows where.
  const logger = PinoLogger.of(config);
  logger.log(`Starting Liên thông engine ${config.version} (${config.mode})`, 'Bootstrap');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, options.imports),
    // Fastify sends no X-Powered-By header.
    new FastifyAdapter(fastifyOptions(config)),
    { bodyParser: false, logger, abortOnError: false },
  );
  logRequests(app.getHttpAdapter().getInstance(), logger.pino);
  closingOf.set(app, refuseRequestsWhenClosing(app.getHttpAdapter().getInstance()));
  echoRequestIds(app);
  configureResponses(app);
  routeApi(app);
  configureBodyParsers(app, config);
  // The docs live outside the API prefix, and before init() so that they precede the 404 handler.
  setupOpenApi(app, config);
  // The built web app at `/` (index.html for the app's own paths); /api/* 404s stay problems.
  await serveWebApp(app);
  try {
    await app.init();
  } catch (error) {
    // E.g. a refusal at boot (production mode with demo accounts): close what did start (pool, LISTENs, workers).
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

/**
 * Serves the API under /api/v1, but Camunda 7's external-task API under its own path (/engine-rest/...), for
 * its clients to work unchanged, and the Prometheus metrics at /metrics.
 */
export function routeApi(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'engine-rest/{*path}', method: RequestMethod.ALL },
      // Prometheus's conventional path.
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/** The engine as started by `run()`. */
export interface RunningEngine {
  readonly host: string;
  readonly port: number;
  /** Engine processes serving the port. */
  readonly workers: number;
  stop(): Promise<void>;
}

/**
 * Starts the engine as configured: this process alone (`bootstrap`), or with ENGINE_WORKERS > 1 a
 * primary that forks that many engine processes sharing the port (see `startCluster`). SIGINT/SIGTERM
 * stop it.
 * @throws ConfigError when the configuration is invalid
 */
export async function run(): Promise<RunningEngine> {
  const config = loadAppConfig();
  if (config.http.workers > 1 && cluster.isPrimary) return startCluster(config);
  const app = await bootstrap();
  const address = app.getHttpServer().address();
  return {
    host: config.http.host,
    port: typeof address === 'object' && address !== null ? address.port : config.http.port,
    workers: 1,
    stop: () => app.close(),
  };
}

/** Starts the engine on HOST:PORT; SIGINT/SIGTERM close it (HTTP, database pool, embedded PostgreSQL). */
export async function bootstrap(): Promise<NestFastifyApplication> {
  const app = await createApp();
  // Before Nest's own listeners (which then close the application): new requests are refused at once.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => closingOf.get(app)?.closing());
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.http.port;
  new NestLogger('Bootstrap').log(
    `Liên thông engine ${config.version} (${config.mode}) on http://${config.http.host}:${port}/${API_PREFIX}, ` +
      `OpenAPI at http://${config.http.host}:${port}/api/docs`,
  );
  return app;
}

if (require.main === module) {
  // A worker whose primary is gone (its shutdown raced the worker's) cannot report a closed port to it:
  // nothing to do about that while stopping, and no reason to crash.
  cluster.worker?.on('error', (error: Error) => {
    new NestLogger('Cluster').warn(`Channel to the primary: ${error.message}`);
  });
  // A cluster worker (forked by startCluster) is one engine process; otherwise start as configured.
  (cluster.isWorker ? bootstrap() : run()).catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : `The engine failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    process.stderr.write(`${message}\n`);
    // Exits even with the database pool or the embedded PostgreSQL open (the latter is told to stop).
    process.exit(1);
  });
}

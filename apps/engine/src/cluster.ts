import cluster, { type Worker } from 'node:cluster';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { AggregatorRegistry } from 'prom-client';
import { PinoLogger } from './common/logging/pino-logger';
import { type AppConfig } from './config/app-config';
import { APP_DATABASE } from './database/data-source';
import { startAppEmbeddedPostgres } from './database/database-server';
import { type EmbeddedPostgresHandle } from './database/embedded-postgres';
import { Clock } from './common/clock/clock';
import { METRICS_REQUEST, METRICS_RESPONSE } from './metrics/metrics.service';

/** The supervisor runs outside Nest: its own clock, for workers' uptimes. */
const clock = new Clock();

/** A running group of engine processes (see `startCluster`). */
export interface EngineCluster {
  readonly host: string;
  readonly port: number;
  readonly workers: number;
  /** Stops the workers (each closes HTTP, its jobs and its pool), then the embedded PostgreSQL if any. */
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 20_000;
/** A worker that dies sooner than this after it started is not restarted (a crash loop). */
const MIN_UPTIME_MS = 10_000;

/**
 * ENGINE_WORKERS > 1: this (primary) process serves no request itself. It starts the embedded
 * PostgreSQL when DATABASE_URL is unset, forks one engine worker that migrates and seeds the database,
 * then the others; they share the HTTP port (node:cluster hands each new connection to one of them).
 * The workers need nothing from each other: every command is guarded by the dossier's revision in the
 * database, timers are claimed with SKIP LOCKED, sign-outs, calendar changes and job wake-ups travel by
 * LISTEN/NOTIFY — the same guarantees as for engine processes on several machines.
 * A worker that crashes after it has run a while is replaced. SIGINT/SIGTERM stop the workers, then
 * this process.
 */
export async function startCluster(config: AppConfig): Promise<EngineCluster> {
  // This process has no Nest application: the engine's pino lines all the same.
  Logger.overrideLogger(PinoLogger.of(config));
  const logger = new Logger('Cluster');
  let embedded: EmbeddedPostgresHandle | undefined;
  const env: Record<string, string> = {};
  if (config.database.url === undefined) {
    embedded = await startAppEmbeddedPostgres(config);
    env['DATABASE_URL'] = embedded.urlFor(APP_DATABASE);
  }
  cluster.setupPrimary({ exec: join(__dirname, 'main.js') });
  answerMetricsRequests();

  let stopping = false;
  let port = config.http.port;
  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(env);
      const startedAt = clock.machineMs();
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`engine worker ${worker.process.pid} exited while starting (${signal ?? code})`));
      worker.once('exit', onExit);
      worker.once('listening', (address) => {
        // PORT=0: the workers share the port the first one got.
        port = address.port;
        worker.off('exit', onExit);
        worker.on('exit', (code, signal) => {
          const uptime = clock.machineMs() - startedAt;
          if (stopping) return;
          if (uptime < MIN_UPTIME_MS) {
            logger.error(
              `Engine worker ${worker.process.pid} stopped (${signal ?? code}) after ${uptime} ms; not restarted.`,
            );
            return;
          }
          logger.warn(`Engine worker ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
          fork().catch((error: unknown) => logger.error(String(error)));
        });
        resolve(worker);
      });
    });

  const stop = async (graceMs = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const term = setTimeout(() => worker.process.kill('SIGTERM'), graceMs);
            const kill = setTimeout(() => worker.process.kill('SIGKILL'), graceMs + STOP_TIMEOUT_MS);
            worker.once('exit', () => {
              clearTimeout(term);
              clearTimeout(kill);
              resolve();
            });
          }),
      ),
    );
    await embedded?.stop();
  };

  // From the first fork on (a signal may come while workers start): stop them all, then end as signalled.
  // A worker that got the signal too (Ctrl-C reaches the process group) is given time to stop by itself.
  const onSignal = (signal: NodeJS.Signals) => {
    logger.warn(`${signal}: stopping the engine workers`);
    void stop(1500).finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // The first worker migrates and seeds; the others start on a ready database.
    await fork();
    await Promise.all(Array.from({ length: config.http.workers - 1 }, fork));
  } catch (error) {
    // Stopped by a signal while starting: the handler above ends the process.
    if (stopping) await new Promise<never>(() => undefined);
    await stop();
    throw error;
  }
  logger.log(`${config.http.workers} engine workers share http://${config.http.host}:${port}`);
  return { host: config.http.host, port, workers: config.http.workers, stop: () => stop() };
}

/**
 * A worker asked for /metrics: the primary gathers every worker's metrics (prom-client's cluster
 * protocol) and answers with their sum.
 */
function answerMetricsRequests(): void {
  const registry = new AggregatorRegistry();
  const answer = (worker: Worker, reply: Record<string, unknown>) => {
    // A worker that died meanwhile has no channel any more: nothing to answer.
    if (worker.isConnected()) worker.send(reply, (error: Error | null) => error && undefined);
  };
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== METRICS_REQUEST) return;
    registry.clusterMetrics().then(
      (text) => answer(worker, { type: METRICS_RESPONSE, id: message.id, text }),
      (error: unknown) => answer(worker, { type: METRICS_RESPONSE, id: message.id, error: String(error) }),
    );
  });
}

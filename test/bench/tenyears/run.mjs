// Ten years of a province (ADR 0011): DOSSIERS dossiers received over ten years (STEPS finished steps
// each, their history, audit and deadline events), generated directly in SQL, then through the built
// engine's HTTP API: the inbox of a unit with OPEN open steps (first page and counts, p50/p95), the
// completion rate of COMPLETE of those steps (CLIENTS concurrent clients), and the plans of a
// dossier's history read. Measured twice on the same data: "partitioned" (the schema of the
// migrations, history/audit/deadline events in month partitions), then "unpartitioned" (the
// MonthlyPartitions migration reverted on that data, its down timed), then the migration run again
// on the ten-year data (its up timed).
//
//   npm run bench:tenyears
//   DOSSIERS=1000000 STEPS=6 OPEN=10000 COMPLETE=1000 node test/bench/tenyears/run.mjs
//
// A throwaway database lt_bench_tenyears on an embedded PostgreSQL under .data/bench-tenyears-pg (or
// DATABASE_URL's server). Prints figures; asserts nothing.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  ADMIN_PASSWORD,
  call,
  createPeople,
  login,
  oneStepProcedure,
  PASSWORD,
  pool,
  recreateDatabase,
  root,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const DOSSIERS = Number(process.env.DOSSIERS ?? 200_000);
const STEPS = Number(process.env.STEPS ?? 6);
const OPEN = Number(process.env.OPEN ?? 10_000);
const COMPLETE = Number(process.env.COMPLETE ?? 1_000);
const CLIENTS = Number(process.env.CLIENTS ?? 16);
const ITERATIONS = Number(process.env.ITERATIONS ?? 200);
const BATCH = 50_000;
const UNIT = 'DTP-VPDK-CL';
const KEY = 'bench-muoi-nam';
const OFFICER = 'cv.bench.tenyears';
const FIRST_DAY = '2016-12-01';

const BPMN = oneStepProcedure(KEY, 'Đăng ký biến động đất đai (benchmark)', UNIT, '10d');

const seconds = (t0) => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms`;
}

const database = await startDatabase('bench-tenyears-pg');
const url = await recreateDatabase(database.adminUrl, 'lt_bench_tenyears');
const db = new pg.Client({ connectionString: url });
let engine;
try {
  // no timers nor sweeps: nothing but the measured requests runs (and the migration is not raced)
  engine = await startEngine(url, { TENANT_CODE: '87', JOBS_ENABLED: 'false', DEADLINE_SWEEP_MS: '0' });
  await db.connect();
  const people = await generate();
  await measure('partitioned', people);
  const { MonthlyPartitions1764700000000: Migration } = await import(
    pathToFileURL(join(root, 'apps/engine/dist/database/migrations/1764700000000-monthly-partitions.js')).href
  );
  const runner = { query: (text, params) => db.query(text, params).then((r) => r.rows) };
  let t0 = performance.now();
  await db.query('BEGIN');
  await new Migration().down(runner);
  await db.query('COMMIT');
  console.log(`\nMonthlyPartitions reverted (down) on this data in ${seconds(t0)}`);
  await db.query('VACUUM ANALYZE history_events, audit_log, deadline_events');
  await measure('unpartitioned', people);
  t0 = performance.now();
  await db.query('BEGIN');
  await new Migration().up(runner);
  await db.query('COMMIT');
  console.log(`\nMonthlyPartitions migrated (up) on this data in ${seconds(t0)}`);
} finally {
  await db.end().catch(() => {});
  await stopEngine(engine);
  await database.stop();
}

/** The procedure, the people, and ten years of dossiers, steps and events, in SQL. */
async function generate() {
  const admin = await login(engine.base, 'admin', ADMIN_PASSWORD);
  const people = await createPeople(engine.base, admin, [
    [OFFICER, UNIT, ['officer']],
    ['mc.bench.tenyears', 'DTP-TTHCC', ['reception']],
    ['tk.bench.tenyears', 'DTP-VP', ['designer', 'publisher']],
  ]);
  const [officer, reception, designer] = Object.values(people);
  const deployed = await call('POST', `${engine.base}/definitions`, BPMN, designer);
  await call('POST', `${engine.base}/definitions/${KEY}/versions/${deployed.version}/publish`, {}, designer);
  const template = await call(
    'POST',
    `${engine.base}/dossiers`,
    { definitionKey: KEY, applicant: { kind: 'person', name: 'Mẫu' }, variables: { soThua: 'mau' } },
    reception,
  );
  const templateTask = (
    await db.query(`SELECT id FROM tasks WHERE dossier_id = $1 AND status = 'active'`, [template.id])
  ).rows[0].id;
  // the months of the ten years, as the engine would have created them month after month
  for (const table of ['history_events', 'audit_log', 'deadline_events'])
    await db.query(`SELECT lt_month_partitions($1, $2::date, now()::date)`, [table, FIRST_DAY]);

  const t0 = performance.now();
  const total = DOSSIERS + OPEN;
  // dossier i is received at FIRST_DAY + i/total of ten years; 1..DOSSIERS are finished (10 days later)
  const receivedAt = `('${FIRST_DAY}'::timestamptz + (i::float8 / ${total}) * interval '3652 days')`;
  for (let from = 1; from <= total; from += BATCH) {
    const to = Math.min(total, from + BATCH - 1);
    await db.query('BEGIN');
    await db.query(
      `CREATE TEMP TABLE batch ON COMMIT DROP AS
         SELECT i, gen_random_uuid() AS dossier_id, gen_random_uuid() AS task_id, ${receivedAt} AS at
           FROM generate_series($1::int, $2::int) i`,
      [from, to],
    );
    await db.query(
      `INSERT INTO dossiers (id, code, definition_id, definition_key, definition_version, status, receiving_unit, channel,
                             applicant, state, variables, revision, created_at, updated_at, ended_at, deadlines, clock,
                             due_at, deadline_status, outcome)
       SELECT b.dossier_id, 'BENCH.H20-' || lpad(b.i::text, 9, '0'), t.definition_id, t.definition_key, t.definition_version,
              CASE WHEN b.i <= $2 THEN 'completed' ELSE 'active' END, t.receiving_unit, 'desk',
              jsonb_build_object('kind', 'person', 'name', 'Người nộp ' || b.i),
              replace(t.state::text, $3, b.task_id::text)::jsonb, jsonb_build_object('soThua', 'T' || b.i),
              1, b.at, b.at + interval '10 days', CASE WHEN b.i <= $2 THEN b.at + interval '10 days' END, '{}',
              CASE WHEN b.i <= $2 THEN 'none' ELSE 'running' END, b.at + interval '14 days', 'on_track',
              CASE WHEN b.i <= $2 THEN (CASE WHEN b.i % 20 = 0 THEN 'late' ELSE 'on_time' END) END
         FROM batch b, (SELECT * FROM dossiers WHERE id = $1) t`,
      [template.id, DOSSIERS, templateTask],
    );
    // STEPS finished steps of a finished dossier, one a day (the last at another unit); the open step of an open one
    await db.query(
      `INSERT INTO tasks (id, dossier_id, token_id, node_id, name, kind, status, unit, candidate_role, allotted_time, form,
                          local_variables, created_at, completed_at, completed_by, clock, due_at, deadline_status, outcome)
       SELECT CASE WHEN b.i > $1 THEN b.task_id ELSE gen_random_uuid() END, b.dossier_id, gen_random_uuid(), 'thamDinh',
              'Thẩm định hồ sơ', 'user', CASE WHEN b.i > $1 THEN 'active' ELSE 'completed' END,
              CASE WHEN s % 3 = 0 THEN 'DTP-TTHCC' ELSE $2 END, 'officer', '3d', '[]', '{}',
              b.at + make_interval(days => s - 1), CASE WHEN b.i <= $1 THEN b.at + make_interval(days => s) END,
              CASE WHEN b.i <= $1 THEN $3 END, CASE WHEN b.i > $1 THEN 'running' ELSE 'none' END,
              b.at + make_interval(days => s + 2, mins => b.i % 5000),
              CASE WHEN b.i > $1 AND b.i % 20 = 0 THEN 'overdue' ELSE 'on_track' END,
              CASE WHEN b.i <= $1 THEN 'on_time' END
         FROM batch b, generate_series(1, CASE WHEN b.i > $1 THEN 1 ELSE $4::int END) s`,
      [DOSSIERS, UNIT, OFFICER, STEPS],
    );
    // history: received, then started and completed per step, ended (2 × STEPS + 2 for a finished dossier)
    await db.query(
      `INSERT INTO history_events (dossier_id, at, type, node_id, actor, data)
       SELECT b.dossier_id, b.at + make_interval(hours => e), CASE WHEN e = 0 THEN 'dossier.received'
                WHEN e = 2 * $2 + 1 THEN 'dossier.completed' WHEN e % 2 = 1 THEN 'task.created' ELSE 'task.completed' END,
              'thamDinh', $3, CASE WHEN e % 2 = 0 AND e > 0 THEN '{"ketQua": "dat"}'::jsonb END
         FROM batch b, generate_series(0, CASE WHEN b.i > $1 THEN 1 ELSE 2 * $2 + 1 END) e`,
      [DOSSIERS, STEPS, OFFICER],
    );
    // audit: the receipt and each completion; a deadline event for one dossier in ten
    await db.query(
      `INSERT INTO audit_log (at, actor_kind, actor_id, unit_code, action, method, path, target_type, target_id, dossier_id, status, outcome)
       SELECT b.at + make_interval(hours => e), 'user', $3, $4, CASE WHEN e = 0 THEN 'dossier.receive' ELSE 'task.complete' END,
              'POST', '/api/v1/tasks/complete', 'dossier', b.dossier_id::text, b.dossier_id, 200, 'success'
         FROM batch b, generate_series(0, CASE WHEN b.i > $1 THEN 0 ELSE $2 END) e`,
      [DOSSIERS, STEPS, OFFICER, UNIT],
    );
    await db.query(
      `INSERT INTO deadline_events (dossier_id, at, kind, actor, new_due_at)
       SELECT b.dossier_id, b.at + interval '8 days', 'due_soon', 'system', b.at + interval '10 days' FROM batch b WHERE b.i % 10 = 0`,
    );
    await db.query('COMMIT');
    if ((to / BATCH) % 10 === 0 || to === total) console.log(`  ${to} dossiers, ${seconds(t0)}`);
  }
  await db.query('VACUUM ANALYZE');
  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM dossiers)::bigint AS dossiers, (SELECT count(*) FROM tasks)::bigint AS steps,
              (SELECT count(*) FROM history_events)::bigint AS history, (SELECT count(*) FROM audit_log)::bigint AS audit,
              (SELECT count(*) FROM deadline_events)::bigint AS deadline_events,
              (SELECT count(*) FROM pg_inherits WHERE inhparent = 'history_events'::regclass)::int AS partitions,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    )
  ).rows[0];
  console.log(
    `generated in ${seconds(t0)}: ${counts.dossiers} dossiers, ${counts.steps} steps, ${counts.history} history events, ` +
      `${counts.audit} audit rows, ${counts.deadline_events} deadline events; ${counts.partitions} partitions of history_events; ${counts.size}`,
  );
  return { officer };
}

async function timed(label, path, token) {
  for (let i = 0; i < 20; i++) await call('GET', path, undefined, token);
  const samples = [];
  let items = '';
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    const body = await call('GET', path, undefined, token);
    samples.push(performance.now() - t0);
    items = body.items ? `${body.items.length} rows` : 'counts';
  }
  console.log(`  ${label.padEnd(30)} ${percentiles(samples)}  (${items})`);
}

/** The inbox, the completion rate and the history read, on the schema as it is now. */
async function measure(schema, { officer }) {
  console.log(`\n== ${schema} ==`);
  const open = (
    await db.query(`SELECT count(*)::int AS n FROM tasks WHERE status = 'active' AND unit = $1`, [UNIT])
  ).rows[0].n;
  console.log(`inbox of ${OFFICER} (${open} open steps of ${UNIT}), ${ITERATIONS} requests each:`);
  const inbox = `${engine.base}/tasks?status=active&order=due&limit=20`;
  await timed('inbox, first page by due', inbox, officer);
  await timed('counts (status, procedure)', `${engine.base}/tasks/counts`, officer);

  // completions of open steps, CLIENTS at a time
  const steps = (
    await db.query(
      `SELECT t.id FROM tasks t WHERE t.status = 'active' AND t.unit = $1 AND t.kind = 'user' ORDER BY t.created_at LIMIT $2`,
      [UNIT, COMPLETE],
    )
  ).rows.map((r) => r.id);
  const latencies = [];
  const t0 = performance.now();
  await pool(CLIENTS, steps.length, async (i) => {
    const s0 = performance.now();
    await call(
      'POST',
      `${engine.base}/tasks/${steps[i]}/complete`,
      { variables: { ketQua: 'dat' } },
      officer,
      {
        'Idempotency-Key': `tenyears-${schema}-${steps[i]}`,
      },
    );
    latencies.push(performance.now() - s0);
  });
  const elapsed = (performance.now() - t0) / 1000;
  console.log(
    `  completions: ${steps.length} in ${elapsed.toFixed(1)} s = ${(steps.length / elapsed).toFixed(0)}/s with ${CLIENTS} clients, ${percentiles(latencies)}`,
  );

  // a dossier of the fifth year: its history read (DossiersRepository.history)
  for (const [label, nth] of [
    ['a dossier of the 5th year', Math.floor(DOSSIERS / 2)],
    ['an open dossier of the last weeks', DOSSIERS + OPEN - 100],
  ]) {
    const dossier = (
      await db.query(
        `SELECT id, (created_at - interval '1 day')::text AS since, coalesce(ended_at + interval '1 day', 'infinity')::text AS until
           FROM dossiers WHERE code = 'BENCH.H20-' || lpad($1::text, 9, '0')`,
        [nth],
      )
    ).rows[0];
    // the statement of DossiersRepository.history
    const plan = await db.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) SELECT id::text, at, type, node_id, task_id, actor, data FROM history_events
        WHERE dossier_id = $1 AND at BETWEEN $2::timestamptz AND $3::timestamptz AND id > 0::bigint
        ORDER BY history_events.id LIMIT 101`,
      [dossier.id, dossier.since, dossier.until],
    );
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    const tables = new Set(lines.map((l) => / on (history_events\w*)/.exec(l)?.[1]).filter(Boolean));
    const times = lines.filter((l) => /Planning Time|Execution Time/.test(l)).map((l) => l.trim());
    console.log(`  history read of ${label}: ${tables.size} table(s) read, ${times.join(', ')}`);
  }
}

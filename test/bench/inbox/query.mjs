// Inbox query benchmark: the first page of an officer's inbox (by due instant), its counts and its
// search (applicant name without diacritics, dossier code, parcel number), through the real HTTP API,
// for a unit with OPEN open steps in a database of FINISHED finished steps (and their dossiers).
//
//   npm run bench:inbox:query
//   OPEN=10000 FINISHED=1000000 ITERATIONS=300 node test/bench/inbox/query.mjs
//   REUSE=1 node test/bench/inbox/query.mjs    (the data of the previous run, kept in .data/bench-pg)
//
// The dossiers and steps are generated directly in SQL from one dossier received through the API (its
// state copied), the search text by the dossiers' trigger as the engine's writes get it. The built
// engine on a real PostgreSQL (embedded under .data/bench-pg, or DATABASE_URL's server). Prints
// p50/p95/p99 and the plans of the inbox's two statements; asserts nothing.
import pg from 'pg';
import {
  ADMIN_PASSWORD,
  call,
  createPeople,
  login,
  oneStepProcedure,
  PASSWORD,
  recreateDatabase,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const OPEN = Number(process.env.OPEN ?? 10_000);
const FINISHED = Number(process.env.FINISHED ?? 1_000_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 300);
const UNIT = 'DTP-VPDK-CL';
const KEY = 'bench-hop-viec';
const OFFICER = 'cv.bench.inbox';

const BPMN = oneStepProcedure(KEY, 'Tách thửa đất (benchmark)', UNIT, '15d');

// 10 × 8 × 25 = 2,000 names: "Nguyễn Văn An" is one dossier in 2,000.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Đạt',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Tuấn',
];
const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms`;
}

async function time(label, path, token) {
  for (let i = 0; i < 20; i++) await call('GET', path, undefined, token);
  const samples = [];
  let items = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    const body = await call('GET', path, undefined, token);
    samples.push(performance.now() - t0);
    items = body.items ? `${body.items.length} rows` : `total ${body.total}`;
  }
  console.log(`${label.padEnd(34)} ${percentiles(samples)}  (${items})`);
}

/** The generated database of a previous run (REUSE=1), else a fresh one. */
async function benchDatabase(adminUrl) {
  if (process.env.REUSE !== '1')
    return { url: await recreateDatabase(adminUrl, 'lt_bench_inbox'), fresh: true };
  const url = new URL(adminUrl);
  url.pathname = '/lt_bench_inbox';
  return { url: url.toString(), fresh: false };
}

const database = await startDatabase();
let engine;
const { url, fresh } = await benchDatabase(database.adminUrl);
const db = new pg.Client({ connectionString: url });
try {
  engine = await startEngine(url);
  await db.connect();
  if (fresh) await generate();
  else console.log('REUSE=1: the dossiers and steps of the previous run');
  await measure(await login(engine.base, OFFICER, PASSWORD));
} finally {
  await db.end().catch(() => {});
  await stopEngine(engine);
  await database.stop();
}

/** The procedure, the people, and the dossiers and steps, in SQL. */
async function generate() {
  const admin = await login(engine.base, 'admin', ADMIN_PASSWORD);
  const people = await createPeople(engine.base, admin, [
    [OFFICER, UNIT, ['officer']],
    ['mc.bench.inbox', 'DTP-TTHCC', ['reception']],
    ['tk.bench.inbox', 'DTP-VP', ['designer', 'publisher']],
  ]);
  const [, reception, designer] = Object.values(people);
  const deployed = await call('POST', `${engine.base}/definitions`, BPMN, designer);
  await call('POST', `${engine.base}/definitions/${KEY}/versions/${deployed.version}/publish`, {}, designer);
  const template = await call(
    'POST',
    `${engine.base}/dossiers`,
    { definitionKey: KEY, applicant: { kind: 'person', name: 'Mẫu' }, variables: { soThua: 'mau' } },
    reception,
  );
  const t0 = performance.now();
  // Dossiers 1..FINISHED are finished, FINISHED+1..FINISHED+OPEN wait at the unit's step.
  const total = FINISHED + OPEN;
  const name = (i) =>
    `(${sqlArray(FAMILY)})[1 + ${i} % ${FAMILY.length}] || ' ' || (${sqlArray(MIDDLE)})[1 + (${i} / ${FAMILY.length}) % ${MIDDLE.length}] || ' ' || (${sqlArray(GIVEN)})[1 + (${i} / ${FAMILY.length * MIDDLE.length}) % ${GIVEN.length}]`;
  for (let from = 1; from <= total; from += 100_000) {
    const to = Math.min(total, from + 99_999);
    await db.query(
      `INSERT INTO dossiers (id, code, definition_id, definition_key, definition_version, status, receiving_unit, channel,
                             applicant, state, variables, revision, created_at, updated_at, ended_at, deadlines, clock,
                             due_at, deadline_status)
       SELECT gen_random_uuid(), 'BENCH.H20-' || lpad(i::text, 8, '0'), t.definition_id, t.definition_key, t.definition_version,
              CASE WHEN i <= $2 THEN 'completed' ELSE 'active' END, t.receiving_unit, 'desk',
              jsonb_build_object('kind', 'person', 'name', ${name('i')}), t.state,
              jsonb_build_object('soThua', 'T' || lpad((i::bigint * 7919 % 9999991)::text, 7, '0'), 'soToBanDo', (i % 90 + 1)::text),
              1, now() - make_interval(mins => $2 + $3 - i), now(), CASE WHEN i <= $2 THEN now() END, '{}', 'none', NULL, 'on_track'
         FROM generate_series($4::int, $5::int) i, (SELECT * FROM dossiers WHERE id = $1) t`,
      [template.id, FINISHED, OPEN, from, to],
    );
  }
  console.log(`${total} dossiers in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const t1 = performance.now();
  await db.query(
    `INSERT INTO tasks (id, dossier_id, token_id, node_id, name, kind, status, unit, candidate_role, allotted_time, form,
                        local_variables, created_at, completed_at, completed_by, clock, due_at, due_soon_at, deadline_status, outcome)
     SELECT gen_random_uuid(), d.id, gen_random_uuid(), 'thamDinh', 'Thẩm định hồ sơ', 'user', CASE WHEN d.status = 'active' THEN 'active' ELSE 'completed' END,
            $1, 'officer', '3d', '[]', '{}', d.created_at, d.ended_at, CASE WHEN d.ended_at IS NOT NULL THEN $2 END,
            CASE WHEN d.status = 'active' THEN 'running' ELSE 'none' END,
            d.created_at + interval '3 days' + make_interval(mins => (hashtext(d.code) % 5000)),
            d.created_at + interval '2 days',
            CASE WHEN d.status <> 'active' THEN 'on_track' WHEN hashtext(d.code) % 20 = 0 THEN 'overdue'
                 WHEN hashtext(d.code) % 7 = 0 THEN 'due_soon' ELSE 'on_track' END,
            CASE WHEN d.status <> 'active' THEN 'on_time' END
       FROM dossiers d WHERE d.code LIKE 'BENCH.%'`,
    [UNIT, OFFICER],
  );
  await db.query(`VACUUM ANALYZE dossiers`);
  await db.query(`VACUUM ANALYZE tasks`);
  console.log(`${total} steps in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  const counts = (await db.query(`SELECT status, count(*)::int FROM tasks GROUP BY status ORDER BY status`))
    .rows;
  console.log(`steps: ${counts.map((r) => `${r.count} ${r.status}`).join(', ')}`);
}

/** The timings through the HTTP API, then the plans. */
async function measure(officer) {
  const sample = (
    await db.query(
      `SELECT d.code, d.variables->>'soThua' AS so_thua FROM dossiers d WHERE d.status = 'active' AND d.code LIKE 'BENCH.%'
        ORDER BY d.code DESC LIMIT 1 OFFSET 1234`,
    )
  ).rows[0];
  const base = `${engine.base}/tasks?status=active&order=due&limit=20`;
  console.log(
    `\ninbox of ${OFFICER} (${OPEN} open steps of ${UNIT}, ${FINISHED} finished), ${ITERATIONS} requests each:`,
  );
  await time('inbox, first page by due', base, officer);
  await time('inbox, overdue only', `${base}&deadlineStatus=overdue`, officer);
  await time('counts (status, procedure)', `${engine.base}/tasks/counts`, officer);
  await time('search name "nguyen van an"', `${base}&q=nguyen%20van%20an`, officer);
  await time(`search code "${sample.code.slice(-6)}"`, `${base}&q=${sample.code.slice(-6)}`, officer);
  await time(`search parcel "${sample.so_thua}"`, `${base}&q=${sample.so_thua}`, officer);
  await time('search nothing found "khong co"', `${base}&q=khong%20co`, officer);

  // The plans, with the statements the engine sends (TasksRepository.list and .counts), for the levers.
  const visible = `t.unit = $1 AND ((t.kind = 'user' AND (t.assignee = $2 OR t.candidate_role = ANY($3::text[])
        OR (t.candidate_role IS NULL AND $3 && ARRAY['officer','leader']))) OR (t.kind = 'external' AND 'officer' = ANY($3::text[])))`;
  // `d.status = 'active'` only with the counts and the search (see TasksRepository's filtersOf)
  const open = `t.status = 'active' AND t.kind = 'user' AND ${visible}`;
  const openDossiers = `${open} AND d.status = 'active'`;
  const list = (extra) =>
    `SELECT t.id, d.code, def.name FROM tasks t JOIN dossiers d ON d.id = t.dossier_id JOIN definitions def ON def.id = d.definition_id
      WHERE ${extra ? `${openDossiers} ${extra}` : open} ORDER BY COALESCE(t.due_at, 'infinity'::timestamptz), t.id LIMIT 21`;
  const search = 'AND d.search_text LIKE lienthong_fold($4)';
  for (const [label, sql, params] of [
    ['first page', list(''), []],
    [
      'counts',
      `SELECT c.deadline_status, def.key, def.version, def.name, c.count
        FROM (SELECT t.deadline_status, d.definition_id, count(*)::int AS count FROM tasks t JOIN dossiers d ON d.id = t.dossier_id
               WHERE ${openDossiers} GROUP BY t.deadline_status, d.definition_id) c JOIN definitions def ON def.id = c.definition_id`,
      [],
    ],
    ['search "nguyen van an"', list(search), ['%nguyen van an%']],
    ['search "khong co" (nothing found)', list(search), ['%khong co%']],
  ]) {
    const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, [
      UNIT,
      OFFICER,
      ['officer'],
      ...params,
    ]);
    console.log(`\nplan, ${label}:\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  }
}

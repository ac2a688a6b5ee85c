/**
 * Legal deadlines at scale: the deadline sweep and the recomputation of every open due instant after
 * a calendar change, over 1,000,000 open steps, measured through the engine's own services
 * (DeadlineSweeper.sweep, CalendarService.replaceYear -> DeadlineRecomputer.recomputeAll) on a real
 * PostgreSQL. A plain Node script that prints figures and asserts nothing (about 6-7 minutes on 2 cores):
 *
 *   npm run build && node --require ./test/bench/register.js test/bench/deadlines/sweep-recompute-bench.ts
 *
 * PostgreSQL: DATABASE_URL's server when set (database lt_bench_deadlines, dropped and recreated), else an
 * embedded one under <repo>/.data/bench-deadlines-pg with the engine's own settings (durability on: the
 * settings in effect are printed), stopped at the end. On the embedded server the bench database gets
 * log_min_duration_statement (the server times the engine's statements; parameters are not logged). The
 * engine boots in this process (createApp: migrations, units, calendar), a real procedure (4 parallel
 * steps) is deployed and one real dossier received; 250,000 dossiers x 4 open steps are then cloned from
 * it with set-based SQL, their clocks computed by the calendar library (see generateData).
 *
 * Order: data; sweeps (first, second, steady, after VACUUM); recompute through replaceYear (an extra day
 * off: the change records a calendar_recomputations row that the engine carries out at once: one connection
 * of its own scans the open dossiers in physical order, two write the batches); recompute with Saturday
 * mornings worked (every dossier's due instant moves). Then, with PROBE=1, experiments that change the
 * bench database only:
 * recompute variants (the engine's earlier algorithm copied: one connection, id order, JSON records, rolled
 * back, for comparison), the engine's recompute again with a larger WAL budget (ALTER SYSTEM on the
 * embedded server, reset right after), and the sweep with due indexes that marked rows leave (the engine's
 * two due indexes replaced). The figures of the targets come from the engine's services before any
 * experiment.
 *
 * Options (environment):
 *   DOSSIERS     open dossiers to generate, 4 open steps each (default 250000 -> 1,000,000 steps)
 *   STEADY       steady-state sweeps after the first two (default 8)
 *   PROBE        1 (default) runs the EXPLAINs and the experiments above; 0 skips them
 *   SATURDAYS    1 (default) also times recomputeAll with a calendar whose Saturday mornings are worked, so that
 *                every dossier's due instant moves; 0 skips it
 *   KEEP_DB      1 keeps the database after the run; default drops it
 */
import os from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { bpmnFixture } from '@lienthong/bpmn/testing';
import {
  dueSoonThreshold,
  startClock,
  type DeadlineClock,
  type OfficialDecision,
  type WorkingCalendar,
} from '@lienthong/calendar';
import { createApp } from '../../../apps/engine/src/main';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../../apps/engine/src/database/embedded-postgres';
import { DeadlineSweeper } from '../../../apps/engine/src/deadlines/deadline-sweeper.service';
import { DeadlineRecomputer } from '../../../apps/engine/src/deadlines/deadline-recomputer.service';
import { CalendarService } from '../../../apps/engine/src/calendar/calendar.service';
import { Clock } from '../../../apps/engine/src/common/clock/clock';
import { DefinitionsService } from '../../../apps/engine/src/definitions/definitions.service';
import { DossiersService } from '../../../apps/engine/src/dossiers/dossiers.service';
import { mirror, recomputeDeadlines, type DeadlineState } from '../../../apps/engine/src/runtime/deadlines';

const ROOT = join(__dirname, '..', '..', '..');
const DATABASE = 'lt_bench_deadlines';
const DOSSIERS = Number(process.env['DOSSIERS'] ?? 250_000);
const STEADY = Number(process.env['STEADY'] ?? 8);
const PROBE = (process.env['PROBE'] ?? '1') !== '0';
const KEEP_DB = process.env['KEEP_DB'] === '1';

/** The sweep instant: Wednesday 18/3/2026 10:00 in Vietnam. */
const NOW = new Date('2026-03-18T10:00:00+07:00');
/** The calendar change: an extra day off (a hypothetical decision) on Thursday 19/3/2026. */
const EXTRA_DAY_OFF = '2026-03-19';

const SATURDAYS = (process.env['SATURDAYS'] ?? '1') !== '0';
const EXTRA_DECISION: OfficialDecision = {
  id: '2026-bench-day-off',
  year: 2026,
  covers: [],
  name: 'Nghỉ (quyết định giả định, benchmark)',
  daysOff: { from: EXTRA_DAY_OFF, to: EXTRA_DAY_OFF },
  sources: [{ issuer: 'Benchmark', number: 'BENCH/2026', date: '2026-03-17', title: 'Hypothetical day off' }],
  unverified: true,
};

/** A day off far enough ahead that no open clock spans it. */
const FAR_DAY_OFF = '2026-09-03';

/** Statements of the engine slower than this are timed by the server (embedded server only). */
const LOG_MIN_DURATION_MS = 20;

const TARGET_SWEEP_S = 1;
const TARGET_RECOMPUTE_S = 30;

// The procedure: after reception, four steps run in parallel at four agencies (consultations of a
// land-parcel file), then the result is returned. 15 working days in all.
const STEPS = [
  { id: 't_tham_dinh', name: 'Thẩm định hồ sơ', unit: 'DTP-VPDK-CL', time: '5d', minutes: 2400 },
  { id: 't_thue', name: 'Xác định nghĩa vụ tài chính', unit: 'DTP-THUE-1', time: '3d', minutes: 1440 },
  { id: 't_y_kien_xa', name: 'Lấy ý kiến Ủy ban nhân dân xã', unit: 'XMT-UBND', time: '2d', minutes: 960 },
  { id: 't_thuc_dia', name: 'Kiểm tra thực địa', unit: 'DTP-VPDK', time: '1d', minutes: 480 },
] as const;
const LEGAL_MINUTES = 15 * 480;
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <parallelGateway id="split"/>
   ${STEPS.map(
     (
       s,
     ) => `<userTask id="${s.id}" name="${s.name}" lt:unit="${s.unit}" lt:candidateRole="officer" lt:allottedTime="${s.time}">
       <extensionElements><lt:form><lt:formField id="ketQua" label="Kết quả" type="text" required="true"/></lt:form></extensionElements>
     </userTask>`,
   ).join('\n')}
   <parallelGateway id="join"/>
   <userTask id="t_tra_kq" name="Trả kết quả" lt:unit="DTP-TTHCC" lt:candidateRole="reception" lt:allottedTime="4h"/>
   <endEvent id="e"/>
   <sequenceFlow id="f_s" sourceRef="s" targetRef="split"/>
   ${STEPS.map(
     (s) =>
       `<sequenceFlow id="f_in_${s.id}" sourceRef="split" targetRef="${s.id}"/><sequenceFlow id="f_out_${s.id}" sourceRef="${s.id}" targetRef="join"/>`,
   ).join('\n')}
   <sequenceFlow id="f_j" sourceRef="join" targetRef="t_tra_kq"/>
   <sequenceFlow id="f_e" sourceRef="t_tra_kq" targetRef="e"/>`,
  {
    id: 'bench-lay-y-kien',
    name: 'Tách thửa đất (lấy ý kiến song song) — benchmark',
    attrs: 'lt:procedureCode="1.012784" lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="15d"',
  },
);

// ---------------------------------------------------------------------------------------------------
// Output helpers

const t0 = performance.now();
function log(line = ''): void {
  console.log(line);
}
function section(title: string): void {
  log();
  log(
    `== ${title} ${'='.repeat(Math.max(0, 96 - title.length))} [t+${((performance.now() - t0) / 1000).toFixed(0)} s]`,
  );
}
function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
function ms(start: number): number {
  return performance.now() - start;
}
function secs(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}
async function timed<T>(what: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  const elapsed = ms(start);
  log(`  ${what}: ${secs(elapsed)}`);
  return { value, ms: elapsed };
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function startServer(): Promise<{
  adminUrl: string;
  embedded?: EmbeddedPostgresHandle;
  where: string;
}> {
  const external = process.env['DATABASE_URL'];
  if (external) return { adminUrl: external, where: 'DATABASE_URL server' };
  const dataDir = join(ROOT, '.data', 'bench-deadlines-pg');
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    logger: {
      log: () => {},
      debug: (message) => {
        if (serverLog.capturing) serverLog.buffer.push(message);
      },
      warn: (m) => log(`  [pg] ${m}`),
      error: (m) => log(`  [pg] ${m}`),
    },
  });
  return { adminUrl: embedded.urlFor('postgres'), embedded, where: `embedded PostgreSQL (${dataDir})` };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'lienthong-bench-deadlines' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// Data

interface Template {
  dossierId: string;
  taskIds: string[];
  tokenIds: string[];
  stateHasTaskIds: boolean;
}

/**
 * The clock of every (allotted, remaining-at-NOW) pair used, computed by the calendar library itself
 * (startClock), so that every row's due instants are exactly what the engine would have computed: the
 * clock started at `base` = NOW minus (allotted - remaining) working minutes.
 */
function clockTable(calendar: WorkingCalendar): {
  rows: Array<{ a: number; r: number; clock: DeadlineClock }>;
  mismatches: number;
} {
  const rows: Array<{ a: number; r: number; clock: DeadlineClock }> = [];
  let mismatches = 0;
  for (const a of [...STEPS.map((s) => s.minutes), LEGAL_MINUTES]) {
    for (let r = -1440; r <= a; r++) {
      const base = calendar.addWorkingTime(NOW, r - a);
      const clock = startClock(calendar, base, a, base);
      if (Math.round(calendar.workingMinutesBetween(NOW, new Date(clock.dueAt))) !== r) mismatches++;
      rows.push({ a, r, clock });
    }
  }
  return { rows, mismatches };
}

/**
 * DOSSIERS open dossiers, each with its 4 parallel steps open, cloned from the real template dossier with
 * INSERT … SELECT (ids: md5 of the row number, so random like the engine's UUIDs). Per step (deterministic
 * hash of its number), remaining working time at NOW:
 *   2 %   overdue for a while (-1440..-1 min), already marked 'overdue' by an earlier sweep;
 *   3 %   just overdue (-239..0 min), still 'on_track': the first sweep marks them;
 *   95 %  1..allotted min left; 'due_soon' already when within 80 % of the due-soon threshold, else
 *         'on_track' (those within the last 20 % of the threshold are marked by the first sweep).
 * Per dossier (15 working days): 2 % overdue and marked (overdue_holders recorded), 2 % just overdue
 * (-479..0 min), else 1..7200 min left ('due_soon' already when <= 240 min left, the threshold being 480).
 */
async function generateData(sql: Client, calendar: WorkingCalendar, template: Template): Promise<void> {
  const table = await timed('clock table (JS, calendar library)', async () => clockTable(calendar));
  log(`    ${fmt(table.value.rows.length)} distinct clocks, ${table.value.mismatches} with remaining != r`);
  await timed('clock table -> temp table', async () => {
    await sql.query(`CREATE TEMP TABLE clk (a int, r int, clock jsonb, due_at timestamptz, due_soon_at timestamptz, base timestamptz,
                                            PRIMARY KEY (a, r))`);
    const rows = table.value.rows;
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000).map((x) => ({ a: x.a, r: x.r, clock: x.clock }));
      await sql.query(
        `INSERT INTO clk SELECT a, r, clock, (clock->>'dueAt')::timestamptz, (clock->>'dueSoonAt')::timestamptz, (clock->>'base')::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS x(a int, r int, clock jsonb)`,
        [JSON.stringify(chunk)],
      );
    }
    await sql.query(`ANALYZE clk`);
  });

  const thresholds = STEPS.map((s) => dueSoonThreshold(s.minutes));
  await timed(`plan: ${fmt(DOSSIERS)} dossiers x ${STEPS.length} steps (temp tables)`, async () => {
    await sql.query(`CREATE TEMP TABLE steps (k int PRIMARY KEY, a int, thr int, tmpl_task uuid)`);
    await sql.query(
      `INSERT INTO steps SELECT k, a, thr, tmpl FROM unnest($1::int[], $2::int[], $3::int[], $4::uuid[]) AS x(k, a, thr, tmpl)`,
      [STEPS.map((_, i) => i + 1), STEPS.map((s) => s.minutes), thresholds, template.taskIds],
    );
    await sql.query(
      `CREATE TEMP TABLE dplan AS
       SELECT n, md5('d' || n)::uuid AS id, u1,
              CASE WHEN u1 < 0.02 THEN -1 - floor(u2 * 1440)::int
                   WHEN u1 < 0.04 THEN -floor(u2 * 480)::int
                   ELSE 1 + floor(u2 * ${LEGAL_MINUTES})::int END AS r
         FROM generate_series(1, $1::int) AS n,
              LATERAL (SELECT (hashint8extended(n, 11) & 2147483647)::float8 / 2147483648 AS u1,
                              (hashint8extended(n, 12) & 2147483647)::float8 / 2147483648 AS u2) AS u`,
      [DOSSIERS],
    );
    await sql.query(
      `CREATE TEMP TABLE tplan AS
       SELECT p.n, s.k, p.id AS dossier_id, md5('t' || p.n || '-' || s.k)::uuid AS id, md5('k' || p.n || '-' || s.k)::uuid AS token_id,
              s.a, s.tmpl_task, rr.r,
              CASE WHEN u.v1 < 0.02 THEN 'overdue' WHEN u.v1 < 0.05 THEN 'on_track'
                   WHEN rr.r <= s.thr * 0.8 THEN 'due_soon' ELSE 'on_track' END AS status
         FROM dplan p CROSS JOIN steps s,
              LATERAL (SELECT (hashint8extended(p.n * 4 + s.k, 21) & 2147483647)::float8 / 2147483648 AS v1,
                              (hashint8extended(p.n * 4 + s.k, 22) & 2147483647)::float8 / 2147483648 AS v2) AS u,
              LATERAL (SELECT CASE WHEN u.v1 < 0.02 THEN -1 - floor(u.v2 * 1440)::int
                                   WHEN u.v1 < 0.05 THEN -floor(u.v2 * 240)::int
                                   ELSE 1 + floor(u.v2 * s.a)::int END AS r) AS rr`,
    );
  });

  // The template row as jsonb, overridden column by column: robust to columns added by later migrations.
  // Dossiers first: the steps reference them.
  const replaceIds = [
    ...template.taskIds.map((id, i) => [id, `(a.task_ids)[${i + 1}]::text`] as const),
    ...template.tokenIds.map((id, i) => [id, `(a.token_ids)[${i + 1}]::text`] as const),
    [template.dossierId, 'p.id::text'] as const,
  ];
  const stateExpr = replaceIds.reduce(
    (expr, [from, to]) => `replace(${expr}, '${from}', ${to})`,
    'tt.state::text',
  );
  await timed(`INSERT ${fmt(DOSSIERS)} dossiers (deadlines jsonb built from the steps' clocks)`, async () => {
    await sql.query(
      `INSERT INTO dossiers
       SELECT r.* FROM dplan p
         JOIN clk c ON c.a = ${LEGAL_MINUTES} AND c.r = p.r
         JOIN (SELECT t.dossier_id, jsonb_object_agg(t.id::text, c2.clock) AS clocks,
                      array_agg(t.id ORDER BY t.k) AS task_ids, array_agg(t.token_id ORDER BY t.k) AS token_ids,
                      jsonb_agg(jsonb_build_object('taskId', t.id, 'nodeId', tk.node_id, 'unit', tk.unit,
                                                   'candidateRole', tk.candidate_role) ORDER BY t.k) AS holders
                 FROM tplan t JOIN clk c2 ON c2.a = t.a AND c2.r = t.r JOIN tasks tk ON tk.id = t.tmpl_task
                GROUP BY t.dossier_id) a ON a.dossier_id = p.id
         CROSS JOIN (SELECT * FROM dossiers WHERE id = $1) tt,
         LATERAL jsonb_populate_record(NULL::dossiers, to_jsonb(tt) || jsonb_build_object(
           'id', p.id, 'code', 'BENCH-' || lpad(p.n::text, 7, '0'), 'state', (${stateExpr})::jsonb,
           'applicant', jsonb_build_object('name', 'Nguyễn Văn ' || p.n, 'idNumber', lpad((87090000000 + p.n)::text, 12, '0')),
           'created_at', c.base, 'updated_at', $2::timestamptz,
           'deadlines', jsonb_build_object('dossier', c.clock, 'tasks', a.clocks, 'pausedBy', '[]'::jsonb, 'exempt', '[]'::jsonb),
           'clock', 'running', 'due_at', c.due_at, 'due_soon_at', c.due_soon_at, 'appointment_at', c.due_at,
           'deadline_status', CASE WHEN p.u1 < 0.02 THEN 'overdue' WHEN p.u1 >= 0.04 AND p.r <= 240 THEN 'due_soon' ELSE 'on_track' END,
           'overdue_holders', CASE WHEN p.u1 < 0.02 THEN a.holders END)) AS r
        ORDER BY p.n`,
      [template.dossierId, NOW],
    );
  });
  await timed(`INSERT ${fmt(DOSSIERS * STEPS.length)} tasks`, async () => {
    await sql.query(
      `INSERT INTO tasks
       SELECT r.* FROM tplan t
         JOIN clk c ON c.a = t.a AND c.r = t.r
         JOIN tasks tt ON tt.id = t.tmpl_task,
         LATERAL jsonb_populate_record(NULL::tasks, to_jsonb(tt) || jsonb_build_object(
           'id', t.id, 'dossier_id', t.dossier_id, 'token_id', t.token_id, 'created_at', c.base,
           'clock', 'running', 'due_at', c.due_at, 'due_soon_at', c.due_soon_at, 'deadline_status', t.status)) AS r
        ORDER BY t.n, t.k`,
    );
  });
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  section('machine');
  log(
    `  nproc ${os.cpus().length} (${os.cpus()[0]?.model ?? '?'}), memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `node ${process.version}, ${os.type()} ${os.release()}`,
  );
  log(
    `  scale: ${fmt(DOSSIERS)} open dossiers x ${STEPS.length} open steps = ${fmt(DOSSIERS * STEPS.length)} open steps`,
  );

  const server = await startServer();
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    await withClient(server.adminUrl, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    });
    const databaseUrl = withDatabase(server.adminUrl, DATABASE);
    if (server.embedded) {
      // Superuser settings of the bench database (new sessions: the engine's pool): the server times the
      // engine's statements; bind parameters (megabytes of JSON) are not logged.
      await withClient(server.adminUrl, async (admin) => {
        await admin.query(
          `ALTER DATABASE ${DATABASE} SET log_min_duration_statement = ${LOG_MIN_DURATION_MS}`,
        );
        await admin.query(`ALTER DATABASE ${DATABASE} SET log_parameter_max_length = 0`);
      });
      serverLog.enabled = true;
    }
    const sql = new Client({ connectionString: databaseUrl, application_name: 'lienthong-bench-deadlines' });
    await sql.connect();
    try {
      const { rows: version } = await sql.query<{ v: string }>(`SELECT version() AS v`);
      log(`  PostgreSQL: ${server.where}: ${version[0]?.v}`);
      const { rows: settings } = await sql.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
        [
          [
            'shared_buffers',
            'work_mem',
            'maintenance_work_mem',
            'effective_cache_size',
            'fsync',
            'synchronous_commit',
            'full_page_writes',
            'wal_level',
            'max_wal_size',
            'checkpoint_timeout',
            'jit',
            'random_page_cost',
            'max_parallel_workers_per_gather',
            'autovacuum',
            'plan_cache_mode',
            'io_method',
          ],
        ],
      );
      log(
        `  settings: ${settings.map((s) => `${s.name}=${s.setting}${s.unit ? ` ${s.unit}` : ''}`).join(', ')}`,
      );

      section('engine boot (createApp: migrations, units, calendar)');
      const boot = performance.now();
      app = await createApp({
        config: {
          databaseUrl,
          mode: 'test',
          seedDemo: false,
          jobsEnabled: false,
          deadlineSweepMs: 0,
          logLevel: 'warn',
        },
      });
      log(`  booted in ${secs(ms(boot))}`);
      const sweeper = app.get(DeadlineSweeper);
      const recomputer = app.get(DeadlineRecomputer);
      const calendars = app.get(CalendarService);
      const clock = app.get(Clock);
      const definitions = app.get(DefinitionsService);
      const dossiers = app.get(DossiersService);
      const calendar = calendars.current();
      log(`  calendar in force: ${calendar.version} (${calendars.source} decisions)`);

      section('data generation');
      const genStart = performance.now();
      // One real dossier of a real procedure: the template of every row.
      const deployed = await definitions.deploy(PROCEDURE);
      await definitions.publish(deployed.key, deployed.version);
      clock.set(new Date(NOW.getTime() - 3 * 86_400_000));
      const created = await dossiers.create(
        { definitionKey: deployed.key, applicant: { name: 'Nguyễn Văn Mẫu', idNumber: '087090000000' } },
        // The desk of the procedure's receiving unit receives it.
        {
          kind: 'user',
          id: 'bench',
          name: 'bench',
          displayName: 'bench',
          unit: 'DTP-TTHCC',
          roles: ['reception'],
        },
      );
      clock.set(NOW);
      const { rows: tmplTasks } = await sql.query<{ id: string; token_id: string; node_id: string }>(
        `SELECT id, token_id, node_id FROM tasks WHERE dossier_id = $1 AND status = 'active'`,
        [created.id],
      );
      const byNode = new Map(tmplTasks.map((t) => [t.node_id, t]));
      const ordered = STEPS.map((s) => byNode.get(s.id));
      if (ordered.some((t) => t === undefined))
        throw new Error(`template dossier: unexpected steps ${JSON.stringify(tmplTasks)}`);
      const { rows: tmplState } = await sql.query<{ state: string; deadlines: string }>(
        `SELECT state::text AS state, deadlines::text AS deadlines FROM dossiers WHERE id = $1`,
        [created.id],
      );
      const template: Template = {
        dossierId: created.id,
        taskIds: ordered.map((t) => t!.id),
        tokenIds: ordered.map((t) => t!.token_id),
        stateHasTaskIds: ordered.some((t) => tmplState[0]!.state.includes(t!.id)),
      };
      log(
        `  template dossier ${created.code}: ${tmplTasks.length} open steps, state ${tmplState[0]!.state.length} chars ` +
          `(task ids inside: ${template.stateHasTaskIds}), deadlines ${tmplState[0]!.deadlines.length} chars`,
      );

      await generateData(sql, calendar, template);
      await timed('VACUUM (ANALYZE) dossiers, tasks', async () => {
        await sql.query(`VACUUM (ANALYZE) dossiers`);
        await sql.query(`VACUUM (ANALYZE) tasks`);
      });
      await timed('CHECKPOINT', async () => sql.query(`CHECKPOINT`));
      log(`  data generation total: ${secs(ms(genStart))}`);
      await printSizes(sql);

      const { rows: expected } = await sql.query(
        `SELECT (SELECT count(*) FROM tasks WHERE status = 'active' AND clock = 'running')::int AS open_tasks,
                (SELECT count(*) FROM tasks WHERE status = 'active' AND clock = 'running' AND due_at <= $1 AND deadline_status <> 'overdue')::int AS tasks_overdue,
                (SELECT count(*) FROM tasks WHERE status = 'active' AND clock = 'running' AND due_at <= $1 AND deadline_status = 'overdue')::int AS tasks_already_overdue,
                (SELECT count(*) FROM tasks WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track' AND due_soon_at <= $1 AND due_at > $1)::int AS tasks_due_soon,
                (SELECT count(*) FROM tasks WHERE status = 'active' AND clock = 'running' AND deadline_status = 'due_soon')::int AS tasks_already_due_soon,
                (SELECT count(*) FROM dossiers WHERE status = 'active' AND clock = 'running')::int AS open_dossiers,
                (SELECT count(*) FROM dossiers WHERE status = 'active' AND clock = 'running' AND due_at <= $1 AND overdue_holders IS NULL)::int AS dossiers_overdue,
                (SELECT count(*) FROM dossiers WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track' AND due_soon_at <= $1 AND due_at > $1)::int AS dossiers_due_soon`,
        [NOW],
      );
      const e = expected[0] as Record<string, number>;
      log(`  at the sweep instant ${NOW.toISOString()} (Wed 18/3/2026 10:00 +07):`);
      log(
        `    open running steps ${fmt(e['open_tasks']!)}: to mark overdue ${fmt(e['tasks_overdue']!)} ` +
          `(${((100 * e['tasks_overdue']!) / e['open_tasks']!).toFixed(2)} %), to mark due soon ${fmt(e['tasks_due_soon']!)} ` +
          `(${((100 * e['tasks_due_soon']!) / e['open_tasks']!).toFixed(2)} %); already overdue ${fmt(e['tasks_already_overdue']!)}, already due soon ${fmt(e['tasks_already_due_soon']!)}`,
      );
      log(
        `    open running dossiers ${fmt(e['open_dossiers']!)}: to mark overdue ${fmt(e['dossiers_overdue']!)}, to mark due soon ${fmt(e['dossiers_due_soon']!)}`,
      );

      section('sweep (DeadlineSweeper.sweep)');
      if (PROBE) await explainSweep(sql, 'plans before the first sweep (EXPLAIN, not executed)', false);
      captureStart();
      const first = await timed('first sweep at NOW', () => sweeper.sweep(NOW));
      log(`    -> ${JSON.stringify(first.value)}`);
      printStatements(captureStop());
      captureStart();
      const second = await timed('second sweep at NOW (nothing to mark)', () => sweeper.sweep(NOW));
      log(`    -> ${JSON.stringify(second.value)}`);
      printStatements(captureStop());
      const steady: number[] = [];
      captureStart();
      for (let i = 1; i <= STEADY; i++) {
        const at = minutesAfter(NOW, i);
        const start = performance.now();
        const result = await sweeper.sweep(at);
        steady.push(ms(start));
        log(
          `  steady sweep ${i} at NOW+${i} min: ${steady[steady.length - 1]!.toFixed(0)} ms -> ${JSON.stringify(result)}`,
        );
      }
      const sorted = [...steady].sort((x, y) => x - y);
      const steadyMedian = sorted[Math.floor(sorted.length / 2)] ?? NaN;
      log(
        `  steady state over ${STEADY} sweeps: median ${steadyMedian.toFixed(0)} ms, ` +
          `max ${sorted[sorted.length - 1]?.toFixed(0)} ms`,
      );
      printStatements(captureStop());
      let clockAt = minutesAfter(NOW, STEADY);
      await preparedPlans(app);
      if (PROBE) {
        await explainSweep(sql, 'steady-state plans (EXPLAIN ANALYZE, rolled back)', true, clockAt);
        await genericPlans(sql, clockAt);
      }
      const deadRows = await deadTuples(sql);
      await timed(`VACUUM tasks, dossiers (dead rows before: ${deadRows})`, async () => {
        await sql.query(`VACUUM tasks`);
        await sql.query(`VACUUM dossiers`);
      });
      const vacuumed: number[] = [];
      for (let i = 1; i <= 3; i++) {
        clockAt = minutesAfter(clockAt, 1);
        const start = performance.now();
        const result = await sweeper.sweep(clockAt);
        vacuumed.push(ms(start));
        log(
          `  steady sweep after VACUUM ${i}: ${vacuumed[i - 1]!.toFixed(0)} ms -> ${JSON.stringify(result)}`,
        );
      }

      section('recompute after a calendar change (CalendarService.replaceYear -> DeadlineRecomputer)');
      clockAt = minutesAfter(clockAt, 1);
      clock.set(clockAt);
      log(`  engine clock at ${clockAt.toISOString()} (after the last sweep: time only moves forward)`);
      await snapshot(sql);
      const year2026 = calendars.decisionsOf(2026).decisions;
      const eventsBefore = await count(
        sql,
        `SELECT count(*)::int AS n FROM deadline_events WHERE kind = 'recomputed'`,
      );
      const io = await ioMark(sql);
      captureStart();
      const wall = performance.now();
      const replaced = await calendars.replaceYear(
        2026,
        [...year2026, EXTRA_DECISION],
        'bench',
        `benchmark: extra day off ${EXTRA_DAY_OFF}`,
      );
      const replaceMs = ms(wall);
      const running = recomputer.last;
      if (!replaced.changed || running === null)
        throw new Error('the calendar change did not start a recomputation');
      const result = await running;
      const totalMs = ms(wall);
      const statements = captureStop();
      log(
        `  calendar ${replaced.previousVersion} -> ${replaced.version} (replaceYear ${replaceMs.toFixed(0)} ms, then the recomputation it triggers)`,
      );
      const openSteps = await printRecompute(sql, result, totalMs, 'from replaceYear to done');
      printStatements(statements);
      await printIo(sql, io);
      await verifyRecompute(sql, replaced.version, eventsBefore);
      await printSizes(sql);
      const after = await timed('sweep right after the recomputation', () => sweeper.sweep(clockAt));
      log(`    -> ${JSON.stringify(after.value)}`);
      clockAt = minutesAfter(clockAt, 1);
      const after2 = await timed('and again 1 min later', () => sweeper.sweep(clockAt));
      log(`    -> ${JSON.stringify(after2.value)}`);

      let saturdays: { seconds: number } | null = null;
      if (SATURDAYS) {
        section('recompute, every due instant moving: recomputeAll(reason, actor, Saturday mornings worked)');
        clockAt = minutesAfter(clockAt, 1);
        clock.set(clockAt);
        await snapshot(sql);
        const {
          WorkingCalendar: Calendar,
          DEFAULT_OFFICIAL_DECISIONS,
          DEFAULT_OFFICE_HOURS,
        } = await import('@lienthong/calendar');
        const saturdayCalendar = new Calendar({
          officeHours: DEFAULT_OFFICE_HOURS,
          cutoff: 'none',
          weeklyPattern: { sat: [{ from: '07:30', to: '11:30' }] },
          decisions: {
            version: 'bench-saturdays',
            decisions: [...DEFAULT_OFFICIAL_DECISIONS.decisions, EXTRA_DECISION],
          },
        });
        const before = await count(
          sql,
          `SELECT count(*)::int AS n FROM deadline_events WHERE kind = 'recomputed'`,
        );
        const io2 = await ioMark(sql);
        captureStart();
        const start = performance.now();
        const r2 = await recomputer.recomputeAll(
          'benchmark: Saturday mornings worked',
          'bench',
          saturdayCalendar,
        );
        const wall2 = ms(start);
        const statements2 = captureStop();
        await printRecompute(sql, r2, wall2, 'wall');
        printStatements(statements2);
        await printIo(sql, io2);
        await verifyRecompute(sql, saturdayCalendar.version, before);
        saturdays = r2;
        captureStart();
        const after3 = await timed('sweep right after', () => sweeper.sweep(clockAt));
        log(`    -> ${JSON.stringify(after3.value)}`);
        printStatements(captureStop());
      }

      if (PROBE) {
        const {
          WorkingCalendar: Calendar,
          DEFAULT_OFFICIAL_DECISIONS,
          DEFAULT_OFFICE_HOURS,
        } = await import('@lienthong/calendar');
        // The calendar the clocks now carry, plus a day off that no open clock spans.
        const farCalendar = new Calendar({
          officeHours: DEFAULT_OFFICE_HOURS,
          cutoff: 'none',
          ...(SATURDAYS ? { weeklyPattern: { sat: [{ from: '07:30', to: '11:30' }] } } : {}),
          decisions: {
            version: 'bench-far',
            decisions: [
              ...DEFAULT_OFFICIAL_DECISIONS.decisions,
              EXTRA_DECISION,
              { ...EXTRA_DECISION, id: '2026-bench-far', daysOff: { from: FAR_DAY_OFF, to: FAR_DAY_OFF } },
            ],
          },
        });
        clockAt = minutesAfter(clockAt, 1);
        await probeRecompute(databaseUrl, calendars.current(), farCalendar, clockAt);
        if (server.embedded) {
          clockAt = minutesAfter(clockAt, 1);
          clock.set(clockAt);
          await recomputeWithWalBudget(sql, recomputer, calendars.current(), sweeper, clockAt);
          clockAt = minutesAfter(clockAt, 30);
        }
        clockAt = await probeSweepIndexes(sql, sweeper, app, minutesAfter(clockAt, 1));
      }

      section('summary');
      log(`  (1) working-time additions: see calendar-bench.ts (target >= 1,000,000/s)`);
      log(
        `  (2) sweep over ${fmt(e['open_tasks']!)} open steps: first ${secs(first.ms)} (marked ${fmt(first.value?.tasksOverdue ?? 0)} steps overdue, ` +
          `${fmt(first.value?.tasksDueSoon ?? 0)} due soon, ${fmt(first.value?.dossiersOverdue ?? 0)} + ${fmt(first.value?.dossiersDueSoon ?? 0)} dossiers), ` +
          `second ${secs(second.ms)}, steady median ${secs(steadyMedian)} (after VACUUM ${secs(vacuumed[vacuumed.length - 1] ?? NaN)}) -> target < ${TARGET_SWEEP_S} s: ` +
          `${first.ms < TARGET_SWEEP_S * 1000 ? 'MET' : 'MISSED'} for the first sweep, ${steadyMedian < TARGET_SWEEP_S * 1000 ? 'MET' : 'MISSED'} in steady state`,
      );
      log(
        `  (3) recompute ${fmt(result.dossiers)} dossiers / ${fmt(openSteps)} steps after replaceYear: ${result.seconds.toFixed(2)} s -> target < ${TARGET_RECOMPUTE_S} s: ` +
          `${result.seconds < TARGET_RECOMPUTE_S ? 'MET' : 'MISSED'}` +
          (saturdays
            ? `; with every dossier's due instant moving: ${saturdays.seconds.toFixed(2)} s -> ${saturdays.seconds < TARGET_RECOMPUTE_S ? 'MET' : 'MISSED'}`
            : ''),
      );
      log(`  total run ${secs(ms(t0))}`);
    } finally {
      await sql.end();
    }
  } finally {
    await app?.close();
    if (!KEEP_DB) {
      await withClient(server.adminUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`),
      ).catch((error: unknown) => log(`  could not drop ${DATABASE}: ${String(error)}`));
    }
    await server.embedded?.stop();
  }
}

/** The due instants before a recomputation, to verify it afterwards. */
async function snapshot(sql: Client): Promise<void> {
  await timed('snapshot of due instants before (for verification)', async () => {
    await sql.query(`DROP TABLE IF EXISTS before_tasks, before_dossiers`);
    await sql.query(
      `CREATE TEMP TABLE before_tasks AS SELECT id, due_at, deadline_status FROM tasks WHERE status = 'active'`,
    );
    await sql.query(
      `CREATE TEMP TABLE before_dossiers AS SELECT id, due_at, deadline_status, overdue_holders IS NOT NULL AS held FROM dossiers WHERE status = 'active'`,
    );
  });
}

async function printRecompute(
  sql: Client,
  result: { dossiers: number; changed: number; seconds: number },
  wallMs: number,
  wallLabel: string,
): Promise<number> {
  const steps = await count(sql, `SELECT count(*)::int AS n FROM tasks WHERE status = 'active'`);
  log(
    `  recomputeAll: ${fmt(result.dossiers)} dossiers written (${fmt(steps)} open steps with them), ` +
      `${fmt(result.changed)} dossier due instants moved, ${result.seconds.toFixed(2)} s by its own measure; ${secs(wallMs)} ${wallLabel}`,
  );
  log(
    `  rates: ${fmt(Math.round(result.dossiers / result.seconds))} dossiers/s, ${fmt(Math.round(steps / result.seconds))} steps/s, ` +
      `${fmt(Math.round((steps + result.dossiers) / result.seconds))} rows/s (dossiers + steps)`,
  );
  return steps;
}

async function count(sql: Client, text: string, params: unknown[] = []): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(text, params);
  return rows[0]?.n ?? 0;
}

async function printSizes(sql: Client): Promise<void> {
  const { rows } = await sql.query<{
    rel: string;
    rows: string;
    heap: string;
    toast: string;
    indexes: string;
    total: string;
  }>(
    `SELECT c.relname AS rel, CASE WHEN c.reltuples < 0 THEN '?' ELSE c.reltuples::bigint::text END AS rows,
            pg_size_pretty(pg_relation_size(c.oid)) AS heap,
            pg_size_pretty(coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0)) AS toast,
            pg_size_pretty(pg_indexes_size(c.oid)) AS indexes, pg_size_pretty(pg_total_relation_size(c.oid)) AS total
       FROM pg_class c WHERE c.relname IN ('dossiers', 'tasks', 'deadline_events') ORDER BY c.relname`,
  );
  for (const r of rows) {
    log(
      `  table ${r.rel}: ~${r.rows === '?' ? '?' : fmt(Number(r.rows))} rows, heap ${r.heap}, toast ${r.toast}, indexes ${r.indexes}, total ${r.total}`,
    );
  }
  const { rows: idx } = await sql.query<{ name: string; size: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_size_pretty(pg_relation_size(indexrelid)) AS size
       FROM pg_index WHERE indrelid IN ('tasks'::regclass, 'dossiers'::regclass) ORDER BY indrelid::regclass::text, 1`,
  );
  log(`  indexes: ${idx.map((i) => `${i.name} ${i.size}`).join(', ')}`);
  const { rows: widths } = await sql.query<{ deadlines: number; state: number; row: number }>(
    `SELECT avg(pg_column_size(deadlines))::int AS deadlines, avg(pg_column_size(state))::int AS state,
            avg(pg_column_size(d.*))::int AS row FROM (SELECT * FROM dossiers TABLESAMPLE SYSTEM (1)) d`,
  );
  log(
    `  dossier row (1 % sample): deadlines jsonb ${widths[0]?.deadlines} B, state jsonb ${widths[0]?.state} B, whole row ${widths[0]?.row} B (stored sizes)`,
  );
}

// The sweeper's four statements, as the engine runs them (copied for EXPLAIN only).
const SWEEP_STATEMENTS: Array<[string, string]> = [
  [
    'tasks overdue',
    `WITH x AS (UPDATE tasks SET deadline_status = 'overdue'
                 WHERE status = 'active' AND clock = 'running' AND due_at <= $1 AND deadline_status <> 'overdue'
             RETURNING id, dossier_id, unit, node_id, due_at),
          e AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, actor, new_due_at, data)
                SELECT dossier_id, id, $1, 'overdue', 'system', due_at, jsonb_build_object('unit', unit, 'nodeId', node_id) FROM x)
     SELECT count(*)::int AS n FROM x`,
  ],
  [
    'tasks due soon',
    `WITH x AS (UPDATE tasks SET deadline_status = 'due_soon'
                 WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track' AND due_soon_at <= $1 AND due_at > $1
             RETURNING id, dossier_id, unit, node_id, due_at),
          e AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, actor, new_due_at, data)
                SELECT dossier_id, id, $1, 'due_soon', 'system', due_at, jsonb_build_object('unit', unit, 'nodeId', node_id) FROM x)
     SELECT count(*)::int AS n FROM x`,
  ],
  [
    'dossiers overdue',
    `WITH x AS (UPDATE dossiers d SET deadline_status = 'overdue',
                       overdue_holders = (SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', t.id, 'nodeId', t.node_id, 'unit', t.unit,
                                                                    'candidateRole', t.candidate_role)), '[]'::jsonb)
                                            FROM tasks t WHERE t.dossier_id = d.id AND t.status = 'active')
                 WHERE d.status = 'active' AND d.clock = 'running' AND d.due_at <= $1 AND d.overdue_holders IS NULL
             RETURNING d.id, d.due_at, d.overdue_holders),
          e AS (INSERT INTO deadline_events (dossier_id, at, kind, actor, new_due_at, data)
                SELECT id, $1, 'overdue', 'system', due_at, jsonb_build_object('holders', overdue_holders) FROM x)
     SELECT count(*)::int AS n FROM x`,
  ],
  [
    'dossiers due soon',
    `WITH x AS (UPDATE dossiers SET deadline_status = 'due_soon'
                 WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track' AND due_soon_at <= $1 AND due_at > $1
             RETURNING id, due_at),
          e AS (INSERT INTO deadline_events (dossier_id, at, kind, actor, new_due_at) SELECT id, $1, 'due_soon', 'system', due_at FROM x)
     SELECT count(*)::int AS n FROM x`,
  ],
];

/** Plan lines worth reading: scans, their row counts and timings; the execution time. */
function planDigest(lines: string[]): string[] {
  return lines
    .filter((l) =>
      /Scan on (tasks|dossiers)|Index Cond|Filter|Rows Removed|Execution Time|Heap Blocks|Update on|Insert on|Workers/.test(
        l,
      ),
    )
    .map((l) => `      ${l.replace(/\s+$/, '')}`);
}

async function explainSweep(sql: Client, title: string, analyze: boolean, at: Date = NOW): Promise<void> {
  log(`  -- ${title}`);
  for (const [name, text] of SWEEP_STATEMENTS) {
    await sql.query('BEGIN');
    try {
      const { rows } = await sql.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (${analyze ? 'ANALYZE, BUFFERS, ' : ''}COSTS OFF) ${text}`,
        [at],
      );
      log(`    [${name}]`);
      for (const line of planDigest(rows.map((r) => r['QUERY PLAN']))) log(line);
    } finally {
      await sql.query('ROLLBACK');
    }
  }
}

/**
 * The engine runs every statement as a named prepared statement (Db), and PostgreSQL may switch a prepared
 * statement to a generic plan after 5 executions on a connection: what would the generic plan be?
 */
async function genericPlans(sql: Client, at: Date): Promise<void> {
  log(`  -- generic plans (plan_cache_mode = force_generic_plan, EXPLAIN ANALYZE, rolled back)`);
  await sql.query('BEGIN');
  try {
    await sql.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    for (const [i, [name, text]] of SWEEP_STATEMENTS.entries()) {
      await sql.query(`PREPARE bench_sweep_${i}(timestamptz) AS ${text}`);
      const { rows } = await sql.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE bench_sweep_${i}('${at.toISOString()}')`,
      );
      log(`    [${name}]`);
      for (const line of planDigest(rows.map((r) => r['QUERY PLAN']))) log(line);
      await sql.query(`DEALLOCATE bench_sweep_${i}`);
    }
  } finally {
    await sql.query('ROLLBACK');
  }
}

/** The recomputer's earlier write statement (one JSON record per row; copied for comparison only). */
const RECOMPUTE_WRITE = `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, revision int, deadlines jsonb, clock text, due_at timestamptz,
                         due_soon_at timestamptz, deadline_status text, appointment timestamptz, previous_due timestamptz)),
            d AS (UPDATE dossiers SET deadlines = x.deadlines, clock = x.clock, due_at = x.due_at, due_soon_at = x.due_soon_at,
                         deadline_status = x.deadline_status, revision = dossiers.revision + 1,
                         appointment_at = CASE WHEN dossiers.extension IS NULL THEN x.appointment ELSE dossiers.appointment_at END
                    FROM x WHERE dossiers.id = x.id AND dossiers.revision = x.revision
                  RETURNING dossiers.id, x.previous_due IS DISTINCT FROM x.due_at AS moved, x.previous_due, x.due_at),
            t AS (UPDATE tasks SET due_at = y.due_at, due_soon_at = y.due_soon_at, deadline_status = y.deadline_status
                    FROM jsonb_to_recordset($2::jsonb) AS y(id uuid, dossier_id uuid, due_at timestamptz, due_soon_at timestamptz,
                         deadline_status text)
                   WHERE tasks.id = y.id AND tasks.status = 'active' AND y.dossier_id IN (SELECT id FROM d)
                  RETURNING 1),
            e AS (INSERT INTO deadline_events (dossier_id, at, kind, reason, actor, previous_due_at, new_due_at, calendar_version)
                  SELECT id, $3, 'recomputed', $4, $5, previous_due, due_at, $6 FROM d WHERE moved
                  RETURNING 1)
       SELECT id, moved FROM d`;

interface ProbeOptions {
  label: string;
  batch: number;
  /** Batches per worker. */
  batches: number;
  /** First id of each worker (disjoint ranges of the id space, so that variants touch different rows). */
  starts: string[];
  /**
   * `steps`: write only the steps whose due instants or status changed (the engine writes every open step);
   * `rows`: also skip the dossiers none of whose clocks moved.
   */
  changedOnly?: 'steps' | 'rows';
  /** Another calendar than the probe's. */
  calendar?: WorkingCalendar;
}

/**
 * Where a recompute batch spends its time, and what would help: the engine's algorithm (read, JS
 * recomputation, JSON, write) copied step by step, on disjoint ranges of dossiers, each worker inside a
 * transaction rolled back. Run after the engine's own measurements.
 */
async function probeRecompute(
  databaseUrl: string,
  calendar: WorkingCalendar,
  farCalendar: WorkingCalendar,
  now: Date,
): Promise<void> {
  section('investigation: recompute batches (engine algorithm copied, rolled back)');
  log(
    `  calendar ${calendar.version} over the current clocks (undoes the Saturday mornings: most due instants move)`,
  );
  const variants: ProbeOptions[] = [
    {
      label: 'engine (batch 2000, 1 worker)',
      batch: 2000,
      batches: 10,
      starts: ['00000000-0000-0000-0000-000000000000'],
    },
    {
      label: 'batch 10000, 1 worker',
      batch: 10000,
      batches: 2,
      starts: ['20000000-0000-0000-0000-000000000000'],
    },
    {
      label: 'batch 500, 1 worker',
      batch: 500,
      batches: 40,
      starts: ['40000000-0000-0000-0000-000000000000'],
    },
    {
      label: 'batch 2000, changed steps only',
      batch: 2000,
      batches: 10,
      starts: ['58000000-0000-0000-0000-000000000000'],
      changedOnly: 'steps',
    },
    {
      label: 'batch 2000, 2 workers in parallel',
      batch: 2000,
      batches: 5,
      starts: ['78000000-0000-0000-0000-000000000000', 'a0000000-0000-0000-0000-000000000000'],
    },
    {
      label: 'batch 2000, 2 workers, changed steps only',
      batch: 2000,
      batches: 5,
      starts: ['c0000000-0000-0000-0000-000000000000', 'e0000000-0000-0000-0000-000000000000'],
      changedOnly: 'steps',
    },
    {
      label: `a change that moves no open clock (day off on ${FAR_DAY_OFF}), changed rows only`,
      batch: 2000,
      batches: 10,
      starts: ['18000000-0000-0000-0000-000000000000'],
      changedOnly: 'rows',
      calendar: farCalendar,
    },
  ];
  for (const variant of variants) await probeVariant(databaseUrl, variant.calendar ?? calendar, now, variant);
  await explainRecomputeBatch(databaseUrl, calendar, now, '90000000-0000-0000-0000-000000000000');
}

interface BatchRows {
  dossiers: unknown[];
  tasks: unknown[];
  allTasks: number;
}

/** DeadlineRecomputer.writeBatch's JS part, copied (optionally keeping only the steps that change). */
function buildBatch(
  rows: Array<{ id: string; revision: number; deadlines: DeadlineState }>,
  calendar: WorkingCalendar,
  now: Date,
  changedOnly: 'steps' | 'rows' | undefined,
): BatchRows {
  const dossiers: unknown[] = [];
  const tasks: unknown[] = [];
  let allTasks = 0;
  for (const row of rows) {
    const next = recomputeDeadlines(row.deadlines, calendar);
    const m = mirror(next.dossier, now);
    if (changedOnly === 'rows') {
      const same = (a: { dueAt: string; dueSoonAt: string } | null | undefined, b: typeof a) =>
        a?.dueAt === b?.dueAt && a?.dueSoonAt === b?.dueSoonAt;
      allTasks += Object.keys(next.tasks).length;
      if (
        same(row.deadlines.dossier, next.dossier) &&
        Object.entries(next.tasks).every(([id, c]) => same(row.deadlines.tasks[id], c))
      )
        continue;
      allTasks -= Object.keys(next.tasks).length;
    }
    dossiers.push({
      id: row.id,
      revision: row.revision,
      deadlines: next,
      clock: m.clock,
      due_at: m.dueAt,
      due_soon_at: m.dueSoonAt,
      deadline_status: m.deadlineStatus,
      appointment: next.dossier?.dueAt ?? null,
      previous_due: row.deadlines.dossier?.base === null ? null : (row.deadlines.dossier?.dueAt ?? null),
    });
    for (const [taskId, c] of Object.entries(next.tasks)) {
      allTasks++;
      const t = mirror(c, now);
      if (changedOnly !== undefined) {
        const old = row.deadlines.tasks[taskId];
        const was = old ? mirror(old, now) : null;
        if (
          was &&
          was.dueAt === t.dueAt &&
          was.dueSoonAt === t.dueSoonAt &&
          was.deadlineStatus === t.deadlineStatus
        )
          continue;
      }
      tasks.push({
        id: taskId,
        dossier_id: row.id,
        due_at: t.dueAt,
        due_soon_at: t.dueSoonAt,
        deadline_status: t.deadlineStatus,
      });
    }
  }
  return { dossiers, tasks, allTasks };
}

const RECOMPUTE_READ = `SELECT id, revision, deadlines FROM dossiers
            WHERE status = 'active' AND id > $1 AND (clock <> 'none' OR deadlines->'tasks' <> '{}'::jsonb)
            ORDER BY id LIMIT `;

async function probeVariant(
  databaseUrl: string,
  calendar: WorkingCalendar,
  now: Date,
  options: ProbeOptions,
): Promise<void> {
  const totals = {
    read: 0,
    js: 0,
    json: 0,
    write: 0,
    dossiers: 0,
    written: 0,
    tasks: 0,
    allTasks: 0,
    bytes: 0,
    batches: 0,
  };
  const worker = async (startId: string): Promise<void> => {
    await withClient(databaseUrl, async (client) => {
      await client.query('BEGIN');
      try {
        let after = startId;
        for (let b = 0; b < options.batches; b++) {
          let s = performance.now();
          const { rows } = await client.query<{ id: string; revision: number; deadlines: DeadlineState }>(
            `${RECOMPUTE_READ}${options.batch}`,
            [after],
          );
          totals.read += ms(s);
          if (rows.length === 0) break;
          after = rows[rows.length - 1]!.id;
          s = performance.now();
          const batch = buildBatch(rows, calendar, now, options.changedOnly);
          totals.js += ms(s);
          s = performance.now();
          const p1 = JSON.stringify(batch.dossiers);
          const p2 = JSON.stringify(batch.tasks);
          totals.json += ms(s);
          totals.bytes += p1.length + p2.length;
          s = performance.now();
          if (batch.dossiers.length > 0)
            await client.query(RECOMPUTE_WRITE, [p1, p2, now, 'probe', 'bench', calendar.version]);
          totals.write += ms(s);
          totals.dossiers += rows.length;
          totals.written += batch.dossiers.length;
          totals.tasks += batch.tasks.length;
          totals.allTasks += batch.allTasks;
          totals.batches++;
        }
      } finally {
        await client.query('ROLLBACK');
      }
    });
  };
  const start = performance.now();
  await Promise.all(options.starts.map((id) => worker(id)));
  const wall = ms(start);
  const per = (x: number) => `${(x / totals.batches).toFixed(0)}`;
  const rate = totals.dossiers / (wall / 1000);
  log(
    `  ${options.label}: ${fmt(totals.dossiers)} dossiers (${fmt(totals.written)} written), ${fmt(totals.tasks)} of ${fmt(totals.allTasks)} steps written, ` +
      `${totals.batches} batches; per batch (ms) read ${per(totals.read)}, JS ${per(totals.js)}, JSON ${per(totals.json)} ` +
      `(${(totals.bytes / totals.batches / 1e6).toFixed(1)} MB), write ${per(totals.write)}; ` +
      `SQL ${((100 * (totals.read + totals.write)) / (totals.read + totals.write + totals.js + totals.json)).toFixed(0)} % of the busy time; ` +
      `${fmt(Math.round(rate))} dossiers/s -> ${fmt(DOSSIERS)} dossiers in ~${(DOSSIERS / rate).toFixed(0)} s`,
  );
}

/** EXPLAIN ANALYZE of one engine write batch (2000 dossiers): which part of the statement costs what. */
async function explainRecomputeBatch(
  databaseUrl: string,
  calendar: WorkingCalendar,
  now: Date,
  startId: string,
): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ id: string; revision: number; deadlines: DeadlineState }>(
        `${RECOMPUTE_READ}2000`,
        [startId],
      );
      const batch = buildBatch(rows, calendar, now, undefined);
      const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) ${RECOMPUTE_WRITE}`,
        [
          JSON.stringify(batch.dossiers),
          JSON.stringify(batch.tasks),
          now,
          'probe',
          'bench',
          calendar.version,
        ],
      );
      log(
        `  EXPLAIN ANALYZE of one engine write batch (${rows.length} dossiers, ${batch.tasks.length} steps):`,
      );
      for (const line of plan.map((r) => r['QUERY PLAN'])) {
        if (/Update on|Insert on|Scan|Join|Trigger|Execution Time|Planning Time|WAL:|CTE/.test(line))
          log(`      ${line.replace(/\s+$/, '')}`);
      }
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

/**
 * The engine's recomputeAll again (undoing the Saturday mornings, so that most due instants move back),
 * with a larger WAL budget between checkpoints (fewer full-page images): max_wal_size = 16GB,
 * checkpoint_timeout = 30min, set with ALTER SYSTEM for this run only and reset afterwards. Then the
 * dossiers that were overdue and are not any more: does a later sweep mark them again?
 */
async function recomputeWithWalBudget(
  sql: Client,
  recomputer: DeadlineRecomputer,
  calendar: WorkingCalendar,
  sweeper: DeadlineSweeper,
  now: Date,
): Promise<void> {
  section(
    'investigation: engine recomputeAll with max_wal_size=16GB, checkpoint_timeout=30min (reset after)',
  );
  try {
    await sql.query(`ALTER SYSTEM SET max_wal_size = '16GB'`);
    await sql.query(`ALTER SYSTEM SET checkpoint_timeout = '30min'`);
    await sql.query(`SELECT pg_reload_conf()`);
    await timed('CHECKPOINT', () => sql.query(`CHECKPOINT`));
    await snapshot(sql);
    const before = await count(
      sql,
      `SELECT count(*)::int AS n FROM deadline_events WHERE kind = 'recomputed'`,
    );
    const io = await ioMark(sql);
    captureStart();
    const start = performance.now();
    const result = await recomputer.recomputeAll('benchmark: Saturday mornings withdrawn', 'bench', calendar);
    const wall = ms(start);
    const statements = captureStop();
    log(`  calendar ${calendar.version} (the one in force: Saturday mornings no longer worked)`);
    await printRecompute(sql, result, wall, 'wall');
    printStatements(statements);
    await printIo(sql, io);
    await verifyRecompute(sql, calendar.version, before);
  } finally {
    await sql.query(`ALTER SYSTEM RESET max_wal_size`);
    await sql.query(`ALTER SYSTEM RESET checkpoint_timeout`);
    await sql.query(`SELECT pg_reload_conf()`);
  }
  // Dossiers marked overdue (overdue_holders recorded) whose due instant moved later than now: the
  // recomputation set deadline_status back from the clock; the sweeper's dossier statement only takes
  // rows with overdue_holders IS NULL.
  const later = minutesAfter(now, 30);
  const { rows } = await sql.query<{ held: number; due: number }>(
    `SELECT count(*)::int AS held, count(*) FILTER (WHERE due_at <= $1)::int AS due FROM dossiers
      WHERE status = 'active' AND clock = 'running' AND overdue_holders IS NOT NULL AND deadline_status <> 'overdue'`,
    [later],
  );
  log(
    `  dossiers with overdue_holders recorded but no longer 'overdue': ${fmt(rows[0]!.held)}, ` +
      `of which ${fmt(rows[0]!.due)} are past due again 30 min later`,
  );
  const swept = await timed('engine sweep 30 min later', () => sweeper.sweep(later));
  log(`    -> ${JSON.stringify(swept.value)}`);
  const stuck = await count(
    sql,
    `SELECT count(*)::int AS n FROM dossiers WHERE status = 'active' AND clock = 'running' AND due_at <= $1
        AND overdue_holders IS NOT NULL AND deadline_status <> 'overdue'`,
    [later],
  );
  log(
    `  after that sweep: ${fmt(stuck)} dossiers past due whose deadline_status is not 'overdue' (never marked again)`,
  );
}

/**
 * The steady-state sweep with due indexes that a row leaves once marked (experiment on the bench database,
 * engine code unchanged): the overdue statements then read only rows still to mark, not the whole backlog.
 */
async function probeSweepIndexes(
  sql: Client,
  sweeper: DeadlineSweeper,
  app: Awaited<ReturnType<typeof createApp>>,
  at: Date,
): Promise<Date> {
  section(
    'investigation: sweep with partial indexes that marked rows leave (experiment, engine code unchanged)',
  );
  const backlog = await count(
    sql,
    `SELECT count(*)::int AS n FROM tasks WHERE status = 'active' AND clock = 'running' AND deadline_status = 'overdue'`,
  );
  log(`  overdue backlog now: ${fmt(backlog)} steps already marked`);
  await timed('VACUUM (ANALYZE) tasks, dossiers', async () => {
    await sql.query(`VACUUM (ANALYZE) tasks`);
    await sql.query(`VACUUM (ANALYZE) dossiers`);
  });
  let clockAt = at;
  const sweeps = async (label: string): Promise<void> => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      clockAt = minutesAfter(clockAt, 1);
      const start = performance.now();
      const result = await sweeper.sweep(clockAt);
      times.push(ms(start));
      if (i === 4) {
        const median = [...times].sort((x, y) => x - y)[2]!;
        log(
          `  ${label}: engine sweeps ${times.map((t) => t.toFixed(0)).join(', ')} ms, median ${median.toFixed(0)} ms (last -> ${JSON.stringify(result)})`,
        );
      }
    }
  };
  await sweeps('engine schema, after VACUUM');
  await preparedPlans(app);
  await explainSweep(sql, 'engine schema (EXPLAIN ANALYZE, rolled back)', true, clockAt);
  // Replaces the engine's tasks_due_idx and dossiers_due_idx (used by the sweeper only) by variants whose
  // predicate also excludes the rows already marked, so that no other index competes for the plan.
  await timed('replace tasks_due_idx, dossiers_due_idx by variants without the marked rows', async () => {
    await sql.query(`DROP INDEX tasks_due_idx`);
    await sql.query(
      `CREATE INDEX tasks_due_idx ON tasks (due_at) WHERE status = 'active' AND clock = 'running' AND deadline_status <> 'overdue'`,
    );
    await sql.query(`DROP INDEX dossiers_due_idx`);
    await sql.query(
      `CREATE INDEX dossiers_due_idx ON dossiers (due_at) WHERE status = 'active' AND clock = 'running' AND overdue_holders IS NULL`,
    );
    await sql.query(`ANALYZE tasks`);
    await sql.query(`ANALYZE dossiers`);
  });
  await sweeps('with the replaced partial indexes');
  await preparedPlans(app);
  await explainSweep(sql, 'with the replaced partial indexes (EXPLAIN ANALYZE, rolled back)', true, clockAt);
  await genericPlans(sql, clockAt);
  // The engine's pooled connections told to plan every execution (what SET LOCAL plan_cache_mode =
  // force_custom_plan in the sweep's transaction would do).
  const pool = (app.get(DataSource).driver as unknown as { master: { _clients?: Client[] } }).master;
  for (const client of pool._clients ?? []) await client.query(`SET plan_cache_mode = force_custom_plan`);
  await sweeps('with the replaced partial indexes and plan_cache_mode = force_custom_plan');
  for (const client of pool._clients ?? []) await client.query(`RESET plan_cache_mode`);
  return clockAt;
}

// ---------------------------------------------------------------------------------------------------
// Server-side timings of the engine's own statements (embedded server only): log_min_duration_statement
// is set on the bench database, and the server's log lines are read while capturing.

const serverLog: { capturing: boolean; buffer: string[]; enabled: boolean } = {
  capturing: false,
  buffer: [],
  enabled: false,
};

function captureStart(): void {
  serverLog.buffer = [];
  serverLog.capturing = serverLog.enabled;
}

interface StatementTiming {
  label: string;
  count: number;
  total: number;
  max: number;
}

function captureStop(): StatementTiming[] {
  serverLog.capturing = false;
  const text = serverLog.buffer.join('\n');
  serverLog.buffer = [];
  const byLabel = new Map<string, StatementTiming>();
  for (const entry of text.split(/\n?(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] )/)) {
    const m = /LOG:\s+duration: ([\d.]+) ms\s+(execute|statement|bind|parse)[^:]*: ([\s\S]*)/.exec(entry);
    if (!m) continue;
    // bind: the parameters are received and converted (for the recomputer, megabytes of JSON into jsonb).
    const label = `${statementLabel(m[3]!)}${m[2] === 'bind' || m[2] === 'parse' ? ` (${m[2]})` : ''}`;
    const t = byLabel.get(label) ?? { label, count: 0, total: 0, max: 0 };
    const duration = Number(m[1]);
    t.count++;
    t.total += duration;
    t.max = Math.max(t.max, duration);
    byLabel.set(label, t);
  }
  return [...byLabel.values()];
}

function statementLabel(statement: string): string {
  const text = statement.replace(/\s+/g, ' ');
  if (text.includes(`UPDATE tasks SET deadline_status = 'overdue'`)) return 'sweep: steps overdue';
  if (text.includes(`UPDATE tasks SET deadline_status = 'due_soon'`)) return 'sweep: steps due soon';
  if (text.includes(`UPDATE dossiers d SET deadline_status = 'overdue'`)) return 'sweep: dossiers overdue';
  if (text.includes(`UPDATE dossiers SET deadline_status = 'due_soon'`)) return 'sweep: dossiers due soon';
  if (text.includes('AS x(id, revision, deadlines, clock')) return 'recompute: write batch';
  if (text.includes('AS x(id uuid, revision int, deadlines jsonb'))
    return 'recompute (probe copy): write batch';
  if (text.includes('SELECT id, revision, deadlines FROM dossiers')) return 'recompute: read batch';
  if (text.includes('FETCH') && text.includes('lt_recompute')) return 'recompute: scan (cursor fetch)';
  if (text.includes('DECLARE lt_recompute')) return 'recompute: scan (declare)';
  if (text.includes('UPDATE calendar_recomputations')) return 'recompute: progress';
  return text.slice(0, 70);
}

function printStatements(timings: StatementTiming[]): void {
  if (!serverLog.enabled) return;
  if (timings.length === 0) {
    log(`    server: no statement over ${LOG_MIN_DURATION_MS} ms`);
    return;
  }
  for (const t of timings.sort((a, b) => b.total - a.total)) {
    log(
      `    server: ${t.label}: ${t.count} x, total ${t.total.toFixed(0)} ms, mean ${(t.total / t.count).toFixed(0)} ms, max ${t.max.toFixed(0)} ms`,
    );
  }
}

function minutesAfter(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/**
 * Which plans the engine's prepared sweep statements got on its pooled connections (PostgreSQL may
 * switch a prepared statement to a generic plan after 5 executions).
 */
async function preparedPlans(app: Awaited<ReturnType<typeof createApp>>): Promise<void> {
  const pool = (app.get(DataSource).driver as unknown as { master: { _clients?: Client[] } }).master;
  const counts = new Map<string, { generic: number; custom: number }>();
  for (const client of pool._clients ?? []) {
    const { rows } = await client.query<{ statement: string; generic_plans: string; custom_plans: string }>(
      `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%deadline_status%'`,
    );
    for (const row of rows) {
      const label = statementLabel(row.statement);
      const c = counts.get(label) ?? { generic: 0, custom: 0 };
      c.generic += Number(row.generic_plans);
      c.custom += Number(row.custom_plans);
      counts.set(label, c);
    }
  }
  log(
    `  plan cache of the engine's pooled connections: ${[...counts.entries()]
      .filter(([label]) => label.startsWith('sweep'))
      .map(([label, c]) => `${label} ${c.custom} custom / ${c.generic} generic`)
      .join('; ')}`,
  );
}

async function deadTuples(sql: Client): Promise<string> {
  // Statistics reach the cumulative views about once a second after a backend goes idle.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { rows } = await sql.query<{
    relname: string;
    n_dead_tup: string;
    n_tup_hot_upd: string;
    n_tup_upd: string;
  }>(
    `SELECT relname, n_dead_tup::text, n_tup_hot_upd::text, n_tup_upd::text FROM pg_stat_user_tables
      WHERE relname IN ('tasks', 'dossiers') ORDER BY relname`,
  );
  return rows
    .map(
      (r) =>
        `${r.relname} ${fmt(Number(r.n_dead_tup))} (HOT updates ${fmt(Number(r.n_tup_hot_upd))} of ${fmt(Number(r.n_tup_upd))})`,
    )
    .join(', ');
}

interface IoMark {
  lsn: string;
  checkpoints: number;
}

async function ioMark(sql: Client): Promise<IoMark> {
  const { rows } = await sql.query<{ lsn: string; checkpoints: number }>(
    `SELECT pg_current_wal_lsn()::text AS lsn, (SELECT (num_timed + num_requested)::int FROM pg_stat_checkpointer) AS checkpoints`,
  );
  return { lsn: rows[0]!.lsn, checkpoints: rows[0]!.checkpoints };
}

async function printIo(sql: Client, mark: IoMark): Promise<void> {
  const { rows } = await sql.query<{ wal: string; checkpoints: number }>(
    `SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)) AS wal,
            (SELECT (num_timed + num_requested)::int FROM pg_stat_checkpointer) - $2::int AS checkpoints`,
    [mark.lsn, mark.checkpoints],
  );
  log(
    `  WAL written ${rows[0]!.wal}, checkpoints ${rows[0]!.checkpoints}; dead rows now: ${await deadTuples(sql)}`,
  );
}

async function verifyRecompute(sql: Client, version: string, eventsBefore: number): Promise<void> {
  const { rows } = await sql.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM tasks t JOIN before_tasks b USING (id) WHERE t.due_at IS DISTINCT FROM b.due_at)::int AS tasks_moved,
            (SELECT count(*) FROM before_tasks)::int AS tasks,
            (SELECT count(*) FROM dossiers d JOIN before_dossiers b USING (id) WHERE d.due_at IS DISTINCT FROM b.due_at)::int AS dossiers_moved,
            (SELECT count(*) FROM before_dossiers)::int AS dossiers,
            (SELECT count(*) FROM dossiers WHERE status = 'active' AND deadlines->'dossier'->>'calendarVersion' = $1)::int AS dossiers_new_version,
            (SELECT count(*) FROM deadline_events WHERE kind = 'recomputed')::int AS recomputed_events`,
    [version],
  );
  const v = rows[0]!;
  log(
    `  verification (SQL): steps whose due_at changed ${fmt(v['tasks_moved']!)} of ${fmt(v['tasks']!)}, ` +
      `dossiers ${fmt(v['dossiers_moved']!)} of ${fmt(v['dossiers']!)}; dossiers whose clock carries the new calendar version ${fmt(v['dossiers_new_version']!)}; ` +
      `'recomputed' events +${fmt(v['recomputed_events']! - eventsBefore)}`,
  );
  const { rows: sample } = await sql.query<{ id: string; before: Date; after: Date; json: string }>(
    `SELECT t.id, b.due_at AS before, t.due_at AS after, d.deadlines->'tasks'->(t.id::text)->>'dueAt' AS json
       FROM tasks t JOIN before_tasks b USING (id) JOIN dossiers d ON d.id = t.dossier_id
      WHERE t.status = 'active' ORDER BY t.id LIMIT 1000`,
  );
  const moved = sample.filter((s) => s.before.getTime() !== s.after.getTime()).length;
  const consistent = sample.filter((s) => new Date(s.json).getTime() === s.after.getTime()).length;
  log(
    `  sample of ${sample.length} steps: ${moved} moved; due_at column = clock in the dossier's deadlines jsonb for ${consistent}`,
  );
  for (const s of sample.filter((x) => x.before.getTime() !== x.after.getTime()).slice(0, 3)) {
    log(`    step ${s.id}: ${s.before.toISOString()} -> ${s.after.toISOString()}`);
  }
  const { rows: odd } = await sql.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM dossiers d JOIN before_dossiers b USING (id)
              WHERE b.held AND d.overdue_holders IS NOT NULL AND d.deadline_status <> 'overdue')::int AS held_not_overdue,
            (SELECT count(*) FROM tasks t JOIN before_tasks b USING (id)
              WHERE t.deadline_status = 'overdue' AND b.deadline_status <> 'overdue')::int AS tasks_overdue_by_recompute`,
  );
  log(
    `  after the recomputation: dossiers with overdue_holders set but deadline_status <> 'overdue' ${fmt(odd[0]!['held_not_overdue']!)}; ` +
      `steps set 'overdue' by the recomputation itself (no 'overdue' event) ${fmt(odd[0]!['tasks_overdue_by_recompute']!)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

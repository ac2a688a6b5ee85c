// Migration benchmark: moving running dossiers to a new version of their procedure. N dossiers of a
// two-step procedure are received over the API (16 clients, two desks) and left at their first step; v2 (the step
// under a new id with the same name, another allotted time and legal time limit) is published; then one
// plan and one execution move all of them (each dossier its own guarded statement: state, step row,
// deadlines, history, audit). Production mode, built engine, real PostgreSQL on this machine. Prints figures.
//
//   npm run bench:migration
//   DOSSIERS=2000 node test/bench/migration/run.mjs
import {
  ADMIN_PASSWORD,
  call,
  cpuSeconds,
  createPeople,
  isEngine,
  login,
  pool,
  postgresCpuSeconds,
  recreateDatabase,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const DOSSIERS = Number(process.env.DOSSIERS ?? 10_000);
const CLIENTS = 16;

const process_ = (version) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:lt="https://lienthong.vn/schema/bpmn/1.0"
  id="defs_bench" targetNamespace="https://lienthong.vn/bench">
  <process id="bench-chuyen" name="Chuyển phiên bản (bench)" isExecutable="true"
    lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="${version === 1 ? '5d' : '8d'}">
    <startEvent id="s"/>
    <userTask id="${version === 1 ? 'kiemTra' : 'kiemTraHoSo'}" name="Kiểm tra hồ sơ" lt:unit="DTP-VPDK-CL" lt:allottedTime="${version === 1 ? '2d' : '3d'}"/>
    <userTask id="pheDuyet" name="Phê duyệt" lt:unit="DTP-VPDK-CL"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="${version === 1 ? 'kiemTra' : 'kiemTraHoSo'}"/>
    <sequenceFlow id="f2" sourceRef="${version === 1 ? 'kiemTra' : 'kiemTraHoSo'}" targetRef="pheDuyet"/>
    <sequenceFlow id="f3" sourceRef="pheDuyet" targetRef="e"/>
  </process>
</definitions>`;

const database = await startDatabase();
let engine;
try {
  const url = await recreateDatabase(database.adminUrl, 'lt_bench_migration');
  engine = await startEngine(url);
  const base = engine.base;
  const admin = await login(base, 'admin', ADMIN_PASSWORD);
  const people = await createPeople(base, admin, [
    ['banhanh', 'DTP-VP', ['designer', 'publisher']],
    ['tiepnhan', 'DTP-TTHCC', ['reception']],
    ['tiepnhan2', 'XMT-TTHCC', ['reception']],
  ]);
  const v1 = await call('POST', `${base}/definitions`, process_(1), people.banhanh);
  await call('POST', `${base}/definitions/bench-chuyen/versions/${v1.version}/publish`, {}, people.banhanh);

  process.stdout.write(`migration bench: ${DOSSIERS} running dossiers, v1 → v2\n`);
  const t0 = performance.now();
  // Two desks: a dossier code numbers at most 9999 dossiers of one desk a day.
  await pool(CLIENTS, DOSSIERS, (i) =>
    i % 2 === 0
      ? call(
          'POST',
          `${base}/dossiers`,
          { definitionKey: 'bench-chuyen', applicant: { name: `Người nộp ${i}` } },
          people.tiepnhan,
        )
      : call(
          'POST',
          `${base}/dossiers`,
          {
            definitionKey: 'bench-chuyen',
            receivingUnit: 'XMT-TTHCC',
            applicant: { name: `Người nộp ${i}` },
          },
          people.tiepnhan2,
        ),
  );
  const received = (performance.now() - t0) / 1000;

  const v2 = await call('POST', `${base}/definitions`, process_(2), people.banhanh);
  await call(
    'POST',
    `${base}/definitions/bench-chuyen/versions/${v2.version}/publish`,
    { decisionNumber: '1/QĐ-UBND (bench)', decisionDate: new Date().toISOString().slice(0, 10) },
    people.banhanh,
  );
  const body = {
    definitionKey: 'bench-chuyen',
    sourceVersion: v1.version,
    targetVersion: v2.version,
    limit: DOSSIERS,
  };

  const cpu = () => ({
    engine: cpuSeconds(isEngine(engine)),
    postgres: postgresCpuSeconds(database.dataDir),
  });
  const t1 = performance.now();
  const plan = await call('POST', `${base}/migrations/plan`, body, people.banhanh);
  const planned = (performance.now() - t1) / 1000;
  const movable = plan.dossiers.filter((d) => d.problems.length === 0).length;

  const cpuBefore = cpu();
  const t2 = performance.now();
  const result = await call('POST', `${base}/migrations/execute`, body, people.banhanh, {
    'Idempotency-Key': `bench-${Date.now()}`,
  });
  const executed = (performance.now() - t2) / 1000;
  const cpuAfter = cpu();
  const per = (k) => (((cpuAfter[k] - cpuBefore[k]) * 1000) / Math.max(result.migrated, 1)).toFixed(2);

  // The same dossiers executed again under a new key (a retry after a lost answer): all skipped.
  const ids = result.dossiers.map((d) => d.id);
  const t3 = performance.now();
  const again = await call(
    'POST',
    `${base}/migrations/execute`,
    { ...body, dossierIds: ids },
    people.banhanh,
    {
      'Idempotency-Key': `bench-again-${Date.now()}`,
    },
  );
  const retried = (performance.now() - t3) / 1000;

  console.log(
    `dossiers received (16 clients) : ${DOSSIERS} in ${received.toFixed(1)} s = ${(DOSSIERS / received).toFixed(0)}/s`,
  );
  console.log(
    `plan (mapping ${plan.mapping.map((m) => `${m.source}→${m.target} by ${m.mappedBy}`).join(', ')}): ${plan.dossiers.length} dossiers, ${movable} movable, in ${planned.toFixed(1)} s = ${(plan.dossiers.length / planned).toFixed(0)} dossiers/s`,
  );
  console.log(
    `execute                        : ${result.migrated} migrated, ${result.skipped} skipped, ${result.failed} failed in ${executed.toFixed(1)} s = ${(result.migrated / executed).toFixed(0)} dossiers/s`,
  );
  console.log(
    `execute again (new key)        : ${again.migrated} migrated, ${again.skipped} skipped, ${again.failed} failed in ${retried.toFixed(1)} s`,
  );
  console.log(
    `CPU per migrated dossier       : engine ${per('engine')} ms, PostgreSQL ${per('postgres')} ms`,
  );
} finally {
  await stopEngine(engine);
  await new Promise((r) => setTimeout(r, 500));
  await database.stop();
}

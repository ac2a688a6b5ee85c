// Callbacks benchmark: agency systems working external tasks through the engine's API, as the tax
// office's system would. N dossiers of a one-step procedure (a service task, topic `bench-tax`) are
// received first; then 8 workers with one API key fetch-and-lock (10 tasks at a time) and complete them
// over HTTP until none is left. Meanwhile a local receiver subscribed to `task.created` webhooks counts the
// signed deliveries. Production mode, built engine, real PostgreSQL on this machine. Prints figures.
//
//   npm run bench:callbacks
//   DOSSIERS=4000 WORKERS=8 node test/bench/callbacks/run.mjs
import { createHmac } from 'node:crypto';
import http from 'node:http';
import {
  ADMIN_PASSWORD,
  call,
  cpuSeconds,
  postgresCpuSeconds,
  createPeople,
  isEngine,
  login,
  pool,
  printStatements,
  recreateDatabase,
  resetStatements,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const DOSSIERS = Number(process.env.DOSSIERS ?? 4000);
const WORKERS = Number(process.env.WORKERS ?? 8);
const CLIENTS = 16;

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:lt="https://lienthong.vn/schema/bpmn/1.0"
  id="defs_bench" targetNamespace="https://lienthong.vn/bench">
  <process id="bench-thue" name="Xác định nghĩa vụ tài chính (bench)" isExecutable="true"
    lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d">
    <startEvent id="s"/>
    <serviceTask id="thue" name="Xác định thuế" lt:unit="DTP-THUE-1" lt:topic="bench-tax" lt:allottedTime="2d"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="thue"/>
    <sequenceFlow id="f2" sourceRef="thue" targetRef="e"/>
  </process>
</definitions>`;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A webhook receiver that checks every signature and counts distinct deliveries. */
async function startReceiver(secretRef) {
  const seen = new Set();
  let bad = 0;
  let first = 0;
  let last = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = req.headers['x-lt-timestamp'];
      const expected = `v1=${createHmac('sha256', secretRef.secret).update(`${ts}.${body}`).digest('hex')}`;
      if (req.headers['x-lt-signature'] !== expected) bad++;
      seen.add(req.headers['x-lt-delivery']);
      const now = performance.now();
      if (first === 0) first = now;
      last = now;
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    stats: () => ({ delivered: seen.size, bad, seconds: (last - first) / 1000 }),
    close: () => new Promise((r) => server.close(r)),
  };
}

const database = await startDatabase();
let engine;
let receiver;
try {
  const url = await recreateDatabase(database.adminUrl, 'lt_bench_callbacks');
  // The test receiver listens on loopback, which production refuses by default (SSRF guard).
  engine = await startEngine(url, { WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  const base = engine.base;
  const admin = await login(base, 'admin', ADMIN_PASSWORD);
  const people = await createPeople(base, admin, [
    ['thietke', 'DTP-VP', ['designer', 'publisher']],
    ['tiepnhan', 'DTP-TTHCC', ['reception']],
  ]);
  const { key } = await call(
    'POST',
    `${base}/api-keys`,
    { name: 'Hệ thống thuế (bench)', unitCode: 'DTP-THUE-1', topics: ['bench-tax'] },
    admin,
  );
  const deployed = await call('POST', `${base}/definitions`, PROCESS, people.thietke);
  await call(
    'POST',
    `${base}/definitions/bench-thue/versions/${deployed.version}/publish`,
    {},
    people.thietke,
  );
  const secretRef = { secret: '' };
  receiver = await startReceiver(secretRef);
  const subscription = await call(
    'POST',
    `${base}/webhooks`,
    { url: receiver.url, events: ['task.created'] },
    key,
  );
  secretRef.secret = subscription.secret;

  process.stdout.write(
    `callbacks bench: ${DOSSIERS} external tasks, ${WORKERS} workers (fetch-and-lock 10, complete each)\n`,
  );
  const t0 = performance.now();
  await pool(CLIENTS, DOSSIERS, (i) =>
    call(
      'POST',
      `${base}/dossiers`,
      {
        definitionKey: 'bench-thue',
        applicant: { name: `Người nộp ${i}` },
        variables: { area: 100 + (i % 50) },
      },
      people.tiepnhan,
    ),
  );
  const received = (performance.now() - t0) / 1000;
  // The task.created deliveries of the receptions, measured on their own: the completions below are
  // timed once they are done, so that neither figure includes the other's work.
  const until = Date.now() + 120_000;
  while (receiver.stats().delivered < DOSSIERS && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100));
  const hooks = receiver.stats();

  const cpu = () => ({
    engine: cpuSeconds(isEngine(engine)),
    engineSystem: cpuSeconds(isEngine(engine), 'system'),
    postgres: postgresCpuSeconds(database.dataDir),
    client: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const latencies = [];
  let completed = 0;
  let fetches = 0;
  await resetStatements(url);
  const cpuBefore = cpu();
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      const workerId = `bench-worker-${w}`;
      for (;;) {
        fetches++;
        const tasks = await call(
          'POST',
          `${base}/external-tasks/fetch-and-lock`,
          { workerId, maxTasks: 10, topics: [{ topicName: 'bench-tax', lockDuration: 60_000 }] },
          key,
        );
        if (tasks.length === 0) return;
        for (const task of tasks) {
          const s = performance.now();
          await call(
            'POST',
            `${base}/external-tasks/${task.id}/complete`,
            { workerId, variables: { taxAmount: task.variables.area * 50_000 } },
            key,
          );
          latencies.push(performance.now() - s);
          completed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - t1) / 1000;
  const cpuAfter = cpu();
  await printStatements(url, completed, 'task');
  latencies.sort((a, b) => a - b);
  const per = (k) => (((cpuAfter[k] - cpuBefore[k]) * 1000) / completed).toFixed(2);
  console.log(
    `dossiers received (16 clients)  : ${DOSSIERS} in ${received.toFixed(1)} s = ${(DOSSIERS / received).toFixed(0)}/s`,
  );
  console.log(
    `external tasks fetched+completed: ${completed} in ${seconds.toFixed(1)} s = ${(completed / seconds).toFixed(0)} tasks/s (${fetches} fetch-and-lock calls)`,
  );
  console.log(
    `completion latency              : p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  console.log(
    `CPU per task                    : engine ${per('engine')} ms (kernel ${per('engineSystem')}), PostgreSQL ${per('postgres')} ms, workers ${per('client')} ms`,
  );
  console.log(
    `webhook deliveries (task.created): ${hooks.delivered} of ${DOSSIERS}, ${(hooks.delivered / Math.max(hooks.seconds, 0.001)).toFixed(0)}/s, bad signatures ${hooks.bad}`,
  );
} finally {
  await receiver?.close();
  await stopEngine(engine);
  await new Promise((r) => setTimeout(r, 500));
  await database.stop();
}

// Live inbox events bench: two engine processes (A and B) of the built engine on one database; the
// desk completes its step of N land-parcel dossiers in A (CLIENTS at a time), and the registry
// officer's live stream is open on B. Measures, for each completion, the time from A's answer to the
// arrival in B's stream of the event of the step it created (task_events + NOTIFY through PostgreSQL).
//
//   npm run bench:inbox:events
//   COMPLETIONS=1000 CLIENTS=8 node test/bench/inbox/events.mjs
//
// Uses DATABASE_URL's server when set (a database lt_bench_events is created on it), else an embedded
// PostgreSQL under .data/bench-pg. Prints figures; asserts nothing.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN_PASSWORD,
  call,
  createPeople,
  login,
  PASSWORD,
  recreateDatabase,
  root,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const COMPLETIONS = Number(process.env.COMPLETIONS ?? 400);
const CLIENTS = Number(process.env.CLIENTS ?? 8);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Opens the live stream of `token`'s person on `base`; calls `onTask` with each task event's data. */
async function openStream(base, token, onTask) {
  const { ticket } = await call('POST', `${base}/events/ticket`, {}, token);
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}/events/stream?ticket=${encodeURIComponent(ticket)}`,
      { headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!block.includes('event: task')) continue;
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) onTask(JSON.parse(data.slice(6)), performance.now());
          }
        });
        resolve(() => req.destroy());
      },
    );
    req.on('error', reject);
  });
}

const database = await startDatabase();
let a;
let b;
let close = () => {};
try {
  const url = await recreateDatabase(database.adminUrl, 'lt_bench_events');
  a = await startEngine(url);
  b = await startEngine(url);
  const admin = await login(a.base, 'admin', ADMIN_PASSWORD);
  const tokens = await createPeople(a.base, admin, [
    ['thietke', 'DTP-VP', ['designer', 'publisher']],
    ['tiepnhan', 'DTP-TTHCC', ['reception']],
    ['cv.vpdk', 'DTP-VPDK-CL', ['officer']],
  ]);
  const xml = readFileSync(join(root, 'processes/tach-thua-dat/v2.bpmn'), 'utf8');
  const deployed = await call('POST', `${a.base}/definitions`, xml, tokens.thietke);
  await call(
    'POST',
    `${a.base}/definitions/tach-thua-dat/versions/${deployed.version}/publish`,
    {},
    tokens.thietke,
  );
  // The dossiers, received beforehand: the desk's step of each is what is completed.
  const waiting = [];
  for (let i = 0; i < COMPLETIONS; i++) {
    const dossier = await call(
      'POST',
      `${a.base}/dossiers`,
      {
        definitionKey: 'tach-thua-dat',
        applicant: { name: 'Nguyễn Văn Bench' },
        variables: { parcel: { sheet: 1, number: i + 1, area: 120 } },
      },
      tokens.tiepnhan,
    );
    waiting.push({ id: dossier.id, task: dossier.activeSteps[0].taskId });
  }

  // The officer's stream on B: the arrival of each dossier's new step, by dossier.
  const arrived = new Map();
  const officer = await login(b.base, 'cv.vpdk', PASSWORD);
  close = await openStream(b.base, officer, (event, at) => {
    if (event.type === 'created' && !arrived.has(event.dossierId)) arrived.set(event.dossierId, at);
  });

  process.stdout.write(
    `live events bench: ${COMPLETIONS} completions in engine A (${CLIENTS} clients), the stream on engine B\n`,
  );
  const answered = new Map();
  const sent = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < waiting.length) {
        const d = waiting[next++];
        sent.set(d.id, performance.now());
        await call('POST', `${a.base}/tasks/${d.task}/complete`, { variables: {} }, tokens.tiepnhan);
        answered.set(d.id, performance.now());
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // The last events may still be on their way.
  const until = performance.now() + 5_000;
  while (arrived.size < waiting.length && performance.now() < until)
    await new Promise((r) => setTimeout(r, 20));

  const latencies = [];
  const fromRequest = [];
  let early = 0;
  for (const [id, at] of answered) {
    const got = arrived.get(id);
    if (got === undefined) continue;
    // The event may come before the answer (the NOTIFY goes out at commit, the answer after it).
    if (got < at) early++;
    latencies.push(Math.max(0, got - at));
    fromRequest.push(got - sent.get(id));
  }
  latencies.sort((x, y) => x - y);
  fromRequest.sort((x, y) => x - y);
  console.log(
    `completions in A             : ${answered.size} in ${seconds.toFixed(1)} s = ${(answered.size / seconds).toFixed(0)}/s`,
  );
  console.log(
    `events arrived in B's stream : ${latencies.length} of ${answered.size} (${early} before A's answer)`,
  );
  console.log(
    `answer in A -> event in B    : p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
  );
  console.log(
    `request to A -> event in B   : p50 ${percentile(fromRequest, 50).toFixed(1)} ms, p95 ${percentile(fromRequest, 95).toFixed(1)} ms, ` +
      `p99 ${percentile(fromRequest, 99).toFixed(1)} ms`,
  );
} finally {
  close();
  await stopEngine(b);
  await stopEngine(a);
  await database.stop();
}

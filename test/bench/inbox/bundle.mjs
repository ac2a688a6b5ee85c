// The inbox area's weight and speed in the browser:
//  - the gzip size of the JavaScript the inbox downloads on first load, from the Vite build manifest
//    (apps/web/dist/.vite/manifest.json): the entry and the inbox page's chunk with their static imports;
//  - the time to interactive in Chromium: a signed-in officer opens /hop-viec with an empty cache, timed
//    from the navigation until the inbox's rows are visible (median of RUNS), and the JavaScript the page
//    really fetched meanwhile (to check the manifest's count).
//
//   npm run bench:inbox:bundle            (builds first)
//   RUNS=9 node test/bench/inbox/bundle.mjs
//
// The built engine with the demo seed on a real PostgreSQL (embedded under .data/bench-pg, or
// DATABASE_URL's server); Chromium at /usr/bin/chromium. Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import {
  call,
  login,
  recreateDatabase,
  root,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const DIST = join(root, 'apps/web/dist');
const INBOX_CHUNK = 'src/inbox/inbox.page.tsx';

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// 1. The manifest: what the first load of the inbox needs.
const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const files = new Set();
const css = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const c of chunk.css ?? []) css.add(c);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);
visit(INBOX_CHUNK);
let raw = 0;
let gzip = 0;
const rows = [];
for (const file of files) {
  const bytes = readFileSync(join(DIST, file));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  rows.push([file, bytes.length, zipped]);
}
console.log(
  `inbox first load, JavaScript from the manifest (${entryKey} + ${INBOX_CHUNK} and their imports):`,
);
for (const [file, size, zipped] of rows.sort((a, b) => b[2] - a[2]))
  console.log(`  ${file.padEnd(44)} ${kB(size).padStart(10)}  gzip ${kB(zipped).padStart(9)}`);
console.log(`  total ${files.size} files: ${kB(raw)}, gzip ${kB(gzip)} (target ≤ 400 kB)`);
const cssGzip = [...css].reduce(
  (sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length,
  0,
);
console.log(`  (CSS besides: ${css.size} files, gzip ${kB(cssGzip)})`);

// 2. Chromium: time to interactive of the inbox, signed in, cold cache.
const database = await startDatabase();
let engine;
let browser;
try {
  engine = await startEngine(await recreateDatabase(database.adminUrl, 'lt_bench_inbox_bundle'), {
    SEED_DEMO: 'true',
    // the demo seed is refused in production mode
    LT_MODE: 'test',
  });
  const origin = engine.base.replace(/\/api\/v1$/, '');
  // Steps in the registry officer's inbox: land-parcel dossiers received and passed on by the desk.
  const desk = await login(engine.base, 'tiepnhan', 'demo');
  for (let i = 0; i < 25; i++) {
    const received = await call(
      'POST',
      `${engine.base}/dossiers`,
      { definitionKey: 'tach-thua-dat', applicant: { name: `Người nộp ${i + 1}`, idNumber: '087090001234' } },
      desk,
    );
    await call('POST', `${engine.base}/tasks/${received.activeSteps[0].taskId}/complete`, {}, desk);
  }
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const options = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
  const times = [];
  let fetched = 0;
  let fetchedGzip = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    // a fresh context each time, nothing cached, signed in as the web app does (its refresh cookie)
    const context = await browser.newContext(options);
    const signedIn = await context.request.post(`${engine.base}/auth/session`, {
      data: { username: 'cv.vpdk', password: 'demo' },
      headers: { 'X-Requested-With': 'lienthong-web' },
    });
    if (!signedIn.ok()) throw new Error(`sign-in: ${signedIn.status()} ${await signedIn.text()}`);
    const p = await context.newPage();
    const scripts = [];
    p.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body().catch(() => Buffer.alloc(0)));
    });
    const t0 = performance.now();
    await p.goto(`${origin}/hop-viec`);
    await p.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
    const ms = performance.now() - t0;
    const bodies = await Promise.all(scripts);
    // the first run warms the engine and PostgreSQL up: not counted
    if (run > 0) times.push(ms);
    fetched = bodies.reduce((s, b) => s + b.length, 0);
    fetchedGzip = bodies.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0);
    await context.close();
  }
  console.log(`\nChromium, signed in, cold cache, /hop-viec until its rows show (${RUNS} runs):`);
  console.log(
    `  time to interactive: median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
  );
  console.log(`  JavaScript fetched: ${kB(fetched)}, gzip ${kB(fetchedGzip)}`);
} finally {
  await browser?.close();
  await stopEngine(engine);
  await database.stop();
}

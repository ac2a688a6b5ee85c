// Designer benchmark: the size of the designer area's code (gzip), its time to interactive in headless
// Chromium, and the time to open and to check (the engine's rules, in the browser) a generated diagram of
// about 300 elements. Built web app and engine (development mode, demo seed), real PostgreSQL. Prints figures.
//
//   npm run bench:designer
//   ELEMENTS=300 RUNS=3 node test/bench/designer/run.mjs
import { readdirSync, readFileSync } from 'node:fs';
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

const ELEMENTS = Number(process.env.ELEMENTS ?? 300);
const RUNS = Number(process.env.RUNS ?? 3);

/** Gzip size (kB) of the built assets whose names match. */
function assets(match) {
  const dir = join(root, 'apps/web/dist/assets');
  return readdirSync(dir)
    .filter((f) => match.test(f) && !f.endsWith('.map'))
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      return { file: f, raw: bytes.length / 1024, gzip: gzipSync(bytes, { level: 9 }).length / 1024 };
    });
}

/** A chain of user tasks laid out in rows, with a start and an end: `elements` shapes and flows in all. */
function generatedDiagram(elements) {
  const tasks = Math.max(1, Math.ceil((elements - 3) / 2));
  const ids = ['s', ...Array.from({ length: tasks }, (_, i) => `t${i}`), 'e'];
  const pos = (i) => ({ x: 100 + (i % 15) * 160, y: 100 + Math.floor(i / 15) * 140 });
  const nodes = ids.map((id, i) =>
    id === 's'
      ? `<bpmn:startEvent id="s" name="Nộp hồ sơ"/>`
      : id === 'e'
        ? `<bpmn:endEvent id="e" name="Trả kết quả"/>`
        : `<bpmn:userTask id="${id}" name="Bước ${i}" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="${i % 2 ? '4h' : '1d'}"/>`,
  );
  const flows = ids
    .slice(1)
    .map((id, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${ids[i]}" targetRef="${id}"/>`);
  const size = (id) => (id === 's' || id === 'e' ? { w: 36, h: 36 } : { w: 100, h: 80 });
  const shapes = ids.map((id, i) => {
    const { x, y } = pos(i);
    const { w, h } = size(id);
    return `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;
  });
  const edges = ids.slice(1).map((id, i) => {
    const a = pos(i);
    const b = pos(i + 1);
    return `<bpmndi:BPMNEdge id="f${i}_di" bpmnElement="f${i}"><di:waypoint x="${a.x + size(ids[i]).w}" y="${a.y + 18}"/><di:waypoint x="${b.x}" y="${b.y + 18}"/></bpmndi:BPMNEdge>`;
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:lt="https://lienthong.vn/schema/bpmn/1.0" id="bench_defs" targetNamespace="https://lienthong.vn/bench">
<bpmn:process id="bench-thiet-ke" name="Quy trình ${elements} phần tử (bench)" isExecutable="true" lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="200d">
${nodes.join('\n')}
${flows.join('\n')}
</bpmn:process>
<bpmndi:BPMNDiagram id="bench_diagram"><bpmndi:BPMNPlane id="bench_plane" bpmnElement="bench-thiet-ke">
${shapes.join('\n')}
${edges.join('\n')}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
  return { xml, count: ids.length + flows.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (v) => `${v.toFixed(0)} ms`;

const db = await startDatabase('bench-designer-pg');
const url = await recreateDatabase(db.adminUrl, 'bench_designer');
const engine = await startEngine(url, { LT_MODE: 'development', SEED_DEMO: 'true' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const origin = engine.base.replace(/\/api\/v1$/, '');
  const token = await login(engine.base, 'thietke', 'demo');
  const { xml, count } = generatedDiagram(ELEMENTS);
  const draft = await call('POST', `${engine.base}/drafts`, { xml }, token);

  const tti = [];
  const open = [];
  const lint = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh context each run: nothing cached, signed in through the page as a designer would.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${origin}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('thietke');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('demo');
    await page.getByLabel('Mật khẩu', { exact: true }).press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));

    // Time to interactive of the designer area: from the navigation to its start page listing what to open.
    await page.goto(`${origin}/thiet-ke`);
    await page.getByRole('button', { name: 'Soạn từ phiên bản này' }).first().waitFor();
    tti.push(await page.evaluate(() => performance.now()));

    // Open the generated diagram: import into the modeler, then the first check by the engine's rules.
    await page.goto(`${origin}/thiet-ke?ban-nhap=${draft.id}`);
    await page.waitForFunction(() => performance.getEntriesByName('lt-designer-linted').length > 0, null, {
      timeout: 120_000,
    });
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        start: at('lt-designer-import-start'),
        imported: at('lt-designer-imported'),
        linted: at('lt-designer-linted'),
      };
    });
    open.push(marks.imported - marks.start);
    lint.push(marks.linted - marks.imported);
    await context.close();
  }

  const designer = assets(/^designer.*\.(js|css)$/);
  const entry = assets(/^index-.*\.js$/);
  console.log('Designer area (apps/web/dist/assets, gzip -9):');
  for (const a of designer)
    console.log(
      `  ${a.file.padEnd(34)} ${a.raw.toFixed(0).padStart(6)} kB  gzip ${a.gzip.toFixed(0).padStart(5)} kB`,
    );
  console.log(
    `  total designer chunks: gzip ${designer.reduce((t, a) => t + a.gzip, 0).toFixed(0)} kB (loaded only on /thiet-ke)`,
  );
  for (const a of entry) console.log(`  entry ${a.file} (every page): gzip ${a.gzip.toFixed(0)} kB`);
  console.log(`Chromium, ${RUNS} runs (median; fresh context each run):`);
  console.log(`  time to interactive of /thiet-ke:        ${ms(median(tti))}  [${tti.map(ms).join(', ')}]`);
  console.log(
    `  open a ${count}-element diagram (import):  ${ms(median(open))}  [${open.map(ms).join(', ')}]`,
  );
  console.log(`  first check by the engine's rules:       ${ms(median(lint))}  [${lint.map(ms).join(', ')}]`);
} finally {
  await browser.close();
  await stopEngine(engine);
  await db.stop();
}

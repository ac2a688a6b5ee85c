import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierDto, PageDto } from '@lienthong/contracts';
import { startDemoEngine, type DemoEngine } from './support/demo-engine';

jest.setTimeout(180_000);

const repoRoot = join(__dirname, '../..');
const SCRIPT = join(repoRoot, 'scripts/walkthrough.sh');

interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runWalkthrough(api: string, env: Record<string, string> = {}): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [SCRIPT],
      { cwd: repoRoot, env: { ...process.env, API: api, ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** The lines between `begin` and `end` (exclusive), each marker being the start of a line. */
function between(text: string, begin: string, end: string): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`markers ${begin} … ${end} not found`);
  return text.slice(text.indexOf('\n', from) + 1, to);
}

/**
 * The README's walkthrough ("A dossier through the API") is scripts/walkthrough.sh: the README shows
 * the script's lines, and the script takes a land-parcel dossier through every step against the built
 * engine with the demo seed, as a newcomer following the README would.
 */
describe('the README walkthrough (scripts/walkthrough.sh)', () => {
  let demo: DemoEngine;
  let api: string;

  beforeAll(async () => {
    demo = await startDemoEngine();
    api = `${demo.engine.baseUrl}/api/v1`;
  });
  afterAll(async () => {
    await demo?.stop();
  });

  it('is what the README shows', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const shown = between(readme, '<!-- walkthrough:begin', '<!-- walkthrough:end -->').trim();
    expect(shown.startsWith('```sh\n') && shown.endsWith('\n```')).toBe(true);
    const script = between(readFileSync(SCRIPT, 'utf8'), '# --- README: begin ---', '# --- README: end ---');
    expect(shown.slice('```sh\n'.length, -'```'.length)).toBe(script);
  });

  it('takes a dossier through all its steps, looks it up without a token and publishes a revision', async () => {
    // when the walkthrough runs against the demo engine
    const run = await runWalkthrough(api);

    // then it ends well, telling each step
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const code = /dossier (000\.00\.02\.H20-\d{6}-\d{4}), appointment/.exec(run.stdout)?.[1];
    expect(code).toBeDefined();
    for (const line of [
      'version 2: published',
      'next: t_kiem_tra at DTP-VPDK-CL',
      'claimed by cv.vpdk',
      'next: st_thue at DTP-THUE-1',
      'next: rt_nop_tien, waiting for payment-confirmed',
      'correlated: true',
      'next: st_csdl at DTP-VPDK-CL',
      'next: t_tra_kq at DTP-TTHCC',
      `dossier ${code}: completed`,
      `${code}: completed, Tách thửa hoặc hợp thửa đất, received by Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp`,
      'version 3: draft, created: true',
      'version 3: published',
    ]) {
      expect(run.stdout.split('\n')).toContain(line);
    }

    // and the engine agrees: the dossier went through every step of version 2, version 3 is published
    const desk = await demo.as('tiepnhan');
    const dossier = await desk.get<DossierDto>(`/dossiers/${code}`);
    expect(dossier.body).toMatchObject({
      status: 'completed',
      definitionVersion: 2,
      result: { endEventId: 'end_done' },
    });
    expect(dossier.body.variables).toMatchObject({
      result: 'eligible',
      hasFinancialObligation: true,
      taxAmount: 12500000,
    });
    const history = await desk.get<PageDto<{ type: string; nodeId: string | null }>>(
      `/dossiers/${dossier.body.id}/history?limit=200`,
    );
    expect(history.body.items.filter((e) => e.type === 'task.completed').map((e) => e.nodeId)).toEqual([
      't_tiep_nhan',
      't_kiem_tra',
      't_xac_nhan',
      'st_thue',
      't_ky',
      'st_csdl',
      't_tra_kq',
    ]);
    const definitions = await desk.get<PageDto<{ version: number; status: string }>>(
      '/definitions?key=tach-thua-dat',
    );
    expect(definitions.body.items.map((d) => [d.version, d.status])).toEqual([
      [1, 'retired'],
      [2, 'retired'],
      [3, 'published'],
    ]);
    const revised = await desk.get<{ xml: string }>('/definitions/tach-thua-dat/versions/3');
    expect(revised.body.xml).toMatch(/id="t_kiem_tra"[^>]*lt:allottedTime="2d"/);

    // and run again, it takes a second dossier through, finding the revision deployed already
    const again = await runWalkthrough(api);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    expect(again.stdout.split('\n')).toEqual(
      expect.arrayContaining(['version 3: published, created: false', 'version 3: published']),
    );
  });

  it('stops at the first refused call, saying what was refused', async () => {
    const run = await runWalkthrough(api, { DEMO_PASSWORD: 'not-the-password' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('POST /auth/login answered HTTP 401');
    expect(run.stdout).toBe('');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DefinitionSummaryDto, DraftDto, PageDto } from '@lienthong/contracts';
import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { DesignerPage } from './pages/designer.page';
import { SignInPage } from './pages/sign-in.page';
import { screenshot } from './screenshots';

jest.setTimeout(180_000);

/** The days of "đường dài nhất 11,5 / 12 ngày làm việc" as a number. */
const longest = (text: string) => Number(/đường dài nhất ([\d,]+)/.exec(text)?.[1]?.replace(',', '.'));

/**
 * The process designer in Chromium against the built engine with the demo seed: a designer revises the
 * land-parcel procedure, sees the engine's rules and the deadline view follow the drawing, saves the draft
 * on the server, compares it with the deployed version, meets a concurrent save, and exports and imports a file.
 */
describe('process designer in the browser', () => {
  let demo: DemoEngine;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoEngine(), launchBrowser()]);
    base = demo.engine.baseUrl;
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function signedIn(username: string): Promise<DesignerPage> {
    const page = await browser.newPage();
    await page.goto(`${base}/dang-nhap`);
    await (await new SignInPage(page).waitUntilShown()).signIn(username, 'demo');
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    const designer = new DesignerPage(page);
    await designer.open(base);
    return designer;
  }

  it('revises the land-parcel process: a new step with a unit and a time, its problem, the longest path, the saved draft, the comparison', async () => {
    const designer = await signedIn('thietke');
    await screenshot(designer.page, 'designer-home');

    await designer.startFrom('Tách thửa', 'Đang áp dụng');
    const draftId = new URL(designer.page.url()).searchParams.get('ban-nhap') ?? '';
    expect(draftId).not.toBe('');
    await screenshot(designer.page, 'designer-open');
    const opened = (await designer.criticalPath.textContent()) ?? '';
    const before = longest(opened);
    expect(before).toBeGreaterThan(0);
    // every step of the seeded procedure that needs a time has one (the wait for a supplement restarts
    // the legal time limit: no time of its own)
    expect(opened).not.toContain('chưa có thời gian');

    // A new step after the return of the result: no unit yet, so the engine's rule reports it.
    await designer.select('t_tra_kq');
    await designer.appendStep();
    const added = await designer.selectedId();
    expect(added).not.toBe('t_tra_kq');
    await designer.problem('unit-missing', added).waitFor();
    expect(await designer.issueCodes()).toContain(`unit-missing@${added}`);
    expect(await designer.problem('unit-missing', added).innerText()).toContain('chưa có đơn vị xử lý');
    await screenshot(designer.page, 'designer-problem');

    // The unit picked from the organisation tree by name: the problem disappears.
    await designer.openLtGroup();
    await designer.pickUnit('DTP-VPDK-CL');
    await designer.problem('unit-missing', added).waitFor({ state: 'detached' });
    expect(await designer.issueCodes()).not.toContain(`unit-missing@${added}`);

    // Two working days on the new step: the longest path grows by 2.
    await designer.setAllottedTime('2d');
    await designer.criticalPath
      .filter({ hasText: `đường dài nhất ${String(before + 2).replace('.', ',')} ` })
      .waitFor();
    await designer.page.locator('.lt-toolbar').getByRole('button', { name: 'Thời hạn' }).click();
    await designer.page.locator(`.lt-deadline-badge[data-element-id="${added}"]`).waitFor();
    expect(await designer.page.locator('.lt-deadline-missing').count()).toBe(0);
    expect(await designer.page.locator('.lt-deadline-badge[data-element-id="rt_bo_sung"]').innerText()).toBe(
      'tính lại thời hạn',
    );
    await screenshot(designer.page, 'designer-deadline-view');

    // Saved on the server (autosave, or Ctrl+S), and still there after a reload.
    await designer.save();
    const revision = await designer.waitSaved();
    expect(revision).toBeGreaterThanOrEqual(2);
    const stored = await (await demo.as('thietke')).get<DraftDto>(`/drafts/${draftId}`);
    expect(stored.body.revision).toBe(revision);
    expect(stored.body.xml).toContain(`id="${added}"`);
    expect(stored.body.xml).toContain('lt:allottedTime="2d"');
    await designer.page.reload();
    await designer.waitUntilOpen();
    await designer.shape(added).waitFor();

    // Compared with the deployed version: the new step listed in words and highlighted.
    const changes = await designer.compare();
    const texts = await changes.allInnerTexts();
    expect(texts.some((t) => t.includes('Thêm bước'))).toBe(true);
    await designer.page.locator(`.djs-element.lt-diff-added[data-element-id="${added}"]`).waitFor();
    await screenshot(designer.page, 'designer-compare');
    await designer.page.close();
  });

  it('refuses a save over a newer revision with a choice, and saving as a new draft keeps both', async () => {
    const designer = await signedIn('thietke');
    await designer.startFrom('Tách thửa', 'Đang áp dụng');
    const draftId = new URL(designer.page.url()).searchParams.get('ban-nhap') ?? '';
    const other = await demo.as('banhanh');
    const current = await other.get<DraftDto>(`/drafts/${draftId}`);
    const theirs = await other.put<DraftDto>(`/drafts/${draftId}`, { xml: current.body.xml, revision: 1 });
    expect(theirs.status).toBe(200);

    await designer.select('t_tra_kq');
    await designer.appendStep();
    await designer.save();
    const dialog = designer.page.getByRole('dialog').filter({ hasText: 'Bản nháp vừa được người khác lưu' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('banhanh');
    await screenshot(designer.page, 'designer-conflict');
    expect((await other.get<DraftDto>(`/drafts/${draftId}`)).body.revision).toBe(2);

    await dialog.getByRole('button', { name: 'Lưu thay đổi của tôi thành bản nháp mới' }).click();
    await designer.page.waitForURL((url) => url.searchParams.get('ban-nhap') !== draftId);
    await designer.waitUntilOpen();
    const copyId = new URL(designer.page.url()).searchParams.get('ban-nhap') ?? '';
    const copy = await other.get<DraftDto>(`/drafts/${copyId}`);
    expect(copy.status).toBe(200);
    expect(copy.body.name).toContain('(bản sao)');
    expect((await other.get<DraftDto>(`/drafts/${draftId}`)).body.xml).toBe(current.body.xml);
    await designer.page.close();
  });

  it('exports a .bpmn file that, imported again, exports the same file', async () => {
    const designer = await signedIn('thietke');
    await designer.startFrom('khai sinh', 'Đang áp dụng');
    // a long procedure name shrinks (ellipsis), the toolbar stays on one line
    expect(await designer.toolbarRows()).toBe(1);
    await screenshot(designer.page, 'designer-long-name');
    const first = await designer.export();
    expect(first).toContain('<bpmn:process');
    await designer.importFile(base, 'quy-trinh.bpmn', first);
    const second = await designer.export();
    expect(second).toBe(first);
    await designer.page.close();
  });

  it('opens a Camunda Modeler file, and its extension elements survive an edit and a save', async () => {
    const designer = await signedIn('thietke');
    const file = join(
      __dirname,
      '..',
      '..',
      '..',
      'apps',
      'web',
      'src',
      'designer',
      'testing',
      'third-party',
      'camunda-modeler.bpmn',
    );
    await designer.importFile(base, 'camunda-modeler.bpmn', readFileSync(file, 'utf8'));
    const draftId = new URL(designer.page.url()).searchParams.get('ban-nhap') ?? '';
    await designer.select('Task_archive');
    await designer.appendStep();
    await designer.save();
    expect(await designer.waitSaved()).toBeGreaterThanOrEqual(2);
    const { body } = await (await demo.as('thietke')).get<DraftDto>(`/drafts/${draftId}`);
    for (const kept of [
      '<zeebe:taskDefinition type="archive" retries="5"',
      '<camunda:inputOutput>',
      '<zeebe:header key="priority" value="high"',
      'camunda:candidateGroups="accounting"',
      'modeler:executionPlatform="Camunda Cloud"',
    ]) {
      expect(body.xml).toContain(kept);
    }
    await screenshot(designer.page, 'designer-third-party');
    await designer.page.close();
  });

  it('a publisher publishes the revision with the decision reference; a new dossier runs on it', async () => {
    const designer = await signedIn('banhanh');
    await designer.startFrom('Tách thửa', 'Đang áp dụng');
    // a publisher's toolbar (one more button) holds on one line at 1366 px
    await screenshot(designer.page, 'designer-publisher-toolbar');
    expect(await designer.toolbarRows()).toBe(1);
    const api = await demo.as('banhanh');
    const before = await api.get<PageDto<DefinitionSummaryDto>>('/definitions/tach-thua-dat/versions');
    const latest = Math.max(...before.body.items.map((v) => v.version));

    // a revision without problems: a new step with its unit and time
    await designer.select('t_tra_kq');
    await designer.appendStep();
    await designer.openLtGroup();
    await designer.pickUnit('DTP-VPDK-CL');
    await designer.setAllottedTime('1d');
    await designer.errorCount.filter({ hasText: /^0 lỗi$/ }).waitFor();
    await designer.save();
    await designer.waitSaved();

    // published with the decision that approved it, effective today (Vietnam time)
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-');
    await designer.page.getByRole('button', { name: 'Ban hành…' }).click();
    const dialog = designer.page.getByRole('dialog', { name: 'Ban hành quy trình' });
    await dialog.getByLabel('Số quyết định phê duyệt quy trình nội bộ').fill('2101/QĐ-UBND');
    for (const label of ['Ngày ký quyết định', 'Ngày có hiệu lực']) {
      await dialog.getByLabel(label).fill(`${d}/${m}/${y}`);
      await dialog.getByLabel(label).press('Enter');
    }
    await screenshot(designer.page, 'designer-publish');
    await dialog.getByRole('button', { name: 'Ban hành' }).click();
    await dialog.waitFor({ state: 'detached' });

    // the engine lists the new version with its decision, and receives new dossiers on it
    const after = await api.get<PageDto<DefinitionSummaryDto>>('/definitions/tach-thua-dat/versions');
    const published = after.body.items.find((v) => v.version === latest + 1);
    expect(published).toMatchObject({
      status: 'published',
      decisionNumber: '2101/QĐ-UBND',
      decisionDate: today,
      effectiveFrom: today,
      publishedBy: 'banhanh',
    });
    const desk = await demo.as('tiepnhan');
    const received = await desk.post<{ definitionVersion: number }>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Phạm Thị Hoa', idNumber: '087190001234' },
      variables: { parcel: { sheet: 12, number: 346, area: 180 } },
    });
    expect(received.status).toBe(201);
    expect(received.body.definitionVersion).toBe(latest + 1);
    await designer.page.close();
  });
});

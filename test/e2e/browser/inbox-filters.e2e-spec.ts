import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { dossierAtTheRegistry } from './dossiers';
import { InboxPage } from './pages/inbox.page';
import { screenshot } from './screenshots';

jest.setTimeout(180_000);

/**
 * In Chromium, against the built engine with the demo seed: the land registry officer filters the inbox
 * by deadline status, searches an applicant without diacritics, saves the filter and uses it again.
 */
describe('the inbox filter bar in the browser', () => {
  let demo: DemoEngine;
  let browser: Browser;
  let base: string;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoEngine(), launchBrowser()]);
    base = demo.engine.baseUrl;
    for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'])
      codes[name] = await dossierAtTheRegistry(demo, name);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const officerInbox = () => InboxPage.signedIn(() => browser.newPage(), base, 'cv.vpdk');

  it('filters by deadline status with counts on the chips, in the URL (back undoes it)', async () => {
    const inbox = await officerInbox();
    await inbox.page.getByText('Tất cả (3)').waitFor();
    expect(await inbox.statusChips()).toEqual([
      'Tất cả (3)',
      'Đúng hạn (3)',
      'Sắp đến hạn (0)',
      'Quá hạn (0)',
    ]);
    await screenshot(inbox.page, 'inbox-filters');

    await inbox.filterByStatus('Quá hạn');
    await inbox.emptyText.getByText('Không có bước nào quá hạn').waitFor();
    expect(new URL(inbox.page.url()).searchParams.get('deadlineStatus')).toBe('overdue');
    expect(await inbox.codes()).toEqual([]);
    await screenshot(inbox.page, 'inbox-overdue-empty');

    await inbox.filterByStatus('Đúng hạn');
    await inbox.rows.nth(2).waitFor();
    expect((await inbox.codes()).sort()).toEqual(Object.values(codes).sort());

    await inbox.page.goBack();
    await inbox.emptyText.getByText('Không có bước nào quá hạn').waitFor();
    await inbox.page.close();
  });

  it('filters by a due range, its date picker fetched when first used, kept in the URL', async () => {
    const inbox = await officerInbox();
    // the picker is not part of the inbox's first load: a stand-in field shows until it is used
    const pickerScripts: string[] = [];
    inbox.page.on('request', (r) => {
      if (/due-range-picker/.test(r.url())) pickerScripts.push(r.url());
    });
    expect(await inbox.page.locator('.ant-picker-range').count()).toBe(0);

    // steps due within the coming weeks: all three; in the first days of 2099: none
    // (dd/mm/yyyy, as the picker takes them)
    const day = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
    const today = day(new Date());
    const later = day(new Date(Date.now() + 120 * 86_400_000));
    await inbox.filterByDueRange(today, later);
    await inbox.page.waitForURL(/dueTo=/);
    await inbox.rows.nth(2).waitFor();
    expect((await inbox.codes()).sort()).toEqual(Object.values(codes).sort());
    expect(pickerScripts).toHaveLength(1);
    await screenshot(inbox.page, 'inbox-due-range');

    await inbox.filterByDueRange('01/01/2099', '05/01/2099');
    await inbox.page.waitForURL((url) => url.searchParams.get('dueFrom')?.startsWith('2098-12-31') ?? false);
    // (the rows of the previous range stay until the new answer: its empty state tells it has come)
    await inbox.emptyText.waitFor();
    expect(await inbox.codes()).toEqual([]);

    // a reload (or a shared link) shows the range of the URL in the picker
    await inbox.page.reload();
    await inbox.emptyText.waitFor();
    expect(await inbox.dueRange()).toEqual(['01/01/2099', '05/01/2099']);
    await inbox.page.close();
  });

  it('finds an applicant by the name typed without diacritics, after the / shortcut', async () => {
    const inbox = await officerInbox();
    await inbox.searchFor('tran thi binh');

    await inbox.page.waitForURL(/q=tran/);
    await inbox.rows.nth(1).waitFor({ state: 'detached' });
    expect(await inbox.codes()).toEqual([codes['Trần Thị Bình']]);
    await inbox.page.getByText('Tất cả (1)').waitFor();
    await screenshot(inbox.page, 'inbox-search');

    await inbox.searchFor('khong ai');
    await inbox.emptyText.getByText('Không tìm thấy bước nào khớp với “khong ai”').waitFor();
    await inbox.page.close();
  });

  it('saves the filters under a name and uses them again after a reload', async () => {
    const inbox = await officerInbox();
    await inbox.searchFor('nguyen van an');
    await inbox.rows.nth(1).waitFor({ state: 'detached' });
    await inbox.saveFilter('Hồ sơ ông An');

    // a fresh inbox without filters, reloaded: the saved filter is still there
    await inbox.page.goto(`${base}/hop-viec`);
    await inbox.page.reload();
    await inbox.rows.nth(2).waitFor();
    expect(await inbox.codes()).toHaveLength(3);
    await inbox.pickSavedFilter('Hồ sơ ông An');
    await inbox.page.waitForURL(/q=nguyen/);
    await inbox.rows.nth(1).waitFor({ state: 'detached' });
    expect(await inbox.codes()).toEqual([codes['Nguyễn Văn An']]);
    await expect(inbox.search.inputValue()).resolves.toBe('nguyen van an');
    await screenshot(inbox.page, 'inbox-saved-filter');

    // deleted after a confirmation
    await inbox.deleteSavedFilter();
    await inbox.page.getByText('Đã xóa bộ lọc “Hồ sơ ông An”.').waitFor();
    await inbox.page.getByRole('button', { name: 'Lưu bộ lọc…' }).waitFor();
    await inbox.page.close();
  });
});

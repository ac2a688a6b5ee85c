import { Workbook } from 'exceljs';
import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { dossierAtTheRegistry, dossierWaitingForReturn } from './dossiers';
import { DossierViewPage } from './pages/dossier.page';
import { SignInPage } from './pages/sign-in.page';
import { StatisticsPage } from './pages/statistics.page';
import { screenshot } from './screenshots';

jest.setTimeout(180_000);

const DESK = 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp';

/** The leaders' dashboard in Chromium against the built engine with the demo seed. */
describe('statistics dashboard in the browser', () => {
  let demo: DemoEngine;
  let browser: Browser;
  let base: string;
  const codes: string[] = [];

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoEngine(), launchBrowser()]);
    base = demo.engine.baseUrl;
    // two dossiers with the land registry, one withdrawn by its applicant
    codes.push(
      await dossierAtTheRegistry(demo, 'Nguyễn Văn An'),
      await dossierAtTheRegistry(demo, 'Trần Thị Bình'),
    );
    const desk = await demo.as('tiepnhan');
    const withdrawn = await desk.post<{ code: string }>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Lê Văn Cường', idNumber: '087090005678' },
      variables: { parcel: { sheet: 3, number: 17, area: 120 } },
    });
    expect(withdrawn.status).toBe(201);
    expect(
      (await desk.post(`/dossiers/${withdrawn.body.code}/cancel`, { reason: 'Công dân rút hồ sơ' })).status,
    ).toBe(200);
    codes.push(withdrawn.body.code);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('shows a leader the figures of the month, each figure and chart down to its dossiers, and exports form 06a', async () => {
    // given the desk's leader signed in
    const page = await browser.newPage();
    await page.goto(`${base}/thong-ke`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('ld.tthcc', 'demo'));
    const stats = new StatisticsPage(page);
    await stats.heading.waitFor();

    // then the headline figures of this year
    await expect(stats.headline('Hồ sơ nhận giải quyết')).resolves.toBe('3');
    await expect(stats.headline('Đã giải quyết')).resolves.toBe('0');
    await expect(stats.headline('Tỷ lệ giải quyết đúng hạn')).resolves.toBe('—');
    await page
      .getByRole('img', { name: 'Hồ sơ đã và đang giải quyết theo đơn vị tiếp nhận' })
      .locator('canvas')
      .waitFor();
    await screenshot(page, 'statistics-dashboard');
    // the heaviest queues are those of the leader's unit and the units below it, and the card says so
    await expect(stats.queuesScope()).resolves.toBe('Trong phạm vi đơn vị của bạn và các đơn vị trực thuộc');
    await screenshot(page, 'statistics-queues');
    await page.getByText('Mẫu 06a', { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'statistics-table');
    await page.mouse.wheel(0, -2000);

    // when the total of the desk's row is clicked: its three dossiers
    await stats.openFigure(`Tổng số – ${DESK}: 3 hồ sơ`);
    const total = await stats.drillDown();
    expect(total.title).toBe(`Tổng số – ${DESK}`);
    expect([...total.codes].sort()).toEqual([...codes].sort());
    await screenshot(page, 'statistics-drill-down');
    await stats.closeDrillDown();

    // when the withdrawn figure is clicked
    await stats.openFigure(`Rút hồ sơ – ${DESK}: 1 hồ sơ`);
    expect((await stats.drillDown()).codes).toEqual([codes[2]]);
    await stats.closeDrillDown();

    // when the bar of the desk's dossiers in progress is clicked
    await stats.clickChart('Hồ sơ đã và đang giải quyết theo đơn vị tiếp nhận');
    const bar = await stats.drillDown();
    expect(bar.title).toBe(`Đang giải quyết trong hạn – ${DESK}`);
    expect([...bar.codes].sort()).toEqual([codes[0], codes[1]].sort());
    await stats.closeDrillDown();

    // when form 06a is exported with the page's filters
    const download = await stats.export('Xuất Excel');
    expect(download.suggestedFilename()).toMatch(
      /^Báo cáo mẫu 06a từ \d{4}-01-01 đến \d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const workbook = new Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('Mẫu 06a')!;
    const row = (sheet.getRow(7).values as unknown[]).slice(1);
    expect(row.slice(0, 3)).toEqual([1, DESK, 3]);
    await page.close();
  });

  it('lets a leader stop a dossier from its view, prints the notice, and counts it in form 06a', async () => {
    // given a dossier at the registry and the desk's leader signed in
    const code = await dossierAtTheRegistry(demo, 'Phạm Thị Dừng');
    const page = await browser.newPage();
    const view = await new DossierViewPage(page).open(base, code);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('ld.tthcc', 'demo'));
    await view.waitUntilShown();

    // when the leader stops it with a reason and its basis, confirmed
    await view.stop(
      'Công dân không bổ sung hồ sơ trong thời hạn 15 ngày làm việc',
      'Nghị định 118/2025/NĐ-CP',
    );

    // then the dossier is stopped, and its notice names the reason and basis
    await page.getByText('Dừng giải quyết', { exact: true }).first().waitFor();
    const notice = (await view.stopNotice.innerText()).replace(/\s+/g, ' ');
    expect(notice).toContain(code);
    expect(notice).toContain('Công dân không bổ sung hồ sơ trong thời hạn 15 ngày làm việc');
    expect(notice).toContain('Nghị định 118/2025/NĐ-CP');
    expect(await page.getByRole('button', { name: 'Dừng giải quyết' }).count()).toBe(0);
    await screenshot(page, 'dossier-stopped');

    // and the dashboard counts it as stopped, down to it; nothing is due soon or overdue now
    await page.goto(`${base}/thong-ke`);
    const stats = new StatisticsPage(page);
    await stats.heading.waitFor();
    await expect(stats.headline('Đang quá hạn (hiện nay)')).resolves.toBe('0');
    await expect(stats.headline('Sắp đến hạn (hiện nay)')).resolves.toBe('0');
    await stats.openFigure(`Dừng giải quyết – ${DESK}: 1 hồ sơ`);
    expect((await stats.drillDown()).codes).toEqual([code]);
    await stats.closeDrillDown();
    // grouped by officer: the registry's officers took no step yet
    await stats.groupBy('Theo cán bộ xử lý');
    await page.getByRole('columnheader', { name: 'Cán bộ xử lý' }).waitFor();
    await page.getByText('(chưa phân công)').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'statistics-by-officer');
    await page.close();
  });

  it("shows the province's office the dashboard of every unit", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/thong-ke`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('banhanh', 'demo'));
    const stats = new StatisticsPage(page);
    await stats.heading.waitFor();
    await expect(stats.queuesScope()).resolves.toBe('Tất cả đơn vị của tỉnh');
    // the steps open at the other units (the registry's), which the desk's leader does not see
    await page
      .getByRole('img', { name: 'Đơn vị có nhiều bước đang xử lý nhất' })
      .locator('canvas')
      .waitFor();
    await screenshot(page, 'statistics-province-queues');
    await page.close();
  });

  it('shows the average handling time of each procedure (Decision 766, 2.b) once a dossier is resolved', async () => {
    // given a land-parcel dossier whose result was returned this month
    const code = await dossierWaitingForReturn(demo, 'Hồ Thị Kết Quả');
    const returned = await (
      await demo.as('tiepnhan')
    ).post(`/dossiers/${code}/return`, { collectorName: 'Hồ Thị Kết Quả', relation: 'applicant' });
    expect(returned.status).toBe(200);

    // when the desk's leader opens the dashboard
    const page = await browser.newPage();
    await page.goto(`${base}/thong-ke`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('ld.tthcc', 'demo'));
    const stats = new StatisticsPage(page);
    await stats.heading.waitFor();

    // then its procedure has one resolved dossier this month, handled within the day (0,0 days)
    const rows = await stats.averageTimes();
    expect(rows).toHaveLength(1);
    const [procedure, month, resolved, working, calendar] = rows[0]!;
    expect(procedure).toContain('Tách thửa');
    expect(month).toMatch(/^\d{2}\/\d{4}$/);
    expect([resolved, working, calendar]).toEqual(['1', '0,0', '0,0']);
    await screenshot(page, 'statistics-average-times');
    await page.close();
  });

  it('refuses statistics to an officer with the engine’s reason, not a blank page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dang-nhap`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('cv.vpdk', 'demo'));
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.goto(`${base}/thong-ke`);
    await page
      .getByText(/không có quyền|Không tải được số liệu/i)
      .first()
      .waitFor();
    await screenshot(page, 'statistics-refused');
    await page.close();
  });
});

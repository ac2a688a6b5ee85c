import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { InboxPage } from './pages/inbox.page';
import { SignInPage } from './pages/sign-in.page';
import { TaskDrawerPage } from './pages/task-drawer.page';
import { screenshot } from './screenshots';

jest.setTimeout(120_000);

/** Handling steps from the inbox in Chromium, against the built engine with the demo seed. */
describe('handling a step in the browser', () => {
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

  /** A land-parcel dossier received at the provincial desk and passed on to the land registry branch. */
  async function dossierAtTheRegistry(applicant = 'Nguyễn Văn An'): Promise<string> {
    const desk = await demo.as('tiepnhan');
    const received = await desk.post<{ code: string; activeSteps: Array<{ taskId: string }> }>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: applicant, idNumber: '087090001234' },
      variables: { parcel: { sheet: 12, number: 345, area: 250.5 } },
    });
    expect(received.status).toBe(201);
    const done = await desk.post(`/tasks/${received.body.activeSteps[0]!.taskId}/complete`, {});
    expect(done.status).toBe(200);
    return received.body.code;
  }

  /** The registry officer's inbox, signed in. */
  async function officerInbox(): Promise<InboxPage> {
    const page = await browser.newPage();
    await page.goto(`${base}/hop-viec`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('cv.vpdk', 'demo'));
    const inbox = new InboxPage(page);
    await inbox.list();
    return inbox;
  }

  const stepOf = async (inbox: InboxPage, code: string) =>
    (await inbox.list()).filter((r) => r.dossierCode === code).map((r) => `${r.step} · ${r.status}`);

  it('claims several steps at once and gives one back', async () => {
    const [first, second] = [await dossierAtTheRegistry(), await dossierAtTheRegistry('Trần Thị Bình')];
    const inbox = await officerInbox();

    await inbox.select(first);
    await inbox.select(second);
    await inbox.batch('Nhận xử lý');

    await inbox.page.getByText('Đã nhận xử lý 2 bước.').waitFor();
    await inbox.row(first).getByText('Đang xử lý').waitFor();
    expect(await stepOf(inbox, first)).toEqual([
      'Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa · Đang xử lý · cv.vpdk',
    ]);
    expect(await stepOf(inbox, second)).toEqual([
      'Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa · Đang xử lý · cv.vpdk',
    ]);

    await inbox.select(second);
    await inbox.batch('Trả lại');

    await inbox.page.getByText('Đã trả lại 1 bước cho đơn vị.').waitFor();
    await inbox.row(second).getByText('Chờ nhận').waitFor();
    expect(await stepOf(inbox, first)).toEqual([
      'Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa · Đang xử lý · cv.vpdk',
    ]);
    await inbox.page.close();
  });

  it('opens a step, checks its form in the browser, fills it by keyboard and completes it after a confirmation', async () => {
    const code = await dossierAtTheRegistry('Lê Văn Cường');
    const inbox = await officerInbox();

    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(inbox.page).waitUntilShown();
    expect(await drawer.detail('Mã hồ sơ')).toBe(code);
    expect(await drawer.detail('Người nộp')).toBe('Lê Văn Cường Số định danh: 087090001234');
    expect(await drawer.detail('Thủ tục')).toBe('Tách thửa hoặc hợp thửa đất');
    expect(await drawer.detail('Bước xử lý')).toBe('Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa');
    expect(await drawer.detail('Hạn xử lý')).toMatch(
      /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Đúng hạn còn .+ làm việc$/,
    );
    expect(await drawer.detail('Trạng thái')).toBe('Chờ nhận');

    await drawer.claim.click();
    await inbox.page.getByText('Bạn đã nhận xử lý bước này.').waitFor();
    expect(await drawer.detail('Trạng thái')).toBe('Đang xử lý · bạn');
    await screenshot(inbox.page, 'inbox-drawer-form');

    // submitting the empty form: the browser names the required field, the engine is not asked
    await drawer.complete.click();
    expect(await drawer.fieldErrors()).toEqual(['Chưa nhập Kết quả kiểm tra.']);
    expect(await drawer.confirmation.count()).toBe(0);
    await screenshot(inbox.page, 'inbox-drawer-validation');

    // then by keyboard alone: the result's options with the arrow keys, the reason typed, Enter on "Hoàn thành"
    await drawer.field('Đủ điều kiện').focus();
    await inbox.page.keyboard.press('Space');
    await inbox.page.keyboard.press('Tab');
    await inbox.page.keyboard.type('Hồ sơ đầy đủ, thửa đất đủ điều kiện tách.');
    await inbox.page.keyboard.press('Tab');
    await inbox.page.keyboard.press('Tab');
    await expect(drawer.complete.evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true);
    await inbox.page.keyboard.press('Enter');
    await drawer.confirmation
      .locator('.ant-modal-confirm-title', { hasText: 'Hoàn thành bước này?' })
      .waitFor();
    await screenshot(inbox.page, 'inbox-drawer-confirm');
    await drawer.confirm();

    await inbox.page
      .getByText(`Đã hoàn thành bước “Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa” của hồ sơ ${code}.`)
      .waitFor();
    await drawer.drawer.waitFor({ state: 'hidden' });
    // the step has left the list; the dossier's next step at the branch came in
    await inbox.row(code).getByText('Xác nhận đủ điều kiện').waitFor();
    expect(await stepOf(inbox, code)).toEqual([
      'Xác nhận đủ điều kiện, đo đạc, lập hồ sơ tách thửa · Chờ nhận',
    ]);
    const officer = await demo.as('cv.vpdk');
    const history = await officer.get<{
      items: Array<{ nodeId: string; result: Record<string, unknown> | null }>;
    }>(
      `/tasks?status=completed&dossierId=${(await officer.get<{ id: string }>(`/dossiers/${code}`)).body.id}`,
    );
    expect(history.body.items.find((t) => t.nodeId === 't_kiem_tra')?.result).toMatchObject({
      result: 'eligible',
      reason: 'Hồ sơ đầy đủ, thửa đất đủ điều kiện tách.',
    });
    await inbox.page.close();
  });

  it('shows the engine’s field errors on the fields when it refuses the form', async () => {
    const code = await dossierAtTheRegistry('Phạm Thị Dung');
    const inbox = await officerInbox();
    // a client whose check differs from the engine's: what it sends loses the result
    await inbox.page.route('**/api/v1/tasks/*/complete', (route) =>
      route.continue({ postData: JSON.stringify({ variables: { reason: 'Thiếu bản vẽ' } }) }),
    );

    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(inbox.page).waitUntilShown();
    await drawer.field('Thiếu giấy tờ, yêu cầu bổ sung').check();
    await drawer.complete.click();
    await drawer.confirm();

    await drawer.refusal
      .getByText('Biểu mẫu chưa được điền đúng. Vui lòng xem lại các ô được đánh dấu.')
      .waitFor();
    expect(await drawer.fieldErrors()).toEqual(['Chưa nhập Kết quả kiểm tra.']);
    await screenshot(inbox.page, 'inbox-drawer-engine-refusal');
    expect(await stepOf(inbox, code)).toEqual(['Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa · Chờ nhận']);
    await inbox.page.close();
  });

  it('explains a step completed meanwhile by a colleague and refreshes the list', async () => {
    const code = await dossierAtTheRegistry('Võ Văn Em');
    const inbox = await officerInbox();
    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(inbox.page).waitUntilShown();
    await drawer.field('Đủ điều kiện').check();

    // meanwhile the step is completed elsewhere
    const officer = await demo.as('cv.vpdk');
    const tasks = await officer.get<{ items: Array<{ id: string; dossierCode: string; nodeId: string }> }>(
      '/tasks?status=active&limit=200',
    );
    const id = tasks.body.items.find((t) => t.dossierCode === code && t.nodeId === 't_kiem_tra')!.id;
    expect((await officer.post(`/tasks/${id}/complete`, { variables: { result: 'eligible' } })).status).toBe(
      200,
    );

    await drawer.complete.click();
    await drawer.confirm();

    await drawer.refusal
      .getByText('Bước này đã được đồng nghiệp xử lý hoặc không còn chờ xử lý. Danh sách đã được làm mới.')
      .waitFor();
    await expect(drawer.complete.isDisabled()).resolves.toBe(true);
    await screenshot(inbox.page, 'inbox-drawer-handled-meanwhile');
    await inbox.row(code).getByText('Xác nhận đủ điều kiện').waitFor();
    expect(await stepOf(inbox, code)).toEqual([
      'Xác nhận đủ điều kiện, đo đạc, lập hồ sơ tách thửa · Chờ nhận',
    ]);
    await inbox.page.close();
  });
});

import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { dossierAtTheRegistry } from './dossiers';
import { DeskPage } from './pages/desk.page';
import { InboxPage } from './pages/inbox.page';
import { TaskDrawerPage } from './pages/task-drawer.page';
import { screenshot } from './screenshots';
import { signedIn } from './support/sign-in';

jest.setTimeout(120_000);

/**
 * In Chromium, against the built engine with the demo seed: the one-stop desk receives dossiers, the
 * land registry branch handles their steps from its inbox.
 */
describe('receiving a dossier and handling its steps in the browser', () => {
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

  /** The registry officer's inbox, signed in. */
  const officerInbox = (): Promise<InboxPage> => InboxPage.signedIn(() => browser.newPage(), base, 'cv.vpdk');

  const stepOf = async (inbox: InboxPage, code: string) =>
    (await inbox.list()).filter((r) => r.dossierCode === code).map((r) => `${r.step} · ${r.status}`);

  it('claims several steps at once and gives one back', async () => {
    const [first, second] = [
      await dossierAtTheRegistry(demo),
      await dossierAtTheRegistry(demo, 'Trần Thị Bình'),
    ];
    const inbox = await officerInbox();

    await inbox.select(first);
    await inbox.select(second);
    await screenshot(inbox.page, 'inbox-selection');
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

  /** The provincial desk (tiepnhan), signed in at `/mot-cua`. */
  async function deskPage(): Promise<DeskPage> {
    const page = await browser.newPage();
    await signedIn(page, 'tiepnhan', `${base}/mot-cua`);
    const desk = new DeskPage(page);
    await desk.heading.waitFor();
    return desk;
  }

  it('the desk receives a land-parcel dossier, gives its receipt and hands it over; the registry officer handles it by keyboard', async () => {
    // the desk receives the dossier
    const desk = await deskPage();
    await desk.form.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    expect(await desk.fieldErrors()).toEqual(['Chưa chọn thủ tục.', 'Chưa nhập họ và tên.']);
    await screenshot(desk.page, 'desk-validation');
    await desk.fill({
      procedure: '1.012784',
      channel: 'Bưu chính',
      name: 'Lê Văn Cường',
      idNumber: '087090001234',
      phone: '0912345678',
      address: 'Ấp 3, xã Mỹ Thọ, tỉnh Đồng Tháp',
      parcel: { sheet: 12, number: 345, area: '250,5' },
    });
    await screenshot(desk.page, 'desk-form');
    await desk.submit();

    const code = await desk.receiptLine('Mã hồ sơ');
    expect(code).toMatch(/^000\.00\.02\.H20-\d{6}-\d{4}$/);
    expect(await desk.receiptLine('Thủ tục')).toBe('Tách thửa hoặc hợp thửa đất');
    expect(await desk.receiptLine('Người nộp')).toBe('Lê Văn Cường · 087090001234');
    expect(await desk.receiptLine('Hình thức nộp')).toBe('Bưu chính');
    expect(await desk.receiptLine('Thời hạn giải quyết')).toBe('12 ngày làm việc');
    expect(await desk.receiptLine('Ngày hẹn trả kết quả')).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await desk.receiptLine('Nơi nhận kết quả')).toBe(
      'Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp',
    );
    await screenshot(desk.page, 'desk-receipt');
    const desks = await demo.as('tiepnhan');
    const stored = await desks.get<{
      channel: string;
      variables: Record<string, unknown>;
      appointmentAt: string;
    }>(`/dossiers/${code}`);
    expect(stored.body).toMatchObject({
      channel: 'postal',
      variables: { parcel: { sheet: 12, number: 345, area: 250.5 } },
    });

    // and hands it over to the land registry branch (its own first step, which has no form)
    await desk.page.getByRole('button', { name: 'Chuyển xử lý' }).click();
    const handOver = await new TaskDrawerPage(desk.page).waitUntilShown();
    expect(await handOver.detail('Bước xử lý')).toBe('Tiếp nhận hồ sơ');
    await handOver.complete.click();
    await handOver.confirm();
    await desk.page.getByText(`Đã hoàn thành bước “Tiếp nhận hồ sơ” của hồ sơ ${code}.`).waitFor();
    await expect(desk.page.getByRole('button', { name: 'Chuyển xử lý' }).count()).resolves.toBe(0);

    // the desk's list finds it by part of its code
    expect(await desk.search(code.slice(-11).toLowerCase())).toEqual([code]);
    await screenshot(desk.page, 'desk-list');
    expect(await desk.search('khong-co-ma-nay')).toEqual([]);
    await desk.page.close();

    // the registry officer handles it
    const inbox = await officerInbox();

    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(inbox.page).waitUntilShown();
    expect(await drawer.detail('Mã hồ sơ')).toBe(code);
    expect(await drawer.detail('Người nộp')).toBe('Lê Văn Cường Số định danh: 087090001234');
    expect(await drawer.detail('Trạng thái')).toBe('Chờ nhận');
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

  it('the desk sends the same reception again after a lost answer and gets the same dossier, not a second one', async () => {
    const desk = await deskPage();
    const sent: Array<string | null> = [];
    let lose = true;
    // the first answer is lost on the way back (the engine has received the dossier)
    await desk.page.route('**/api/v1/dossiers', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      sent.push(await route.request().headerValue('idempotency-key'));
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      return route.abort('connectionreset');
    });
    const name = 'Công ty TNHH Nông sản Mỹ Thọ';
    await desk.fill({
      procedure: 'tách thửa',
      kind: 'Tổ chức, doanh nghiệp',
      name,
      idNumber: '1401234567',
      parcel: { sheet: 7, number: 88, area: '1200' },
    });
    await desk.submit();
    await desk.refusal
      .getByText('Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.')
      .waitFor();
    await screenshot(desk.page, 'desk-lost-answer');

    await desk.submit();

    const code = await desk.receiptLine('Mã hồ sơ');
    expect(await desk.receiptLine('Tổ chức nộp')).toBe(`${name} · 1401234567`);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toBe(sent[0]);
    const listed = await (
      await demo.as('tiepnhan')
    ).get<{ items: Array<{ code: string; applicant: { name: string } }> }>('/dossiers?limit=200');
    expect(listed.body.items.filter((d) => d.applicant.name === name).map((d) => d.code)).toEqual([code]);

    // the next dossier is a new request with a key of its own
    await desk.page.getByRole('button', { name: 'Tiếp nhận hồ sơ khác' }).click();
    await desk.fill({
      procedure: 'tách thửa',
      name: 'Đặng Thị Giang',
      parcel: { sheet: 7, number: 89, area: '300' },
    });
    await desk.submit();
    expect(await desk.receiptLine('Mã hồ sơ')).not.toBe(code);
    expect(sent).toHaveLength(3);
    expect(sent[2]).not.toBe(sent[0]);
    await desk.page.close();
  });

  it('shows in Vietnamese why the engine refuses a reception', async () => {
    const desk = await deskPage();
    // the birth registration is received at the commune's centre, not at the provincial desk
    await desk.fill({ procedure: 'khai sinh', name: 'Nguyễn Thị Hoa' });
    await desk.form.getByLabel('Họ, chữ đệm, tên của trẻ').fill('Nguyễn Minh Khang');
    await desk.form.getByLabel('Ngày sinh của trẻ').fill('20/11/2026');
    await desk.form.getByLabel('Ngày sinh của trẻ').press('Enter');
    await desk.submit();
    await desk.refusal.waitFor();
    await screenshot(desk.page, 'desk-refused');
    expect((await desk.refusal.innerText()).replace(/\s+/g, ' ')).toBe(
      'Chưa tiếp nhận được hồ sơ Hồ sơ của thủ tục này do Bộ phận Một cửa của đơn vị khác tiếp nhận, không phải đơn vị của bạn.',
    );
    await desk.page.close();
  });

  it('shows the engine’s field errors on the fields when it refuses the form', async () => {
    const code = await dossierAtTheRegistry(demo, 'Phạm Thị Dung');
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
    const code = await dossierAtTheRegistry(demo, 'Võ Văn Em');
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

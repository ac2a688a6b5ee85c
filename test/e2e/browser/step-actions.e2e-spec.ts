import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { dossierAtTheRegistry } from './dossiers';
import { InboxPage } from './pages/inbox.page';
import { LeaderPage } from './pages/leader.page';
import { StepActionsPage } from './pages/step-actions.page';
import { TaskDrawerPage } from './pages/task-drawer.page';
import { screenshot } from './screenshots';

jest.setTimeout(180_000);

interface Dossier {
  id: string;
  clock: string;
  activeSteps: Array<{ nodeId: string; taskId?: string }>;
  deadline: { holds: string[] };
}

/**
 * In Chromium, against the built engine with the demo seed: the land registry's officer asks for a
 * supplement, the desk records it, the registry's leader sends a step back, gives one to another officer,
 * and sees an overdue step on the leader's page once the engine's test clock has moved on.
 */
describe('handling a step beyond completing it, and the leader page', () => {
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

  /** The inbox of a demo account, signed in. */
  const inboxOf = (username: string): Promise<InboxPage> =>
    InboxPage.signedIn(() => browser.newPage(), base, username);

  async function dossierByCode(code: string): Promise<Dossier> {
    const api = await demo.as('tiepnhan');
    return (await api.get<Dossier>(`/dossiers/${encodeURIComponent(code)}`)).body;
  }

  it('the officer asks for a supplement: the inbox shows the dossier waiting, its clock paused; the desk records it and the limit restarts', async () => {
    // given
    const code = await dossierAtTheRegistry(demo, 'Phạm Thị Cúc');
    const inbox = await inboxOf('cv.vpdk');

    // when the officer asks for two missing papers from the step's drawer
    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(inbox.page).waitUntilShown();
    const actions = new StepActionsPage(inbox.page);
    await actions.start('Yêu cầu bổ sung');
    await actions.submit('Gửi yêu cầu bổ sung');
    await actions.dialog.getByText('Chưa nhập giấy tờ cần bổ sung.').waitFor();
    await actions
      .field('Giấy tờ cần bổ sung')
      .fill('Bản sao Giấy chứng nhận quyền sử dụng đất\nSơ đồ thửa đất');
    await actions.field('Lý do').fill('Hồ sơ thiếu thành phần theo quy định');
    await screenshot(inbox.page, 'supplement-request');
    await actions.submit('Gửi yêu cầu bổ sung');

    // then the drawer says what the dossier waits for, and the inbox row too
    await actions.supplementNotice.waitFor();
    expect(await actions.supplementNotice.innerText()).toContain('Sơ đồ thửa đất');
    await screenshot(inbox.page, 'supplement-waiting-drawer');
    await drawer.close();
    await inbox.row(code).getByText('Chờ bổ sung').waitFor();
    await screenshot(inbox.page, 'supplement-waiting-inbox');
    const waiting = await dossierByCode(code);
    expect(waiting).toMatchObject({ clock: 'paused', deadline: { holds: ['supplement'] } });

    // when the desk records the complete dossier
    const desk = await demo.as('tiepnhan');
    const received = await desk.post<Dossier>(`/dossiers/${waiting.id}/supplement-received`, {
      note: 'Đã nhận đủ tại quầy',
    });

    // then the clock runs again from zero, and the inbox no longer shows it waiting
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ clock: 'running', deadline: { holds: [] } });
    const events = await desk.get<Array<{ kind: string }>>(`/dossiers/${waiting.id}/deadline-events`);
    expect(events.body.map((e) => e.kind)).toEqual(expect.arrayContaining(['paused', 'restarted']));
    await inbox.page.reload();
    await inbox.list();
    expect(await inbox.row(code).getByText('Chờ bổ sung').count()).toBe(0);
    await inbox.page.close();
  });

  it('the officer pauses the clock with a reason, which the drawer shows, and resumes it with another', async () => {
    // given
    const code = await dossierAtTheRegistry(demo, 'Ngô Văn Hải');
    const inbox = await inboxOf('cv.vpdk');
    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(inbox.page).waitUntilShown();
    const actions = new StepActionsPage(inbox.page);

    // when paused without, then with a reason
    await actions.start('Tạm dừng');
    await actions.submit('Tạm dừng');
    await actions.dialog.getByText('Chưa nhập lý do tạm dừng.').waitFor();
    await actions.field('Lý do tạm dừng').fill('Chờ công dân thực hiện nghĩa vụ tài chính');
    await actions.submit('Tạm dừng');

    // then the drawer says since when and why, and offers to resume
    const notice = inbox.page
      .locator('.ant-drawer .ant-alert')
      .filter({ hasText: 'Thời hạn hồ sơ đang tạm dừng' });
    await notice.getByText('Lý do: Chờ công dân thực hiện nghĩa vụ tài chính').waitFor();
    await screenshot(inbox.page, 'paused-drawer');
    expect((await dossierByCode(code)).clock).toBe('paused');

    // when resumed with a reason
    await actions.start('Tiếp tục');
    await actions.field('Lý do tiếp tục').fill('Công dân đã nộp tiền');
    await actions.submit('Tiếp tục');

    // then
    await actions.button('Tạm dừng').waitFor();
    expect(await notice.count()).toBe(0);
    expect((await dossierByCode(code)).clock).toBe('running');
    await drawer.close();
    await inbox.page.close();
  });

  it('the leader sends a step back with a reason after a confirmation, then gives the step to an officer', async () => {
    // given a dossier whose check is done: it waits at the confirmation step (t_xac_nhan)
    const code = await dossierAtTheRegistry(demo, 'Lê Văn Dũng');
    const officer = await demo.as('cv.vpdk');
    const check = (await dossierByCode(code)).activeSteps[0]!.taskId!;
    expect(
      (await officer.post(`/tasks/${check}/complete`, { variables: { result: 'eligible' } })).status,
    ).toBe(200);
    const inbox = await inboxOf('ld.vpdk');

    // when the leader sends it back to the check
    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(inbox.page).waitUntilShown();
    const actions = new StepActionsPage(inbox.page);
    await actions.start('Trả lại bước trước');
    await actions.choose('Trả về bước', 'Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa');
    await actions.field('Lý do trả lại').fill('Chưa xác minh nguồn gốc sử dụng đất');
    await screenshot(inbox.page, 'send-back-dialog');
    await actions.submit('Trả lại');
    await actions.title.waitFor();
    expect(await actions.title.innerText()).toBe(
      'Trả hồ sơ về bước “Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa”?',
    );
    await screenshot(inbox.page, 'send-back-confirmation');
    await actions.confirm('Trả lại');

    // then the dossier is back at the check, with the reason in its history
    await inbox.page.getByText(`Đã trả hồ sơ ${code} về bước`).waitFor();
    await inbox.row(code).getByText('Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa').waitFor();
    const back = await dossierByCode(code);
    expect(back.activeSteps.map((s) => s.nodeId)).toEqual(['t_kiem_tra']);
    const history = await (
      await demo.as('ld.vpdk')
    ).get<{ items: Array<{ type: string; data: Record<string, unknown> | null }> }>(
      `/dossiers/${back.id}/history?limit=200`,
    );
    expect(history.body.items.find((h) => h.type === 'task.sentBack')?.data).toMatchObject({
      targetNodeId: 't_kiem_tra',
      reason: 'Chưa xác minh nguồn gốc sử dụng đất',
    });

    // when the leader gives the reopened step to the second officer
    await inbox.openStep(code);
    await drawer.waitUntilShown();
    await actions.start('Giao cho');
    await actions.choose('Giao cho cán bộ', 'Đặng Thu Trang');
    await actions.submit('Giao');

    // then the step is hers
    await drawer.details.getByText('Đang xử lý · cv2.vpdk').waitFor();
    await screenshot(inbox.page, 'assigned-drawer');
    await drawer.close();
    await inbox.row(code).getByText('Đang xử lý · cv2.vpdk').waitFor();
    await inbox.page.close();
  });

  it('the leader sees a step overdue on the leader page once the test clock has moved forward, and opens it', async () => {
    // given an open step of the registry
    const code = await dossierAtTheRegistry(demo, 'Hồ Thị Giang');
    const leader = await inboxOf('ld.vpdk');
    const page = await new LeaderPage(leader.page).open(base);
    await page.heading.waitFor();
    expect(await page.codes(page.overdue)).not.toContain(code);
    await screenshot(page.page, 'leader-page');

    // when the engine's clock moves 20 days on
    const api = await demo.as('ld.vpdk');
    const moved = await api.request('PUT', '/test/clock', { now: new Date(Date.now() + 20 * 86_400_000) });
    expect(moved.status).toBe(200);
    await page.page.getByRole('button', { name: 'Làm mới' }).click();

    // then the step is among the overdue ones, counted on its card, and opens in the step's drawer
    await page.overdue.getByText(code).waitFor();
    expect(Number(await page.figure('Bước quá hạn'))).toBeGreaterThanOrEqual(1);
    await screenshot(page.page, 'leader-page-overdue');
    await page.openStep(code);
    const drawer = await new TaskDrawerPage(page.page).waitUntilShown();
    expect(await drawer.detail('Mã hồ sơ')).toContain(code);
    await page.page.close();
  });

  it('a supplement asked more than 3 working days after receipt is refused, the dialog says why in Vietnamese', async () => {
    // given a dossier at the registry, and the engine's clock a month on (whatever earlier tests moved it to)
    const code = await dossierAtTheRegistry(demo, 'Lâm Văn Trễ');
    const api = await demo.as('ld.vpdk');
    expect(
      (await api.request('PUT', '/test/clock', { now: new Date(Date.now() + 30 * 86_400_000) })).status,
    ).toBe(200);
    const inbox = await inboxOf('cv.vpdk');

    // when the officer asks for a missing paper
    await inbox.openStep(code);
    await new TaskDrawerPage(inbox.page).waitUntilShown();
    const actions = new StepActionsPage(inbox.page);
    await actions.start('Yêu cầu bổ sung');
    await actions.field('Giấy tờ cần bổ sung').fill('Sơ đồ thửa đất');
    await actions.submit('Gửi yêu cầu bổ sung');

    // then the dialog shows the refusal, and the dossier's clock still runs
    await actions.dialog.getByText(/^Đã quá thời hạn yêu cầu bổ sung/).waitFor();
    await screenshot(inbox.page, 'supplement-too-late');
    expect(await dossierByCode(code)).toMatchObject({ clock: 'running', deadline: { holds: [] } });
    await inbox.page.close();
  });

  it('the drawer disables the supplement request once 3 working days have passed since receipt, saying until when', async () => {
    // given a dossier received a month ago (the engine's clock moved back for its receipt, then to now)
    const api = await demo.as('ld.vpdk');
    const setClock = async (now: Date) =>
      expect((await api.request('PUT', '/test/clock', { now })).status).toBe(200);
    await setClock(new Date(Date.now() - 30 * 86_400_000));
    const code = await dossierAtTheRegistry(demo, 'Võ Thị Quá Hạn');
    await setClock(new Date());
    const inbox = await inboxOf('cv.vpdk');

    // when the officer opens its step
    await inbox.openStep(code);
    await new TaskDrawerPage(inbox.page).waitUntilShown();
    const actions = new StepActionsPage(inbox.page);

    // then the request is disabled, and its tooltip says why
    const ask = actions.button('Yêu cầu bổ sung');
    expect(await ask.isDisabled()).toBe(true);
    await ask.hover({ force: true });
    await inbox.page
      .getByRole('tooltip')
      .getByText(/^Đã quá thời hạn yêu cầu bổ sung \(đến /)
      .waitFor();
    await screenshot(inbox.page, 'supplement-limit-passed');
    await inbox.page.close();
  });
});

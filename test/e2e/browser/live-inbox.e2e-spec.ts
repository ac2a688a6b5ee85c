import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { dossierAtTheRegistry } from './dossiers';
import { InboxPage } from './pages/inbox.page';
import { screenshot } from './screenshots';
import { signedIn } from './support/sign-in';

jest.setTimeout(120_000);

/** Within a few seconds, though the page is never reloaded (the list's own refetches are minutes apart). */
const LIVE_MS = 5_000;

/**
 * The registry officer's inbox, open in Chromium, follows what others do without a reload: a dossier
 * the desk passes on appears, a step a colleague completes leaves (server-sent events).
 */
describe('the inbox updates live', () => {
  let demo: DemoEngine;
  let browser: Browser;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoEngine(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('shows a dossier the desk passed on, then drops the step a colleague completed, without reloading', async () => {
    // given the officer's inbox, open and live, marked to tell a reload
    const page = await browser.newPage();
    await signedIn(page, 'cv.vpdk', `${demo.engine.baseUrl}/hop-viec`);
    const inbox = new InboxPage(page);
    await inbox.list();
    await inbox.live.waitFor();
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // when the desk (another person, through the API) passes a dossier on to the registry
    const code = await dossierAtTheRegistry(demo, 'Hồ Thị Mai');

    // then its step appears in the open inbox
    await inbox.row(code).getByText('Kiểm tra hồ sơ').waitFor({ timeout: LIVE_MS });
    await screenshot(page, 'inbox-live');

    // when a colleague claims and completes that step
    const colleague = await demo.as('cv2.vpdk');
    const dossier = await colleague.get<{ id: string }>(`/dossiers/${code}`);
    const steps = await colleague.get<{ items: Array<{ id: string }> }>(
      `/tasks?status=active&dossierId=${dossier.body.id}`,
    );
    const step = steps.body.items[0]!.id;
    expect((await colleague.post(`/tasks/${step}/claim`)).status).toBe(200);
    await inbox.row(code).getByText('Đang xử lý · cv2.vpdk').waitFor({ timeout: LIVE_MS });
    const done = await colleague.post(`/tasks/${step}/complete`, { variables: { result: 'eligible' } });
    expect(done.status).toBe(200);

    // then the step leaves the list (the dossier's next step at the branch comes in instead)
    await inbox.row(code).getByText('Kiểm tra hồ sơ').waitFor({ state: 'detached', timeout: LIVE_MS });
    await inbox.row(code).getByText('Xác nhận đủ điều kiện').waitFor({ timeout: LIVE_MS });

    // and the page was never reloaded
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await page.close();
  });

  it('says when the stream is down, and once it is back shows what changed meanwhile', async () => {
    // given an inbox whose stream cannot open (its tickets are refused on the way)
    const page = await browser.newPage();
    await page.route('**/api/v1/events/ticket', (route) => route.abort());
    await signedIn(page, 'cv.vpdk', `${demo.engine.baseUrl}/hop-viec`);
    const inbox = new InboxPage(page);
    await inbox.list();

    // then it says it is trying again
    await inbox.reconnecting.waitFor({ timeout: LIVE_MS });
    await screenshot(page, 'inbox-live-reconnecting');

    // when a dossier is passed on meanwhile, and the stream can open again
    const code = await dossierAtTheRegistry(demo, 'Đinh Văn Khoa');
    await page.unroute('**/api/v1/events/ticket');

    // then it is live again and shows the dossier
    await inbox.live.waitFor({ timeout: 40_000 });
    await inbox.row(code).getByText('Kiểm tra hồ sơ').waitFor({ timeout: LIVE_MS });
    await page.close();
  });
});

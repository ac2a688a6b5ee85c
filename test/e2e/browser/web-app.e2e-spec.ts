import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { dossierAtTheRegistry } from './dossiers';
import { AppLayoutPage } from './pages/app-layout.page';
import { InboxPage } from './pages/inbox.page';
import { SignInPage } from './pages/sign-in.page';

jest.setTimeout(120_000);

/**
 * The web app in Chromium against the built engine with the demo seed: sign-in, the layout of the
 * person's areas, the inbox's list, sign-out, and how the engine serves the app.
 */
describe('web app in the browser', () => {
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

  it('serves the app at / with index.html for its paths, immutable assets, and API 404s as problems', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).toContain('<div id="root">');

    const deepLink = await fetch(`${base}/hop-viec?x=1`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);

    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const missingAsset = await fetch(`${base}/assets/khong-co.js`);
    expect(missingAsset.status).toBe(404);
    const api = await fetch(`${base}/api/v1/khong-co`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('signs the registry officer in, shows their inbox with a dossier received through the API, and signs out', async () => {
    // given
    const code = await dossierAtTheRegistry(demo);
    const page = await browser.newPage();

    // when
    await page.goto(`${base}/`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('cv.vpdk', 'demo'));
    const inbox = new InboxPage(page);
    const rows = await inbox.list();

    // then
    expect(page.url()).toBe(`${base}/hop-viec`);
    const layout = new AppLayoutPage(page);
    expect(await layout.menuLabels()).toEqual(['Hộp việc']);
    await expect(layout.account.innerText()).resolves.toContain(
      'Chi nhánh Văn phòng Đăng ký đất đai khu vực Cao Lãnh',
    );
    const row = rows.find((r) => r.dossierCode === code);
    expect(row).toMatchObject({
      procedure: 'Tách thửa hoặc hợp thửa đất',
      step: 'Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa',
      // every step is of the officer's own unit (named in the account menu): no unit column
      unit: '',
      status: 'Chờ nhận',
    });
    expect(row!.dueAt).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(row!.deadline).toMatch(/^Đúng hạn còn (\d+ ngày( \d+ giờ)?|\d+ giờ( \d+ phút)?) làm việc$/);

    // when the page is reloaded, the session comes back from its cookie
    await page.reload();
    expect((await inbox.list()).map((r) => r.dossierCode)).toContain(code);

    // when
    await layout.signOut();

    // then
    await new SignInPage(page).waitUntilShown();
    await page.goto(`${base}/hop-viec`);
    await new SignInPage(page).waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await page.close();
  });

  it('shows the engine’s refusal of a wrong password in Vietnamese', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dang-nhap`);
    const signIn = await new SignInPage(page).waitUntilShown();

    await signIn.signIn('cv.vpdk', 'khong-dung');

    await expect(signIn.error.innerText()).resolves.toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await page.close();
  });

  it('takes a deep link opened while signed out to sign-in, and back to it afterwards', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/thiet-ke`);
    const signIn = await new SignInPage(page).waitUntilShown();
    expect(new URL(page.url()).search).toBe(`?next=${encodeURIComponent('/thiet-ke')}`);

    await signIn.signIn('banhanh', 'demo');

    await page.getByRole('heading', { name: 'Thiết kế quy trình' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/thiet-ke');
    await page.getByText('Bắt đầu bản nháp mới').waitFor();
    // a publisher (the province's office) also reads the statistics of every unit
    expect(await new AppLayoutPage(page).menuLabels()).toEqual(['Thiết kế quy trình', 'Thống kê']);
    await page.close();
  });

  it('shows an empty inbox as such, and an unknown page as a 404 inside the layout', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/hop-viec`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('cv.thue', 'demo'));

    expect(await new InboxPage(page).list()).toEqual([]);
    await page.getByText('Không có việc nào đang chờ').waitFor();

    await page.goto(`${base}/khong-co-trang-nay`);
    await page.getByText('Không tìm thấy trang').waitFor();
    await page.getByRole('button', { name: 'Về trang chủ' }).click();
    await new InboxPage(page).heading.waitFor();
    await page.close();
  });
});

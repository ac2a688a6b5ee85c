import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { demoInBrowser } from './demo-in-browser';
import { dossierAtTheRegistry } from './dossiers';
import { DeskPage } from './pages/desk.page';
import { DossierViewPage } from './pages/dossier.page';
import { InboxPage } from './pages/inbox.page';
import { SignInPage } from './pages/sign-in.page';
import { TaskDrawerPage } from './pages/task-drawer.page';
import { screenshot } from './screenshots';

jest.setTimeout(180_000);

/**
 * Every page of the app, as its people see it, checked by axe-core (WCAG 2.1 A and AA): no serious or
 * critical violation (missing labels or names, contrast, nested controls, ARIA misuse…).
 */
describe('accessibility of every page (axe-core)', () => {
  const app = demoInBrowser();
  const signedIn = (username: string, path: string) => app.signedIn(username, path);

  const expectNoSeriousViolations = async (page: Page, name: string) => {
    await screenshot(page, `a11y-${name}`);
    expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  };

  it('sign-in page', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.base}/dang-nhap`);
    await new SignInPage(page).waitUntilShown();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await expectNoSeriousViolations(page, 'sign-in');
    await page.close();
  });

  it('inbox, a step drawer and, from it, the dossier view', async () => {
    const code = await dossierAtTheRegistry(app.demo, 'Trịnh Văn Truy Cập');
    const page = await signedIn('cv.vpdk', '/hop-viec');
    const inbox = new InboxPage(page);
    await inbox.list();
    await expectNoSeriousViolations(page, 'inbox');

    await inbox.openStep(code);
    const drawer = await new TaskDrawerPage(page).waitUntilShown();
    await expectNoSeriousViolations(page, 'task-drawer');

    await drawer.drawer.getByRole('link', { name: 'Xem hồ sơ' }).click();
    const view = await new DossierViewPage(page).waitUntilShown();
    expect(page.url()).toBe(`${app.base}/ho-so/${encodeURIComponent(code)}`);
    await view.controlRows();
    await expectNoSeriousViolations(page, 'dossier-view');
    await page.close();
  });

  it('the desk: reception form, refusal and guidance dialogs, results to return, dossiers received', async () => {
    const page = await signedIn('tiepnhan', '/mot-cua');
    const desk = new DeskPage(page);
    await desk.heading.waitFor();
    await expectNoSeriousViolations(page, 'desk-reception');

    await desk.fill({
      procedure: 'tách thửa',
      name: 'Mai Thị Kiểm Tra',
      parcel: { sheet: 12, number: 345, area: '250,5' },
    });
    await desk.form.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
    const refusal = page.getByRole('dialog', { name: 'Từ chối tiếp nhận hồ sơ' });
    await refusal.getByLabel('Lý do 1').waitFor();
    await expectNoSeriousViolations(page, 'desk-refusal-dialog');
    await refusal.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await refusal.waitFor({ state: 'hidden' });

    await desk.form.getByRole('button', { name: 'Hướng dẫn bổ sung' }).click();
    const guidance = page.getByRole('dialog', { name: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ' });
    await guidance.getByLabel('Giấy tờ 1').waitFor();
    await expectNoSeriousViolations(page, 'desk-guidance-dialog');
    await guidance.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await guidance.waitFor({ state: 'hidden' });

    await desk.submit();
    await desk.receipt.waitFor();
    await expectNoSeriousViolations(page, 'desk-receipt');

    await desk.waitingForReturn();
    await expectNoSeriousViolations(page, 'desk-return');
    expect(await desk.search('Kiểm Tra')).toHaveLength(1);
    await expectNoSeriousViolations(page, 'desk-dossiers');
    await desk.guidances('Kiểm Tra');
    await expectNoSeriousViolations(page, 'desk-guidances');

    await page.close();

    const missing = await signedIn('tiepnhan', '/ho-so/KHONG-CO-HO-SO-NAY');
    await new DossierViewPage(missing).notFound.waitFor();
    await expectNoSeriousViolations(missing, 'dossier-not-found');
    await missing.close();
  });

  it('statistics, designer and administration areas, and an unknown page', async () => {
    for (const [username, path, name] of [
      ['ld.vpdk', '/thong-ke', 'statistics'],
      ['thietke', '/thiet-ke', 'designer'],
      ['admin', '/quan-tri', 'admin'],
      ['admin', '/khong-co-trang-nay', 'not-found'],
    ] as const) {
      const page = await signedIn(username, path);
      await page
        .getByRole('heading', { level: 3 })
        .or(page.getByText('Không tìm thấy trang'))
        .first()
        .waitFor();
      await expectNoSeriousViolations(page, name);
      await page.close();
    }
  });
});

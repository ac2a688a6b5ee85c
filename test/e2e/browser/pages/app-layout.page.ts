import type { Locator, Page } from 'playwright-core';

/** The signed-in layout: header with the person, side menu of their areas. */
export class AppLayoutPage {
  readonly account: Locator;
  readonly menu: Locator;

  constructor(readonly page: Page) {
    this.account = page.getByRole('button', { name: /^Tài khoản:/ });
    this.menu = page.getByRole('navigation', { name: 'Khu vực' }).getByRole('menuitem');
  }

  async menuLabels(): Promise<string[]> {
    await this.menu.first().waitFor();
    return (await this.menu.allInnerTexts()).map((t) => t.trim());
  }

  async signOut(): Promise<void> {
    await this.account.click();
    await this.page
      .getByRole('menuitem')
      .filter({ hasText: /^Đăng xuất$/ })
      .click();
  }
}

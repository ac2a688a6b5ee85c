import type { Locator, Page } from 'playwright-core';

/** The sign-in page (`/dang-nhap`). */
export class SignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Tên đăng nhập');
    this.password = page.getByLabel('Mật khẩu', { exact: true });
    this.error = page.getByRole('alert');
  }

  async waitUntilShown(): Promise<this> {
    await this.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    return this;
  }

  /** Types the credentials and presses Enter, as an officer at the keyboard would. */
  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.password.press('Enter');
  }
}

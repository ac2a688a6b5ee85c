import type { Locator, Page } from 'playwright-core';

/** A step opened from the inbox: its dossier, claim and give back, its form and completion. */
export class TaskDrawerPage {
  readonly drawer: Locator;
  readonly details: Locator;
  readonly form: Locator;
  readonly claim: Locator;
  readonly giveBack: Locator;
  readonly complete: Locator;
  readonly refusal: Locator;
  readonly confirmation: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Kết quả xử lý' });
    this.drawer = page.getByRole('dialog').filter({ has: this.form });
    this.details = this.drawer.locator('.ant-descriptions');
    this.claim = this.drawer.getByRole('button', { name: 'Nhận xử lý' });
    this.giveBack = this.drawer.getByRole('button', { name: 'Trả lại', exact: true });
    this.complete = this.drawer.getByRole('button', { name: 'Hoàn thành' });
    this.refusal = this.drawer.getByRole('alert');
    this.confirmation = page.locator('.ant-modal-confirm');
  }

  async waitUntilShown(): Promise<this> {
    await this.form.waitFor();
    // the dossier's details (the applicant) come with a second request
    await this.details.locator('.ant-skeleton').first().waitFor({ state: 'detached' });
    return this;
  }

  /** The dossier's details, label → text. */
  async detail(label: string): Promise<string> {
    const row = this.details.locator('tr', { has: this.page.locator('th', { hasText: label }) });
    return (await row.locator('td').innerText()).replace(/\s+/g, ' ').trim();
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** The error messages shown under the form's fields. */
  async fieldErrors(): Promise<string[]> {
    const errors = this.form.locator('.ant-form-item-explain-error');
    await errors.first().waitFor();
    return (await errors.allInnerTexts()).map((t) => t.trim());
  }

  /** Confirms the completion in the dialog (Enter on its focused "Hoàn thành"). */
  async confirm(): Promise<void> {
    await this.confirmation.getByRole('button', { name: 'Hoàn thành' }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  async close(): Promise<void> {
    await this.drawer.getByRole('button', { name: 'Đóng' }).first().click();
  }
}

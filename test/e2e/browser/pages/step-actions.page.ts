import type { Locator, Page } from 'playwright-core';

/** The actions of a step's drawer beyond completing it, and the dialog each opens. */
export class StepActionsPage {
  readonly bar: Locator;
  readonly dialog: Locator;
  readonly confirmation: Locator;
  /** The question of the confirmation. */
  readonly title: Locator;
  readonly supplementNotice: Locator;

  constructor(readonly page: Page) {
    this.bar = page.locator('.ant-drawer [aria-label="Thao tác khác"]');
    this.dialog = page.locator('.ant-modal:not(.ant-modal-confirm)').filter({ has: page.locator('form') });
    this.confirmation = page.locator('.ant-modal-confirm');
    this.title = this.confirmation.locator('.ant-modal-confirm-title');
    this.supplementNotice = page
      .locator('.ant-drawer .ant-alert')
      .filter({ hasText: 'Hồ sơ đang chờ công dân bổ sung' });
  }

  button(name: string): Locator {
    // a button's name begins with its icon's label
    return this.bar.getByRole('button', { name: new RegExp(`(^|\\s)${name}$`) });
  }

  /** Opens an action's dialog by its button (`Yêu cầu bổ sung`, `Trả lại bước trước`, `Giao cho`…). */
  async start(name: string): Promise<Locator> {
    await this.button(name).click();
    await this.dialog.waitFor();
    return this.dialog;
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  /** Picks an option of a select of the dialog, by part of its text. */
  async choose(label: string, option: string): Promise<void> {
    await this.field(label).click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
  }

  /** Sends the dialog with its main button (e.g. `Gửi yêu cầu bổ sung`). */
  async submit(okText: string): Promise<void> {
    await this.dialog.getByRole('button', { name: okText, exact: true }).click();
  }

  /** Confirms an irreversible action in its confirmation dialog. */
  async confirm(okText: string): Promise<void> {
    await this.confirmation.getByRole('button', { name: okText, exact: true }).click();
  }
}

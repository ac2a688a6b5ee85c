import type { Locator, Page } from 'playwright-core';

/**
 * The designer's properties panel beyond the "Liên thông" group: the form editor with its preview,
 * multi-instance, call-activity mappings, message names and timers; and the canvas's replace menu.
 */
export class DesignerPanelPage {
  readonly properties: Locator;
  readonly formEditor: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.properties = page.getByLabel('Thuộc tính');
    this.formEditor = page.locator('.lt-form-editor');
    this.preview = this.formEditor.getByLabel('Xem trước biểu mẫu');
  }

  /** Opens a group of the panel by its id (e.g. `lt-form`), if closed. */
  async openGroup(id: string): Promise<Locator> {
    const group = this.properties.locator(`[data-group-id="group-${id}"]`);
    const header = group.locator('.bio-properties-panel-group-header').first();
    await header.waitFor();
    if (!(await header.evaluate((h) => h.classList.contains('open')))) await header.click();
    return group;
  }

  async openFormEditor(): Promise<void> {
    const group = await this.openGroup('lt-form');
    await group.getByRole('button', { name: 'Sửa biểu mẫu và xem trước…' }).click();
    await this.formEditor.getByRole('button', { name: 'Thêm trường' }).waitFor();
  }

  /** The card of the n-th field (1-based). */
  field(n: number): Locator {
    return this.formEditor.locator('.lt-form-field').nth(n - 1);
  }

  /** Adds a field at the end and fills it in; returns its number. */
  async addField(f: {
    label: string;
    id: string;
    type?: string;
    required?: boolean;
    options?: string[];
  }): Promise<number> {
    const before = await this.formEditor.locator('.lt-form-field').count();
    await this.formEditor.getByRole('button', { name: 'Thêm trường' }).click();
    const n = before + 1;
    await this.formEditor.getByLabel(`Nhãn của trường ${n}`).fill(f.label);
    await this.formEditor.getByLabel(`Mã của trường ${n}`).fill(f.id);
    if (f.type) await this.pickType(n, f.type);
    if (f.required) await this.field(n).getByRole('checkbox', { name: 'Bắt buộc nhập' }).check();
    for (const option of f.options ?? []) {
      const input = this.formEditor.getByLabel(`Các giá trị của trường ${n}`);
      await input.fill(option);
      await input.press('Enter');
    }
    return n;
  }

  /** Chooses a field's type with the keyboard (antd's select). */
  async pickType(n: number, label: string): Promise<void> {
    await this.formEditor.getByLabel(`Kiểu của trường ${n}`).click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: label })
      .click();
  }

  async applyForm(): Promise<void> {
    await this.formEditor.getByRole('button', { name: 'Áp dụng vào bước' }).click();
    await this.formEditor.waitFor({ state: 'detached' });
  }

  /** A text entry of the panel by its entry id (`lt-timer-value`…). */
  entry(id: string): Locator {
    return this.properties.locator(`[data-entry-id="${id}"]`);
  }

  async fillEntry(id: string, value: string): Promise<void> {
    const input = this.entry(id).locator('input').first();
    await input.fill(value);
    await input.press('Tab');
  }

  async selectEntry(id: string, value: string): Promise<void> {
    await this.entry(id).locator('select').selectOption(value);
  }

  /** The error the panel shows under an entry, if any. */
  entryError(id: string): Locator {
    return this.entry(id).locator('.bio-properties-panel-error');
  }

  /** Opens the context pad's replace menu ("Đổi loại phần tử") of the selected element. */
  async openReplaceMenu(): Promise<Locator> {
    await this.page.locator('.djs-context-pad [title="Đổi loại phần tử"]').click();
    const menu = this.page.locator('.djs-popup');
    await menu.waitFor();
    return menu;
  }
}

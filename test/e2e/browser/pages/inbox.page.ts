import type { Locator, Page } from 'playwright-core';
import { signedIn } from '../support/sign-in';

export interface InboxRow {
  dossierCode: string;
  procedure: string;
  step: string;
  unit: string;
  status: string;
  dueAt: string;
  deadline: string;
}

/** The inbox (`/hop-viec`): the person's open steps, earliest due first. */
export class InboxPage {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  /** The live updates' indicator while the stream is open. */
  readonly live: Locator;
  /** The indicator while the stream is down and being reopened. */
  readonly reconnecting: Locator;
  /** What the empty list says (it depends on the filters). */
  readonly emptyText: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Hộp việc' });
    this.rows = page.locator('.ant-table-tbody tr.ant-table-row');
    this.empty = page.getByText('Không có việc nào đang chờ');
    this.live = page.getByRole('status').filter({ hasText: 'Đang cập nhật trực tiếp' });
    this.reconnecting = page.getByRole('status').filter({ hasText: 'Mất kết nối, đang thử lại…' });
    this.emptyText = page.locator('.ant-table-placeholder .ant-empty-description');
    this.search = page.getByRole('searchbox', { name: 'Tìm hồ sơ (phím tắt /)' });
  }

  /** Types a search after the `/` shortcut (the search box takes the keyboard), then Enter. */
  async searchFor(text: string): Promise<void> {
    await this.heading.click();
    await this.page.keyboard.press('/');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** The deadline-status chips as they read, e.g. `['Tất cả (3)', 'Đúng hạn (3)', 'Sắp đến hạn (0)', 'Quá hạn (0)']`. */
  async statusChips(): Promise<string[]> {
    return (await this.page.locator('.ant-segmented-item-label').allInnerTexts()).map((t) => t.trim());
  }

  /** Picks a deadline status chip by its label (`Quá hạn`). */
  async filterByStatus(label: string): Promise<void> {
    await this.page
      .locator('.ant-segmented-item')
      .filter({ hasText: new RegExp(`^${label}( \\(\\d+\\))?$`) })
      .click();
  }

  /**
   * Filters by a due range, days as dd/mm/yyyy: the stand-in field first (the date picker is fetched
   * when the filter is first used), then the picker's two inputs.
   */
  async filterByDueRange(from: string, to: string): Promise<void> {
    // a range shown is cleared first with its ✕, as an officer starting a new one does (typing a start
    // after the shown end makes the picker reorder the range while the end is being typed)
    const picker = this.page.locator('.ant-picker-range');
    if ((await picker.count()) > 0 && (await this.dueRange()).some((day) => day !== '')) {
      await picker.hover();
      await picker.locator('.ant-picker-clear').click();
      await this.page.waitForURL((url) => !url.searchParams.has('dueFrom') && !url.searchParams.has('dueTo'));
    }
    // the stand-in, or the picker's first input once it is there
    await this.page.getByRole('textbox', { name: 'Hạn xử lý' }).first().click();
    // the picker itself, once fetched (the stand-in's placeholder also begins with "Hạn từ ngày")
    await this.page.locator('.ant-picker-range').waitFor();
    const start = this.page.getByPlaceholder('Hạn từ ngày', { exact: true });
    await start.fill(from);
    await start.press('Enter');
    const end = this.page.getByPlaceholder('đến ngày', { exact: true });
    await end.fill(to);
    await end.press('Enter');
  }

  /** The due range's days as the picker shows them (`['01/12/2026', '31/12/2026']`). */
  async dueRange(): Promise<[string, string]> {
    return [
      await this.page.getByPlaceholder('Hạn từ ngày', { exact: true }).inputValue(),
      await this.page.getByPlaceholder('đến ngày', { exact: true }).inputValue(),
    ];
  }

  /** Saves the filters shown under `name`. */
  async saveFilter(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Lưu bộ lọc…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Lưu bộ lọc hiện tại' });
    await dialog.getByLabel('Tên bộ lọc').fill(name);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await this.page.getByText(`Đã lưu bộ lọc “${name}”.`).waitFor();
  }

  /** Applies a saved filter. */
  async pickSavedFilter(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Bộ lọc đã lưu' }).click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: name }).click();
  }

  /** Deletes the saved filter shown, confirming. */
  async deleteSavedFilter(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xóa bộ lọc đã lưu' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Xóa' }).click();
  }

  /** The dossier codes of the rows once the list settled (or the empty state shows). */
  async codes(): Promise<string[]> {
    await this.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    return (await this.list()).map((r) => r.dossierCode);
  }

  /** The row of a dossier's step. */
  row(dossierCode: string): Locator {
    return this.rows.filter({ hasText: dossierCode });
  }

  /** Ticks a dossier's row for the batch actions. */
  async select(dossierCode: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Chọn hồ sơ ${dossierCode}` }).check();
  }

  /** A batch action of the selected rows: `Nhận xử lý` or `Trả lại`. */
  async batch(action: 'Nhận xử lý' | 'Trả lại'): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('button', { name: new RegExp(`${action}( \\(\\d+\\))?$`) })
      .first()
      .click();
  }

  /** Opens a dossier's step in its drawer. */
  async openStep(dossierCode: string): Promise<void> {
    await this.page.getByRole('button', { name: `Xử lý hồ sơ ${dossierCode}` }).click();
  }

  /** A new page of `newPage`, signed in as `username` (demo password) at the inbox, its list loaded. */
  static async signedIn(newPage: () => Promise<Page>, baseUrl: string, username: string): Promise<InboxPage> {
    const page = await newPage();
    await signedIn(page, username, `${baseUrl}/hop-viec`);
    const inbox = new InboxPage(page);
    await inbox.list();
    return inbox;
  }

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/hop-viec`);
    return this;
  }

  /** The rows once the list has loaded (none: the empty state shows). */
  async list(): Promise<InboxRow[]> {
    await this.heading.waitFor();
    await this.rows.first().or(this.emptyText).waitFor();
    // Cells by their column's heading: the unit column shows only when the list spans several units.
    const headings = (await this.page.locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim());
    const column = (name: string) => headings.indexOf(name);
    const rows: InboxRow[] = [];
    for (const row of await this.rows.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      const cell = (name: string) => (column(name) < 0 ? '' : (cells[column(name)] ?? ''));
      rows.push({
        dossierCode: cell('Mã hồ sơ'),
        procedure: cell('Thủ tục'),
        step: cell('Bước xử lý'),
        unit: cell('Đơn vị'),
        status: cell('Trạng thái'),
        dueAt: cell('Hạn xử lý'),
        deadline: cell('Tình trạng hạn'),
      });
    }
    return rows;
  }
}

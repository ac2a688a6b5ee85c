import type { Locator, Page } from 'playwright-core';

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

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Hộp việc' });
    this.rows = page.locator('.ant-table-tbody tr.ant-table-row');
    this.empty = page.getByText('Không có việc nào đang chờ');
    this.live = page.getByRole('status').filter({ hasText: 'Đang cập nhật trực tiếp' });
    this.reconnecting = page.getByRole('status').filter({ hasText: 'Mất kết nối, đang thử lại…' });
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

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/hop-viec`);
    return this;
  }

  /** The rows once the list has loaded (none: the empty state shows). */
  async list(): Promise<InboxRow[]> {
    await this.heading.waitFor();
    await this.rows.first().or(this.empty).waitFor();
    const rows: InboxRow[] = [];
    for (const row of await this.rows.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      // the first cell is the row's selection box
      const [
        ,
        dossierCode = '',
        procedure = '',
        step = '',
        unit = '',
        status = '',
        dueAt = '',
        deadline = '',
      ] = cells;
      rows.push({ dossierCode, procedure, step, unit, status, dueAt, deadline });
    }
    return rows;
  }
}

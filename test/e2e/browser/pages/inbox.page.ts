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

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Hộp việc' });
    this.rows = page.locator('.ant-table-tbody tr.ant-table-row');
    this.empty = page.getByText('Không có việc nào đang chờ');
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
      const [dossierCode = '', procedure = '', step = '', unit = '', status = '', dueAt = '', deadline = ''] =
        cells;
      rows.push({ dossierCode, procedure, step, unit, status, dueAt, deadline });
    }
    return rows;
  }
}

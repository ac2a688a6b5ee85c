import type { Locator, Page } from 'playwright-core';

/** The leader's page (`/lanh-dao`): the unit's on-time rate, its overdue and due-soon steps. */
export class LeaderPage {
  readonly heading: Locator;
  readonly overdue: Locator;
  readonly dueSoon: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Theo dõi tiến độ đơn vị' });
    this.overdue = page
      .locator('.ant-card')
      .filter({ has: page.locator('.ant-card-head', { hasText: /^Bước quá hạn/ }) });
    this.dueSoon = page
      .locator('.ant-card')
      .filter({ has: page.locator('.ant-card-head', { hasText: /^Bước sắp đến hạn/ }) });
  }

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/lanh-dao`);
    return this;
  }

  /** The figure of a card, by its title (e.g. `Bước quá hạn`). */
  async figure(title: string | RegExp): Promise<string> {
    const card = this.page
      .locator('.ant-statistic')
      .filter({ has: this.page.locator('.ant-statistic-title', { hasText: title }) });
    return (await card.locator('.ant-statistic-content').innerText()).trim();
  }

  /** The dossier codes of a table's rows. */
  async codes(table: Locator): Promise<string[]> {
    await table.locator('.ant-table-row').first().or(table.locator('.ant-empty')).waitFor();
    return (await table.locator('.ant-table-row td:first-child').allInnerTexts()).map((t) => t.trim());
  }

  async openStep(dossierCode: string): Promise<void> {
    await this.page
      .getByRole('button', { name: `Mở hồ sơ ${dossierCode}` })
      .first()
      .click();
  }
}

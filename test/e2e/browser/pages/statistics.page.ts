import type { Download, Locator, Page } from 'playwright-core';

/** The leaders' dashboard (`/thong-ke`): form 06a's figures, charts and drill-downs, exports. */
export class StatisticsPage {
  readonly heading: Locator;
  readonly drawer: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Thống kê' });
    this.drawer = page.getByRole('dialog');
  }

  /** The value of a headline figure (`Hồ sơ nhận giải quyết`, `Đã giải quyết`, …) once loaded. */
  async headline(title: string): Promise<string> {
    const card = this.page.locator('.ant-card').filter({ has: this.page.getByText(title, { exact: true }) });
    const value = card.locator('.ant-statistic-content');
    await value.waitFor();
    return (await value.innerText()).trim();
  }

  /** The card of a chart (by its title), scrolled into view. */
  async card(title: string): Promise<Locator> {
    const card = this.page.locator('.ant-card').filter({
      has: this.page.locator('.ant-card-head-title', { hasText: title }),
    });
    await card.scrollIntoViewIfNeeded();
    return card;
  }

  /** Whose steps the card of the heaviest queues covers (its caption). */
  async queuesScope(): Promise<string> {
    const card = await this.card('Đơn vị có nhiều bước đang xử lý nhất');
    return (await card.locator('.ant-card-body .ant-typography').first().innerText()).trim();
  }

  /** Clicks a figure of form 06a's table, by its accessible name (`Tổng số – <unit>: 3 hồ sơ`). */
  async openFigure(name: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name }).click();
    await this.drawer.waitFor();
  }

  /** Clicks a chart (its centre: the bar or point there). */
  async clickChart(label: string): Promise<void> {
    const chart = this.page.getByRole('img', { name: label });
    await chart.locator('canvas').waitFor();
    const box = await chart.boundingBox();
    if (box === null) throw new Error(`chart ${label} not shown`);
    // (Playwright waits until nothing covers it, e.g. a closing drawer's mask)
    await chart.click({ position: { x: box.width / 2, y: box.height * 0.6 } });
    await this.drawer.waitFor();
  }

  /** The drill-down's title and the dossier codes listed in it. */
  async drillDown(): Promise<{ title: string; codes: string[] }> {
    await this.drawer.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const title = (await this.drawer.locator('.ant-drawer-title').innerText()).trim();
    const codes = await this.drawer
      .locator('.ant-table-tbody tr.ant-table-row td:first-child')
      .allInnerTexts();
    return { title, codes: codes.map((c) => c.trim()) };
  }

  async closeDrillDown(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.drawer.waitFor({ state: 'hidden' });
  }

  /** Exports form 06a: `Xuất Excel` or `Xuất CSV`. */
  async export(button: 'Xuất Excel' | 'Xuất CSV'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: button }).click();
    return download;
  }

  /** The rows of the table of Decision 766's indicator 2.b (average handling time), cell texts. */
  async averageTimes(): Promise<string[][]> {
    const card = await this.card('Thời gian giải quyết trung bình theo thủ tục');
    const rows = card.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    return Promise.all(
      (await rows.all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((t) => t.trim())),
    );
  }

  /** Groups form 06a's table (`Theo cán bộ xử lý`, …). */
  async groupBy(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Nhóm số liệu Mẫu 06a' }).click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
      .click();
  }
}

import type { Locator, Page } from 'playwright-core';

/** The designer's versions page (`/thiet-ke/phien-ban`, `/thiet-ke/phien-ban/:key`). */
export class VersionsPage {
  readonly versions: Locator;
  readonly readOnly: Locator;
  readonly comparison: Locator;
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.versions = page
      .locator('.ant-table')
      .filter({ has: page.getByRole('columnheader', { name: 'Quyết định công bố' }) });
    this.readOnly = page.locator('.lt-version-view');
    this.comparison = page.locator('.lt-version-compare');
    this.changes = this.comparison.getByLabel('Các thay đổi').locator('.ant-list-item');
  }

  /** The list of procedures. */
  async open(base: string): Promise<void> {
    await this.page.goto(`${base}/thiet-ke/phien-ban`);
    await this.page.getByRole('heading', { name: 'Phiên bản quy trình' }).waitFor();
    await this.page.locator('tbody tr.ant-table-row').first().waitFor();
  }

  /** Opens a procedure of the list by its name. */
  async openProcedure(name: string): Promise<void> {
    await this.page.getByRole('link', { name }).click();
    await this.page.getByRole('heading', { name: `Phiên bản: ${name}` }).waitFor();
  }

  /** The versions' rows: version, status, created, published, decision, effective from, running dossiers. */
  async rows(): Promise<string[][]> {
    const body = this.versions.locator('tbody tr.ant-table-row');
    await body.first().waitFor();
    return body.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 7).map((td) => (td.textContent ?? '').trim())),
    );
  }

  /** Opens a version read-only; waits until it is drawn. */
  async view(version: number): Promise<Locator> {
    await this.page.getByRole('button', { name: `Xem phiên bản v${version}` }).click();
    const diagram = this.readOnly.locator('.lt-version-diagram[data-state="shown"]');
    await diagram.waitFor();
    return diagram;
  }

  /** Picks two versions with the keyboard and compares them; waits for the list of changes. */
  async compare(first: number, second: number): Promise<string[]> {
    for (const [name, version] of [
      ['Phiên bản thứ nhất', first],
      ['Phiên bản thứ hai', second],
    ] as const) {
      const select = this.page.getByRole('combobox', { name });
      await select.focus();
      await select.press('Enter');
      const list = await select.getAttribute('aria-controls');
      await this.page
        .locator(`.ant-select-dropdown:has([id="${list}"]) .ant-select-item-option`, {
          hasText: `v${version} —`,
        })
        .click();
    }
    await this.page.getByRole('button', { name: 'So sánh', exact: true }).click();
    await this.changes.first().waitFor();
    return this.changes.allInnerTexts();
  }

  /** The element `id` on the compared diagram of `side` (left: the older version) carries `marker`. */
  marked(side: 'left' | 'right', id: string, marker: string): Locator {
    return this.comparison
      .locator('.lt-version-diagram')
      .nth(side === 'left' ? 0 : 1)
      .locator(`.djs-element.${marker}[data-element-id="${id}"]`);
  }
}

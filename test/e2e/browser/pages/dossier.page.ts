import type { Locator, Page } from 'playwright-core';

/** The dossier view (`/ho-so/:code`): its details, the path on its diagram, the control record. */
export class DossierViewPage {
  readonly heading: Locator;
  readonly details: Locator;
  readonly diagram: Locator;
  readonly controlRecord: Locator;
  readonly variables: Locator;
  readonly notFound: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: /^Hồ sơ / });
    this.details = page.locator('[aria-label="Thông tin hồ sơ"]');
    this.diagram = page.locator('.lt-diagram');
    this.controlRecord = page
      .getByRole('table', { name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' })
      .or(page.locator('.ant-table-wrapper[aria-label="Phiếu kiểm soát quá trình giải quyết hồ sơ"]'));
    this.variables = page.locator('[aria-label="Lịch sử thông tin hồ sơ"]');
    this.notFound = page.getByText('Không tìm thấy hồ sơ', { exact: true });
  }

  async open(baseUrl: string, code: string): Promise<this> {
    await this.page.goto(`${baseUrl}/ho-so/${encodeURIComponent(code)}`);
    return this;
  }

  /** Waits for the dossier and its diagram with the path drawn. */
  async waitUntilShown(): Promise<this> {
    await this.heading.waitFor();
    // drawn and marked (a failure to draw shows a warning instead, and this waits in vain)
    await this.diagram.locator('.djs-element.lt-active, .djs-element.lt-finished').first().waitFor();
    return this;
  }

  async detail(label: string): Promise<string> {
    const cell = this.details
      .locator('.ant-descriptions-item-label', { hasText: label })
      .locator('xpath=following-sibling::*[1]');
    return (await cell.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The ids of the diagram's elements carrying a marker (`lt-finished`, `lt-active`, `lt-late`). */
  async marked(marker: 'lt-finished' | 'lt-active' | 'lt-late'): Promise<string[]> {
    return this.diagram
      .locator(`.djs-element.${marker}`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id') ?? ''));
  }

  /** The control record's rows: step, unit, officer who took it, outcome. */
  async controlRows(): Promise<
    Array<{ step: string; unit: string; officer: string; finished: string; outcome: string }>
  > {
    const rows = this.page
      .locator('.ant-table-wrapper', { has: this.page.locator('th', { hasText: 'Cán bộ nhận' }) })
      .locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    return rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const td = [...tr.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim());
        return { step: td[0]!, unit: td[1]!, officer: td[3]!, finished: td[6]!, outcome: td[7]! };
      }),
    );
  }

  /** Dừng giải quyết (a leader): the reason and basis, then the confirmation; waits for the stop notice. */
  async stop(reason: string, basis?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Dừng giải quyết' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Dừng giải quyết hồ sơ' });
    await dialog.getByLabel('Lý do dừng giải quyết').fill(reason);
    if (basis !== undefined) await dialog.getByLabel('Căn cứ pháp lý (không bắt buộc)').fill(basis);
    await dialog.getByRole('button', { name: 'Dừng giải quyết' }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Dừng giải quyết' }).click();
    await this.stopNotice.waitFor();
    await dialog.waitFor({ state: 'hidden' });
  }

  get stopNotice(): Locator {
    return this.page.locator('.ant-card', { hasText: 'Thông báo dừng giải quyết hồ sơ' });
  }
}

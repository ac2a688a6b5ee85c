import type { Locator, Page } from 'playwright-core';

/** "Chuyển hồ sơ sang phiên bản mới" (`/thiet-ke/chuyen-phien-ban`). */
export class MigrationPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly mapping: Locator;
  readonly preview: Locator;
  readonly results: Locator;
  readonly refusal: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Chuyển hồ sơ sang phiên bản mới' });
    this.form = page.getByRole('form', { name: 'Chọn phiên bản' });
    this.mapping = page.getByRole('table', { name: 'Ánh xạ bước' });
    this.preview = page.getByRole('table', { name: 'Xem trước hồ sơ' });
    this.results = page.getByRole('table', { name: 'Kết quả chuyển hồ sơ' });
    this.refusal = page.getByRole('alert');
  }

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/thiet-ke/chuyen-phien-ban`);
    await this.heading.waitFor();
    return this;
  }

  /** Opens `select` and picks its option whose text contains `option` (in its own list, not a closing one). */
  private async pick(select: Locator, option: string): Promise<void> {
    await select.click();
    const list = await select.getAttribute('aria-controls');
    await this.page
      .locator(`.ant-select-dropdown:has([id="${list}"]) .ant-select-item-option`, { hasText: option })
      .first()
      .click();
  }

  /** Chooses the procedure and the versions, and asks for the preview. */
  async choose(procedure: string, from: number, to: number): Promise<void> {
    const key = this.form.getByRole('combobox', { name: 'Thủ tục' });
    await key.click();
    await key.fill(procedure);
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await key.press('Enter');
    await this.pick(this.form.getByRole('combobox', { name: 'Từ phiên bản' }), `Phiên bản ${from} `);
    await this.pick(this.form.getByRole('combobox', { name: 'Sang phiên bản' }), `Phiên bản ${to} `);
    await this.form.getByRole('button', { name: 'Xem trước' }).click();
    await this.preview.waitFor();
  }

  /** The mapping rows: source step, chosen target (or the placeholder), how it was mapped. */
  async mappingRows(): Promise<string[][]> {
    return rows(this.mapping);
  }

  /** Maps a step by hand; waits for the preview to follow. */
  async map(sourceName: string, target: string): Promise<void> {
    await this.pick(this.mapping.getByRole('combobox', { name: `Bước mới cho ${sourceName}` }), target);
    await this.mapping.getByText('Chọn tay').waitFor();
  }

  async previewRows(): Promise<string[][]> {
    return rows(this.preview);
  }

  /** Clicks "Chuyển N hồ sơ" and confirms. */
  async migrate(): Promise<void> {
    await this.page.getByRole('button', { name: /^Chuyển \d+ hồ sơ$/ }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
    await this.results.waitFor();
  }

  async resultRows(): Promise<string[][]> {
    return rows(this.results);
  }
}

async function rows(table: Locator): Promise<string[][]> {
  const body = table.locator('tbody tr.ant-table-row');
  await body.first().waitFor();
  return body.evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => {
        const select = td.querySelector('.ant-select-selection-item, .ant-select-selection-placeholder');
        return (select?.textContent ?? td.textContent ?? '').trim();
      }),
    ),
  );
}

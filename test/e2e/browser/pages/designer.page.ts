import type { Download, Locator, Page } from 'playwright-core';

/** The process designer (`/thiet-ke`): the drafts and the procedures to start from, and a draft open in the modeler. */
export class DesignerPage {
  readonly canvas: Locator;
  readonly issues: Locator;
  readonly errorCount: Locator;
  readonly criticalPath: Locator;
  readonly saveState: Locator;
  readonly properties: Locator;
  /** The notice of what bpmn-js warned about when it opened the file. */
  readonly importWarnings: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByLabel('Sơ đồ quy trình');
    this.issues = page.getByLabel('Các vấn đề của quy trình').locator('.ant-list-item');
    this.errorCount = page.locator('.lt-error-count');
    this.criticalPath = page.locator('.lt-critical-summary');
    this.saveState = page.locator('.lt-save-state');
    this.properties = page.getByLabel('Thuộc tính');
    this.importWarnings = page.locator('.lt-import-warnings');
  }

  /** How many lines the editor's toolbar takes: its buttons' vertical middles, within 6 px one line. */
  async toolbarRows(): Promise<number> {
    const middles = await this.page
      .locator('.lt-toolbar button')
      .evaluateAll((buttons) =>
        buttons.map((b) => (b.getBoundingClientRect().top + b.getBoundingClientRect().bottom) / 2),
      );
    if (middles.length === 0) throw new Error('the toolbar has no buttons');
    const rows: number[] = [];
    for (const m of middles.sort((a, b) => a - b)) if (!rows.some((r) => Math.abs(r - m) <= 6)) rows.push(m);
    return rows.length;
  }

  /** Folds open the list of the opening's warnings with the keyboard, and reads it: `elementId gist` each. */
  async importWarningList(): Promise<string[]> {
    const toggle = this.importWarnings.getByRole('button', { name: /^Xem \d+ cảnh báo$/ });
    await toggle.focus();
    await this.page.keyboard.press('Enter');
    const items = this.page.getByRole('list', { name: 'Cảnh báo khi mở tệp' }).getByRole('listitem');
    await items.first().waitFor();
    return (await items.allInnerTexts()).map((t) => t.trim());
  }

  async open(base: string): Promise<void> {
    await this.page.goto(`${base}/thiet-ke`);
    await this.page.getByRole('heading', { name: 'Thiết kế quy trình' }).waitFor();
  }

  /** Starts a draft from the deployed version of a procedure, and waits for it in the modeler. */
  async startFrom(procedureName: string, status: string): Promise<void> {
    const start = this.page.getByRole('button', { name: 'Soạn từ phiên bản này' });
    const row = this.page
      .getByRole('row')
      .filter({ hasText: procedureName })
      .filter({ hasText: status })
      .filter({ has: start })
      .first();
    await row.getByRole('button', { name: 'Soạn từ phiên bản này' }).click();
    await this.waitUntilOpen();
  }

  async waitUntilOpen(): Promise<void> {
    await this.page.locator('.lt-canvas .djs-element').first().waitFor();
    await this.page.locator('.lt-loading').waitFor({ state: 'detached' });
    await this.criticalPath.waitFor();
  }

  /** The shape of an element on the canvas. */
  shape(elementId: string): Locator {
    return this.page.locator(`.lt-canvas .djs-element[data-element-id="${elementId}"]`);
  }

  async select(elementId: string): Promise<void> {
    await this.shape(elementId).click();
  }

  /** Appends a step after the selected element with its context pad ("Nối bước xử lý"). */
  async appendStep(): Promise<void> {
    await this.page.locator('.djs-context-pad [title="Nối bước xử lý"]').click();
  }

  /** Opens the "Liên thông" group of the properties panel (our lt attributes). */
  async openLtGroup(): Promise<void> {
    const header = this.properties.locator(
      '[data-group-id="group-lienthong"] .bio-properties-panel-group-header',
    );
    await header.waitFor();
    if (!(await header.evaluate((h) => h.classList.contains('open')))) await header.click();
  }

  async pickUnit(unitCode: string): Promise<void> {
    await this.properties.locator('select[name="lt-unit"]').selectOption(unitCode);
  }

  async setAllottedTime(value: string): Promise<void> {
    const input = this.properties.locator('input[name="lt-allottedTime"]');
    await input.fill(value);
    await input.press('Tab');
  }

  /** A problem of the list, by its code and element. */
  problem(code: string, elementId: string): Locator {
    return this.page.locator(
      `.lt-issues .ant-list-item[data-code="${code}"][data-element-id="${elementId}"]`,
    );
  }

  async issueCodes(): Promise<string[]> {
    return this.issues.evaluateAll((items) =>
      items.map((i) => `${i.getAttribute('data-code')}@${i.getAttribute('data-element-id')}`),
    );
  }

  async selectedId(): Promise<string> {
    return this.page
      .locator('.lt-canvas .djs-element.selected')
      .first()
      .getAttribute('data-element-id') as Promise<string>;
  }

  async save(): Promise<void> {
    await this.canvas.click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+s');
  }

  /** Waits until every change is saved; the draft's revision then. */
  async waitSaved(): Promise<number> {
    const saved = this.page.locator('.lt-save-state[data-state="saved"]');
    await saved.waitFor();
    return Number(/\(lần (\d+)\)/.exec((await saved.textContent()) ?? '')?.[1]);
  }

  async compare(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'So sánh' }).click();
    const list = this.page.locator('.lt-compare .lt-changes .ant-list-item');
    await list.first().waitFor();
    return list;
  }

  async export(): Promise<string> {
    await this.page.locator('.lt-toolbar').getByRole('button', { name: 'Thêm' }).click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('menuitem', { name: 'Xuất tệp .bpmn' }).click(),
    ]);
    return readDownload(download);
  }

  /** Imports a .bpmn file as a new draft from the designer's start page. */
  async importFile(base: string, name: string, xml: string): Promise<void> {
    await this.open(base);
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.page.getByRole('button', { name: 'Nhập tệp .bpmn' }).click(),
    ]);
    await chooser.setFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
    await this.waitUntilOpen();
  }
}

async function readDownload(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

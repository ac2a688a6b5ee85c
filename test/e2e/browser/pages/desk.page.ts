import type { Locator, Page } from 'playwright-core';

export interface Reception {
  /** Typed into the procedure's search, then the first match is taken. */
  procedure: string;
  channel?: 'Trực tiếp' | 'Trực tuyến' | 'Bưu chính';
  kind?: 'Cá nhân' | 'Tổ chức, doanh nghiệp';
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  parcel?: { sheet: number; number: number; area: string };
}

/** The one-stop desk (`/mot-cua`): receiving a dossier, its receipt, the dossiers received. */
export class DeskPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly receipt: Locator;
  readonly refusal: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Một cửa', exact: true });
    this.form = page.getByRole('form', { name: 'Tiếp nhận hồ sơ' });
    this.receipt = page.locator('.ant-descriptions', { hasText: 'Ngày hẹn trả kết quả' });
    this.refusal = this.form.getByRole('alert');
  }

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/mot-cua`);
    await this.heading.waitFor();
    return this;
  }

  /** Fills the reception form (not sent). */
  async fill(r: Reception): Promise<void> {
    const procedure = this.form.getByRole('combobox', { name: 'Thủ tục' });
    await procedure.click();
    await procedure.fill(r.procedure);
    await this.page.locator('.ant-select-item-option').first().waitFor();
    await procedure.press('Enter');
    if (r.channel) await this.form.getByText(r.channel, { exact: true }).click();
    if (r.kind) await this.form.getByLabel(r.kind, { exact: true }).check();
    await this.form.getByLabel(r.kind === 'Tổ chức, doanh nghiệp' ? 'Tên tổ chức' : 'Họ và tên').fill(r.name);
    if (r.idNumber) await this.form.getByLabel(/^(Số định danh|Mã số doanh nghiệp)/).fill(r.idNumber);
    if (r.phone) await this.form.getByLabel('Số điện thoại').fill(r.phone);
    if (r.address)
      await this.form
        .getByLabel(/^Địa chỉ/)
        .first()
        .fill(r.address);
    if (r.parcel) {
      await this.form.getByLabel('Tờ bản đồ số').fill(String(r.parcel.sheet));
      await this.form.getByLabel('Thửa đất số').fill(String(r.parcel.number));
      await this.form.getByLabel('Diện tích').fill(r.parcel.area);
    }
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  }

  /** A line of the receipt, label → text. */
  async receiptLine(label: string): Promise<string> {
    await this.receipt.waitFor();
    const cell = this.receipt.locator('th', { hasText: label }).locator('xpath=following-sibling::td[1]');
    return (await cell.innerText()).replace(/\s+/g, ' ').trim();
  }

  async fieldErrors(): Promise<string[]> {
    const errors = this.form.locator('.ant-form-item-explain-error');
    await errors.first().waitFor();
    return (await errors.allInnerTexts()).map((t) => t.trim());
  }

  /** The dossiers received, searched by part of their code: their codes. */
  async search(code: string): Promise<string[]> {
    await this.page.getByRole('tab', { name: 'Hồ sơ đã tiếp nhận' }).click();
    const box = this.page.getByRole('searchbox', { name: 'Tìm theo mã hồ sơ' });
    await box.fill(code);
    const answered = this.page.waitForResponse(
      (r) =>
        r.url().includes('/api/v1/dossiers?') && new URL(r.url()).searchParams.get('code') === code.trim(),
    );
    await box.press('Enter');
    await answered;
    const table = this.page.getByRole('tabpanel', { name: 'Hồ sơ đã tiếp nhận' });
    await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const rows = table.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().or(table.locator('.ant-empty')).waitFor();
    return (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
  }
}

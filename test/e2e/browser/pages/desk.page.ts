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

  /** The dossiers received, searched by part of their code or of the applicant's name: their codes. */
  async search(code: string): Promise<string[]> {
    await this.page.getByRole('tab', { name: 'Hồ sơ đã tiếp nhận' }).click();
    const box = this.page.getByRole('searchbox', { name: 'Tìm theo mã hồ sơ hoặc tên người nộp' });
    await box.fill(code);
    const answered = this.page.waitForResponse(
      (r) =>
        r.url().includes('/api/v1/dossiers?') &&
        [new URL(r.url()).searchParams.get('code'), new URL(r.url()).searchParams.get('applicant')].includes(
          code.trim(),
        ),
    );
    await box.press('Enter');
    await answered;
    const table = this.page.getByRole('tabpanel', { name: 'Hồ sơ đã tiếp nhận' });
    await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const rows = table.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().or(table.locator('.ant-empty')).waitFor();
    return (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
  }

  /** "Từ chối tiếp nhận" on the filled form: types the reasons, confirms; the refusal slip shows. */
  async refuse(reasons: readonly string[]): Promise<void> {
    await this.form.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Từ chối tiếp nhận hồ sơ' });
    await this.fillLines(dialog, 'Lý do', 'Thêm lý do', reasons);
    await dialog.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
    const confirm = this.page.getByRole('dialog', { name: 'Từ chối tiếp nhận hồ sơ này?' });
    await confirm.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
    await this.slip('Phiếu từ chối tiếp nhận giải quyết hồ sơ').waitFor();
  }

  /** "Hướng dẫn bổ sung" on the filled form: the papers to supplement; the guidance slip shows. */
  async guide(items: readonly string[], contact?: string): Promise<void> {
    await this.form.getByRole('button', { name: 'Hướng dẫn bổ sung' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ' });
    await this.fillLines(dialog, 'Giấy tờ', 'Thêm giấy tờ', items);
    if (contact) await dialog.getByLabel('Liên hệ').fill(contact);
    await dialog.getByRole('button', { name: 'Lập phiếu hướng dẫn' }).click();
    await this.slip('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ').waitFor();
  }

  private async fillLines(
    dialog: Locator,
    label: string,
    add: string,
    lines: readonly string[],
  ): Promise<void> {
    for (const [i, line] of lines.entries()) {
      if (i > 0) await dialog.getByRole('button', { name: add }).click();
      await dialog.getByLabel(`${label} ${i + 1}`, { exact: true }).fill(line);
    }
  }

  /** A slip (refusal, guidance) shown in place of the form. */
  slip(title: string): Locator {
    return this.page
      .getByRole('table', { name: title })
      .or(this.page.locator(`[aria-label="${title}"]`))
      .first();
  }

  /** A line of a slip, label → text. */
  async slipLine(title: string, label: string): Promise<string> {
    const cell = this.slip(title).locator('th', { hasText: label }).locator('xpath=following-sibling::td[1]');
    return (await cell.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The "Trả kết quả" tab: the codes of the dossiers waiting, searched by `text` when given. */
  async waitingForReturn(text = ''): Promise<string[]> {
    await this.page.getByRole('tab', { name: 'Trả kết quả' }).click();
    const panel = this.page.getByRole('tabpanel', { name: 'Trả kết quả' });
    const answered = this.page.waitForResponse((r) => r.url().includes('/api/v1/dossiers/awaiting-return'));
    if (text) {
      const box = panel.getByRole('searchbox', { name: 'Tìm hồ sơ chờ trả kết quả' });
      await box.fill(text);
      await box.press('Enter');
    }
    await answered.catch(() => undefined);
    await panel.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const rows = panel.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().or(panel.locator('.ant-empty')).waitFor();
    return (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
  }

  /** Returns the result of `code` to who collects it (the applicant's name kept unless given), confirmed. */
  async returnResult(
    code: string,
    collector: { name?: string; idNumber?: string; relation?: string },
  ): Promise<void> {
    const panel = this.page.getByRole('tabpanel', { name: 'Trả kết quả' });
    await panel.getByRole('button', { name: `Trả kết quả hồ sơ ${code}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Trả kết quả' });
    if (collector.name !== undefined)
      await dialog.getByLabel('Họ và tên người nhận kết quả').fill(collector.name);
    if (collector.idNumber !== undefined) await dialog.getByLabel(/^Số định danh/).fill(collector.idNumber);
    if (collector.relation !== undefined)
      await dialog.getByLabel('Quan hệ với người nộp').fill(collector.relation);
    await dialog.getByRole('button', { name: 'Trả kết quả' }).click();
    await this.page
      .getByRole('dialog', { name: 'Xác nhận đã trả kết quả?' })
      .getByRole('button', { name: 'Đã trả kết quả' })
      .click();
    await this.page.getByText(`Đã trả kết quả hồ sơ ${code}`).waitFor();
  }

  /** The "Phiếu hướng dẫn" tab searched by `text` (number or applicant): the numbers listed. */
  async guidances(text: string): Promise<string[]> {
    await this.page.getByRole('tab', { name: 'Phiếu hướng dẫn' }).click();
    const panel = this.page.getByRole('tabpanel', { name: 'Phiếu hướng dẫn' });
    const box = panel.getByRole('searchbox', {
      name: 'Tìm phiếu hướng dẫn theo số phiếu hoặc tên người nộp',
    });
    await box.fill(text);
    const answered = this.page.waitForResponse(
      (r) =>
        r.url().includes('/api/v1/dossiers/reception-guidance?') &&
        new URL(r.url()).searchParams.get('q') === text.trim(),
    );
    await box.press('Enter');
    await answered;
    await panel.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const rows = panel.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().or(panel.locator('.ant-empty')).waitFor();
    return (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
  }
}

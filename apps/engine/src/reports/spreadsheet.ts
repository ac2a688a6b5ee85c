import { Workbook } from 'exceljs';

/** A column of an exported table: columns side by side with the same group share a header cell above theirs. */
export interface TableColumn {
  readonly title: string;
  readonly group?: string;
  /** Width in characters (xlsx). */
  readonly width?: number;
}

/** A report as a table: a title, lines under it (period, unit, setting), two header rows, the rows. */
export interface Table {
  readonly sheetName: string;
  readonly title: string;
  readonly lines: readonly string[];
  readonly columns: readonly TableColumn[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

/** Runs of consecutive columns with the same group (a column without one is a run of its own). */
function groupRuns(
  columns: readonly TableColumn[],
): Array<{ group: string | undefined; from: number; to: number }> {
  const runs: Array<{ group: string | undefined; from: number; to: number }> = [];
  columns.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && c.group !== undefined && last.group === c.group) last.to = i;
    else runs.push({ group: c.group, from: i, to: i });
  });
  return runs;
}

/**
 * Our adapter over exceljs: the table as an .xlsx workbook of one sheet, the title and lines on
 * top, grouped header cells merged as on the paper form, borders on the table.
 */
export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(table.sheetName);
  const width = table.columns.length;
  sheet.columns = table.columns.map((c) => ({ width: c.width ?? 14 }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 13 };
  sheet.mergeCells(title.number, 1, title.number, width);
  title.alignment = { horizontal: 'center' };
  for (const line of table.lines) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.alignment = { horizontal: 'center' };
  }
  sheet.addRow([]);
  const top = sheet.addRow(table.columns.map((c) => c.group ?? c.title));
  const bottom = sheet.addRow(table.columns.map((c) => (c.group === undefined ? null : c.title)));
  for (const run of groupRuns(table.columns)) {
    if (run.group === undefined) sheet.mergeCells(top.number, run.from + 1, bottom.number, run.from + 1);
    else if (run.to > run.from) sheet.mergeCells(top.number, run.from + 1, top.number, run.to + 1);
  }
  for (const row of [top, bottom]) {
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  const body = table.rows.map((r) => sheet.addRow([...r]));
  const thin = { style: 'thin' as const };
  for (const row of [top, bottom, ...body]) {
    for (let c = 1; c <= width; c++) {
      row.getCell(c).border = { top: thin, left: thin, bottom: thin, right: thin };
    }
  }
  sheet.views = [{ state: 'frozen', ySplit: bottom.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV (UTF-8 with a byte order mark, so spreadsheet programs read the accents). */
export function toCsv(table: Table): string {
  const header = table.columns.map((c) => (c.group === undefined ? c.title : `${c.group} - ${c.title}`));
  const lines = [[table.title], ...table.lines.map((l) => [l]), header, ...table.rows.map((r) => [...r])];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** Content-Disposition of a download named in Vietnamese (RFC 6266: an ASCII fallback and the UTF-8 name). */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

import type * as C from '@lienthong/contracts';
import type { Table, TableColumn } from './spreadsheet';

const GROUP_TITLES: Readonly<Record<C.ReportGroupBy, string>> = {
  unit: 'Đơn vị',
  procedure: 'Thủ tục hành chính',
  field: 'Lĩnh vực',
  level: 'Cấp thực hiện',
  officer: 'Cán bộ xử lý',
};

const LEVEL_TITLES: Readonly<Record<C.LateLevel, string>> = {
  none: '',
  criticism: 'Phê bình',
  discipline_review: 'Xem xét kỷ luật',
};

/** dd/mm/yyyy of YYYY-MM-DD. */
function vnDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

function settingLine(s: C.ReportSettingDto): string {
  return `Cấu hình áp dụng: số ${s.id}, hiệu lực từ ${vnDate(s.effectiveFrom)}${s.effectiveTo ? ` đến ${vnDate(s.effectiveTo)}` : ''}; hồ sơ tạm dừng chờ bổ sung ${s.countPausedInProgress ? 'có' : 'không'} tính là đang giải quyết`;
}

const RECEIVED = 'Số hồ sơ nhận giải quyết';
const RESOLVED = 'Số hồ sơ đã giải quyết';
const IN_PROGRESS = 'Số hồ sơ đang giải quyết';
const LATE_CAUSE = 'Hồ sơ quá hạn do';

/** The columns of form 06a (Circular 01/2018), then the causes of lateness and the dossiers not carried on. */
const FORM_06A: ReadonlyArray<TableColumn & { figure?: C.Report06aFigure }> = [
  { group: RECEIVED, title: 'Tổng số', figure: 'total' },
  { group: RECEIVED, title: 'Số kỳ trước chuyển qua', figure: 'carriedOver', width: 12 },
  { group: RECEIVED, title: 'Mới tiếp nhận trực tuyến', figure: 'receivedOnline', width: 12 },
  { group: RECEIVED, title: 'Mới tiếp nhận trực tiếp, dịch vụ bưu chính', figure: 'receivedDeskOrPostal' },
  { group: RESOLVED, title: 'Tổng số', figure: 'resolved' },
  { group: RESOLVED, title: 'Trả trước hạn', figure: 'resolvedEarly', width: 10 },
  { group: RESOLVED, title: 'Trả đúng hạn', figure: 'resolvedOnTime', width: 10 },
  { group: RESOLVED, title: 'Trả quá hạn', figure: 'resolvedLate', width: 10 },
  { group: IN_PROGRESS, title: 'Tổng số', figure: 'inProgress' },
  { group: IN_PROGRESS, title: 'Trong hạn', figure: 'inProgressWithinTime', width: 10 },
  { group: IN_PROGRESS, title: 'Quá hạn', figure: 'inProgressOverdue', width: 10 },
  { title: 'Rút hồ sơ', figure: 'withdrawn', width: 10 },
  { title: 'Từ chối tiếp nhận', figure: 'refused', width: 10 },
  { title: 'Dừng giải quyết', figure: 'stopped', width: 10 },
  { title: 'Tạm dừng không tính', figure: 'pausedUncounted', width: 10 },
  { group: LATE_CAUSE, title: 'Cơ quan chủ trì', figure: 'lateInsideLead', width: 11 },
  { group: LATE_CAUSE, title: 'Cơ quan phối hợp', figure: 'lateOtherAgency', width: 11 },
  {
    group: LATE_CAUSE,
    title: 'Chờ công dân bổ sung, thực hiện nghĩa vụ',
    figure: 'lateApplicant',
    width: 13,
  },
  { title: 'Tỷ lệ đúng hạn (%)', width: 10 },
];

/** Form 06a as a table: one line per group, then the total. */
export function table06a(report: C.Report06aDto): Table {
  const line = (r: C.Report06aRowDto, index: number | null): Array<string | number | null> => [
    index,
    r.label,
    ...FORM_06A.map((c) => (c.figure === undefined ? r.onTimeRate : r[c.figure])),
  ];
  return {
    sheetName: 'Mẫu 06a',
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Mẫu 06a, Thông tư 01/2018/TT-VPCP)',
    lines: [
      `Kỳ báo cáo: từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)}${report.unit ? ` — đơn vị ${report.unit}` : ''}${report.procedure ? ` — thủ tục ${report.procedure}` : ''}`,
      settingLine(report.setting),
    ],
    columns: [{ title: 'STT', width: 6 }, { title: GROUP_TITLES[report.groupBy], width: 40 }, ...FORM_06A],
    rows: [...report.rows.map((r, i) => line(r, i + 1)), line(report.totals, null)],
  };
}

/** The monthly late list: units, then officers. */
export function tableLateList(list: C.LateListDto): Table {
  const [year, month] = list.month.split('-');
  const line = (kind: string, l: C.LateListLineDto, i: number): Array<string | number | null> => [
    i + 1,
    kind,
    l.label,
    l.unit,
    l.finished,
    l.late,
    l.lateRate,
    LEVEL_TITLES[l.level],
    l.criticismsThisYear,
    l.flagged ? 'Có' : '',
    l.apologies,
  ];
  return {
    sheetName: 'Danh sách trễ hạn',
    title: `DANH SÁCH CƠ QUAN, CÁN BỘ CÓ HỒ SƠ TRỄ HẠN THÁNG ${month}/${year}`,
    lines: [
      `Ngưỡng: trễ hạn từ ${list.setting.criticismFrom}% phê bình, từ ${list.setting.disciplineFrom}% xem xét kỷ luật, ${list.setting.criticismsForDiscipline} lần phê bình trong năm xem xét kỷ luật`,
      settingLine(list.setting),
    ],
    columns: [
      { title: 'STT', width: 6 },
      { title: 'Loại', width: 10 },
      { title: 'Cơ quan / cán bộ', width: 40 },
      { title: 'Đơn vị', width: 14 },
      { title: 'Số bước đã xử lý', width: 12 },
      { title: 'Số bước trễ hạn', width: 12 },
      { title: 'Tỷ lệ trễ hạn (%)', width: 12 },
      { title: 'Mức', width: 16 },
      { title: 'Số lần phê bình trong năm', width: 12 },
      { title: 'Đề nghị xem xét kỷ luật', width: 12 },
      { title: 'Phiếu xin lỗi', width: 10 },
    ],
    rows: [
      ...list.units.map((l, i) => line('Cơ quan', l, i)),
      ...list.officers.map((l, i) => line('Cán bộ', l, i)),
    ],
  };
}

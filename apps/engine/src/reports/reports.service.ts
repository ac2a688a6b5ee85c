import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type * as C from '@lienthong/contracts';
import { MINUTES_PER_WORKING_DAY, VIETNAM_OFFSET_MS } from '@lienthong/calendar';
import { CalendarService } from '../calendar/calendar.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { decodeCursor, type Page, toPage } from '../common/pagination/cursor.util';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { Clock } from '../common/clock/clock';
import { vnDate } from '../common/clock/vietnam-date.util';
import { forbidden } from '../identity/auth.problems';
import { hasRole, type Principal } from '../identity/principal';
import {
  type CatalogueArrays,
  type FigureRow,
  type ReportDossierRow,
  type ReportScope,
  ReportsRepository,
  type ResolvedTimeRow,
  type SettingRow,
} from './reports.repository';
import { FIGURE_NAMES } from './reports.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest period a report covers (a few years). */
const MAX_PERIOD_DAYS = 5 * 366;

/** The first instant (UTC) of a Vietnam date YYYY-MM-DD. */
export function vnDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS);
}

function isRealDate(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** The month after YYYY-MM. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((10000 * part) / whole) / 100;
}

const LEVEL_NAMES: Readonly<Record<string, string>> = {
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
  '': 'Chưa phân cấp',
};

interface CatalogueEntry {
  key: string;
  name: string;
  field?: string;
  level?: string;
  versions?: Array<{ level?: string }>;
}

/**
 * Decision 766/QĐ-TTg of 23 June 2022, the index of service to citizens and businesses (ADR 0010,
 * "Decision 766"). Checked with the search tool on 3 Dec 2026 (sessions 7 and 8), stored excerpts only:
 * - the five groups and their points: 1 Công khai, minh bạch (18), **2 Tiến độ, kết quả giải quyết (20)**,
 *   3 Số hóa hồ sơ (22), 4 Cung cấp dịch vụ trực tuyến (22), 5 Mức độ hài lòng (18), out of 100
 *   (the Nam Định Department of Home Affairs quoting the decision:
 *   https://sonoivu.namdinh.gov.vn/cai-cach-hanh-chinh/thu-tuong-chinh-phu-phe-duyet-bo-chi-so-chi-dao-dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan-doanh-nghiep-trong-2373);
 * - group 2's indicators, as headings of a legal Q&A page quoting the annex: (2.a) "Tỷ lệ hồ sơ xử lý
 *   trước hạn, đúng hạn" and (2.b) "thời gian giải quyết thủ tục hành chính trung bình theo từng thủ tục
 *   hành chính" (http://118.69.201.250:801/phap-luat/ho-tro-phap-luat/huong-dan-xu-ly-so-lieu-nhom-chi-so-tien-do-ket-qua-giai-quyet-ho-so-thu-tuc-hanh-chinh-dich-vu-con-20943.html);
 *   the letters follow the annex's lettering of group 1 (a, b, …), ours, not read for group 2;
 * - the annex writes its rates as "number … on time / total number … × 100%" (group 1's "Tỷ lệ thủ tục
 *   hành chính công bố đúng hạn", https://aita.gov.vn/thu-tuong-chinh-phu-ban-hanh-bo-chi-so-chi-dao-dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan-doanh-nghiep-trong-thuc-hien-thu-tuc-hanh-chinh-dich-vu-cong-theo-thoi-gian-thuc-tren-moi-truong-dien-tu;
 *   group 5's "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn" = handled on time or early / total,
 *   https://vietjack.me/phap-luat/quyet-dinh-766-qd-ttg-2271.html).
 * So `onTimeRate` (2.a) = (early + on time) / resolved × 100, the same as form 06a's on-time rate.
 * 2.b (average handling time per procedure) is `byProcedure`, per procedure code and month over the
 * same resolved dossiers, in both units because the annex's unit was not read [unverified]: calendar
 * days (result − receipt, 24 h a day) and working days (working minutes from receipt to result on the
 * calendar in force, weekends, holidays and official days off excluded, / 480), 1 decimal. Not read
 * [unverified]: how group 2 turns its indicators into its 20 points, the exact text of 2.a's formula
 * and of 2.b's. `overdueRate` is not an indicator of the decision (the earlier note read it as
 * one): it is ours, (resolved late + in progress overdue) / (resolved + in progress), beside it
 * (Gia Lai's one-stop portal divides its "tỉ lệ trễ hạn" by received + carried over instead).
 */
export const DECISION_766_SOURCE =
  'Quyết định 766/QĐ-TTg ngày 23/6/2022 phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp; nhóm chỉ số 2 "Tiến độ, kết quả giải quyết" (tối đa 20/100 điểm). ' +
  'Chỉ số "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" = số hồ sơ xử lý trước hạn, đúng hạn / tổng số hồ sơ đã xử lý × 100% (tỷ lệ đúng hạn). ' +
  'Nguồn: https://sonoivu.namdinh.gov.vn/cai-cach-hanh-chinh/thu-tuong-chinh-phu-phe-duyet-bo-chi-so-chi-dao-dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan-doanh-nghiep-trong-2373; ' +
  'http://118.69.201.250:801/phap-luat/ho-tro-phap-luat/huong-dan-xu-ly-so-lieu-nhom-chi-so-tien-do-ket-qua-giai-quyet-ho-so-thu-tuc-hanh-chinh-dich-vu-con-20943.html. ' +
  'Chỉ số "Thời gian giải quyết thủ tục hành chính trung bình theo từng thủ tục hành chính" = trung bình (thời điểm trả kết quả − thời điểm tiếp nhận) của các hồ sơ đã giải quyết trong tháng, tính theo cả ngày làm việc (giờ làm việc theo lịch làm việc, trừ ngày nghỉ, ngày lễ, tết; 8 giờ = 1 ngày) và ngày theo lịch (24 giờ = 1 ngày). ' +
  'Chưa đối chiếu được với văn bản gốc [unverified]: cách quy đổi các chỉ số ra điểm, công thức nguyên văn của hai chỉ số và đơn vị (ngày làm việc hay ngày theo lịch) của chỉ số thời gian giải quyết trung bình, nên đưa cả hai. ' +
  'Tỷ lệ quá hạn không phải chỉ số của Quyết định 766: là chỉ số của hệ thống = (đã giải quyết quá hạn + đang giải quyết quá hạn) / (đã giải quyết + đang giải quyết).';

/**
 * The statistics (ADR 0010): form 06a of Circular 01/2018 for any period and grouping, each figure's
 * dossiers, steps by unit or officer against their allotted time, the monthly late lists and the
 * progress indicators of Decision 766. Leaders see their unit and the units below it; the province's
 * office (publishers) and administrators see every unit. Anyone else is refused.
 */
@Injectable()
export class ReportsService {
  private catalogue?: { arrays: CatalogueArrays; names: Map<string, string> };

  constructor(
    private readonly reports: ReportsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
  ) {}

  /** Field and level of every procedure version of processes/catalogue.json. */
  private procedures(): { arrays: CatalogueArrays; names: Map<string, string> } {
    if (this.catalogue) return this.catalogue;
    let entries: CatalogueEntry[] = [];
    try {
      entries = JSON.parse(
        readFileSync(join(this.config.repoRoot, 'processes', 'catalogue.json'), 'utf8'),
      ) as CatalogueEntry[];
    } catch {
      entries = [];
    }
    const arrays: CatalogueArrays = { keys: [], versions: [], fields: [], levels: [] };
    for (const e of entries) {
      (e.versions ?? [{}]).forEach((v, i) => {
        arrays.keys.push(e.key);
        arrays.versions.push(i + 1);
        arrays.fields.push(e.field ?? '');
        arrays.levels.push(v.level ?? e.level ?? '');
      });
    }
    this.catalogue = { arrays, names: new Map(entries.map((e) => [e.key, e.name])) };
    return this.catalogue;
  }

  /**
   * The receiving units a report of `unit` covers for the principal: null for every unit.
   * @throws 403 without the role, 404 for a unit outside the principal's own
   */
  async unitsFor(principal: Principal, unit: string | undefined): Promise<string[] | null> {
    const province = hasRole(principal, 'admin', 'publisher');
    if (!province && !hasRole(principal, 'leader')) {
      throw forbidden(
        'Statistics are for leaders (their unit and the units below it) and the province office.',
        'ROLE_REQUIRED',
      );
    }
    if (province && unit === undefined) return null;
    const own = unit ?? principal.unit;
    const tree = await this.reports.unitTree(own);
    if (!province && !(await this.reports.unitTree(principal.unit)).concat(principal.unit).includes(own)) {
      throw notFound('Unit', own);
    }
    return [...new Set([own, ...tree])];
  }

  private period(from: string, to: string): { start: Date; end: Date } {
    if (!isRealDate(from) || !isRealDate(to))
      throw badRequest(`The period ${from} – ${to} has no such date.`);
    const start = vnDayStart(from);
    const end = new Date(vnDayStart(to).getTime() + DAY_MS);
    if (end <= start) throw badRequest(`The period ends (${to}) before it starts (${from}).`);
    if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
      throw badRequest(`A report covers at most ${MAX_PERIOD_DAYS} days.`);
    }
    return { start, end };
  }

  async setting(day: string): Promise<C.ReportSettingDto> {
    const row = await this.reports.settingOn(day);
    if (!row) throw notFound('Report setting in force on', day);
    return toSetting(row);
  }

  /** Every setting, newest first: for whoever may read the statistics. */
  async settings(principal: Principal): Promise<C.ReportSettingDto[]> {
    await this.unitsFor(principal, undefined);
    return (await this.reports.settings()).map(toSetting);
  }

  /**
   * A new setting from a date, closing the one in force then (admin or the province's office).
   * @throws 403 for anyone else, 400 when the thresholds are out of order, 422 for a past date,
   *   409 when a setting already starts on or after the date
   */
  async addSetting(body: C.CreateReportSettingDto, principal: Principal): Promise<C.ReportSettingDto> {
    if (!hasRole(principal, 'admin', 'publisher')) {
      throw forbidden(
        'Report settings are changed by an administrator or the province office.',
        'ROLE_REQUIRED',
      );
    }
    if (!isRealDate(body.effectiveFrom)) throw badRequest(`There is no date ${body.effectiveFrom}.`);
    if (body.criticismFrom >= body.disciplineFrom) {
      throw badRequest(
        `The criticism threshold (${body.criticismFrom} %) must be below the discipline review threshold (${body.disciplineFrom} %).`,
        [{ path: 'criticismFrom', message: 'below disciplineFrom' }],
      );
    }
    const today = vnDate(this.clock.now());
    if (body.effectiveFrom < today) {
      throw unprocessable(
        `effectiveFrom ${body.effectiveFrom} is in the past (today is ${today} in Vietnam): a closed period's figures never change.`,
        [{ path: 'effectiveFrom', message: 'today or later' }],
        { code: 'effective-date-past' },
      );
    }
    const row = await this.reports.addSetting({
      ...body,
      from: body.effectiveFrom,
      basis: body.basis.trim(),
    });
    if (!row) {
      throw conflict(
        `A setting already takes effect on or after ${body.effectiveFrom}: settings are added in date order, never rewritten.`,
        { code: 'setting-not-latest' },
      );
    }
    return toSetting(row);
  }

  /** The open dossiers now, due soon and overdue (the dashboard's counts beside the period's figures). */
  async now(query: C.ReportNowQueryDto, principal: Principal): Promise<C.ReportNowDto> {
    const units = await this.unitsFor(principal, query.unit);
    const at = this.clock.now();
    const counts = await this.reports.now(units, query.procedure ?? null);
    return { at: at.toISOString(), open: counts.open, dueSoon: counts.due_soon, overdue: counts.overdue };
  }

  async nowDrill(
    query: C.ReportNowDrillQueryDto & { limit: number },
    principal: Principal,
  ): Promise<Page<C.ReportDossierDto>> {
    const units = await this.unitsFor(principal, query.unit);
    const after = afterDossier(query.cursor);
    const rows = await this.reports.nowDossiers(
      units,
      query.procedure ?? null,
      query.deadline,
      after,
      query.limit + 1,
    );
    return dossierPage(rows, query.limit);
  }

  private async scope(
    query: C.ReportQueryDto,
    principal: Principal,
  ): Promise<{ scope: ReportScope; setting: C.ReportSettingDto }> {
    const { start, end } = this.period(query.from, query.to);
    const units = await this.unitsFor(principal, query.unit);
    const setting = await this.setting(query.from);
    return {
      scope: {
        start,
        end,
        units,
        procedure: query.procedure ?? null,
        countPausedInProgress: setting.countPausedInProgress,
      },
      setting,
    };
  }

  private async labels(groupBy: C.ReportGroupBy, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'unit') return this.reports.unitNames(keys);
    if (groupBy === 'procedure') return this.procedures().names;
    if (groupBy === 'level') return new Map(Object.entries(LEVEL_NAMES));
    if (groupBy === 'officer') return new Map([['', '(chưa phân công)']]);
    return new Map([['', 'Chưa phân loại']]);
  }

  async report06a(query: C.Report06aQueryDto, principal: Principal): Promise<C.Report06aDto> {
    const groupBy = query.groupBy ?? 'unit';
    const { scope, setting } = await this.scope(query, principal);
    const catalogue = this.procedures().arrays;
    const [rows, totals] = await Promise.all([
      this.reports.figures(scope, catalogue, groupBy),
      this.reports.figures(scope, catalogue, null),
    ]);
    const labels = await this.labels(
      groupBy,
      rows.map((r) => r.key),
    );
    return {
      from: query.from,
      to: query.to,
      unit: query.unit ?? null,
      procedure: query.procedure ?? null,
      groupBy,
      setting,
      rows: rows.map((r) => toRow(r, labels.get(r.key) ?? r.key)),
      totals: toRow(totals[0] ?? { ...FIGURE_ZERO, key: '*' }, 'Tổng cộng'),
    };
  }

  async drill(
    query: C.Report06aDrillQueryDto & { limit: number },
    principal: Principal,
  ): Promise<Page<C.ReportDossierDto>> {
    if ((query.groupBy === undefined) !== (query.key === undefined)) {
      throw badRequest('groupBy and key go together: the row of the figure (neither: the total row).');
    }
    const { scope } = await this.scope(query, principal);
    const after = afterDossier(query.cursor);
    const group =
      query.groupBy !== undefined && query.key !== undefined ? { by: query.groupBy, key: query.key } : null;
    const rows = await this.reports.dossiers(
      scope,
      this.procedures().arrays,
      query.figure,
      group,
      after,
      query.limit + 1,
    );
    return dossierPage(rows, query.limit);
  }

  async steps(query: C.StepReportQueryDto, principal: Principal): Promise<C.StepReportDto> {
    const groupBy = query.groupBy ?? 'unit';
    const { scope } = await this.scope(query, principal);
    const rows = await this.reports.steps(scope, groupBy, this.clock.now());
    const names =
      groupBy === 'unit'
        ? await this.reports.unitNames(rows.map((r) => r.key ?? ''))
        : new Map<string, string>();
    return {
      from: query.from,
      to: query.to,
      unit: query.unit ?? null,
      groupBy,
      rows: rows.map((r) => ({
        key: r.key ?? '',
        label: r.key === null ? '(chưa phân công)' : (names.get(r.key) ?? r.key),
        finished: r.finished,
        early: r.early,
        onTime: r.on_time,
        late: r.late,
        lateRate: rate(r.late, r.finished),
        workedMinutes: r.worked_minutes,
        allottedMinutes: r.allotted_minutes,
        open: r.open,
        openOverdue: r.open_overdue,
      })),
    };
  }

  async lateList(query: C.LateListQueryDto, principal: Principal): Promise<C.LateListDto> {
    const start = vnDayStart(`${query.month}-01`);
    const end = vnDayStart(`${nextMonth(query.month)}-01`);
    const yearStart = vnDayStart(`${query.month.slice(0, 4)}-01-01`);
    const units = await this.unitsFor(principal, query.unit);
    const setting = await this.setting(`${query.month}-01`);
    const scope = { start, end, yearStart, units };
    const [unitRows, officerRows] = await Promise.all([
      this.reports.lateLines('unit', scope, setting.criticismFrom, setting.disciplineFrom),
      this.reports.lateLines('officer', scope, setting.criticismFrom, setting.disciplineFrom),
    ]);
    const names = await this.reports.unitNames(unitRows.map((r) => r.key));
    const line = (r: (typeof unitRows)[number], label: string): C.LateListLineDto => {
      const lateRate = rate(r.late, r.finished) ?? 0;
      return {
        key: r.key,
        label,
        unit: r.unit,
        finished: r.finished,
        late: r.late,
        lateRate,
        level:
          lateRate >= setting.disciplineFrom
            ? 'discipline_review'
            : lateRate >= setting.criticismFrom
              ? 'criticism'
              : 'none',
        criticismsThisYear: r.criticisms,
        flagged: r.criticisms >= setting.criticismsForDiscipline,
        apologies: r.apologies,
      };
    };
    return {
      month: query.month,
      unit: query.unit ?? null,
      setting,
      units: unitRows.map((r) => line(r, names.get(r.key) ?? r.key)),
      officers: officerRows.map((r) => line(r, r.key)),
    };
  }

  async lateSteps(
    query: C.LateStepsQueryDto & { limit: number },
    principal: Principal,
  ): Promise<Page<C.LateStepDto>> {
    const units = await this.unitsFor(principal, undefined);
    const start = vnDayStart(`${query.month}-01`);
    const end = vnDayStart(`${nextMonth(query.month)}-01`);
    const after = query.cursor
      ? decodeCursor<{ finishedAt: string; id: string }>(query.cursor, ['finishedAt', 'id'])
      : null;
    const rows = await this.reports.lateSteps(
      { start, end, units },
      query.unit ?? null,
      query.officer ?? null,
      after,
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, (r) => ({ finishedAt: r.completed_at.toISOString(), id: r.id }));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        taskId: r.id,
        dossierId: r.dossier_id,
        dossierCode: r.code,
        nodeId: r.node_id,
        name: r.name,
        unit: r.unit,
        officer: r.completed_by,
        dueAt: r.due_at?.toISOString() ?? null,
        finishedAt: r.completed_at.toISOString(),
        apology:
          r.apology_at === null
            ? null
            : {
                at: r.apology_at.toISOString(),
                newDueAt: r.apology_new_due_at?.toISOString() ?? null,
                reason: r.apology_reason,
                unit: r.apology_unit,
              },
      })),
    };
  }

  /** Decision 766's progress indicators per unit and month of [from, to] (whole months). */
  async indicators766(query: C.ReportQueryDto, principal: Principal): Promise<C.Indicators766Dto> {
    this.period(query.from, query.to);
    const units = await this.unitsFor(principal, query.unit);
    const rows: C.Indicators766RowDto[] = [];
    const byProcedure: C.Indicators766ProcedureDto[] = [];
    for (let month = query.from.slice(0, 7); month <= query.to.slice(0, 7); month = nextMonth(month)) {
      const setting = await this.setting(`${month}-01`);
      const scope: ReportScope = {
        start: vnDayStart(`${month}-01`),
        end: vnDayStart(`${nextMonth(month)}-01`),
        units,
        procedure: query.procedure ?? null,
        countPausedInProgress: setting.countPausedInProgress,
      };
      for (const r of await this.reports.figures(scope, this.procedures().arrays, 'unit')) {
        rows.push({
          unit: r.key,
          month,
          resolved: r.resolved,
          resolvedOnTime: r.resolvedEarly + r.resolvedOnTime,
          onTimeRate: rate(r.resolvedEarly + r.resolvedOnTime, r.resolved),
          inProgress: r.inProgress,
          inProgressOverdue: r.inProgressOverdue,
          // ours, not the decision's (see DECISION_766_SOURCE)
          overdueRate: rate(r.resolvedLate + r.inProgressOverdue, r.resolved + r.inProgress),
        });
      }
      byProcedure.push(...this.averageTimes(month, await this.reports.resolvedTimes(scope)));
    }
    return {
      from: query.from,
      to: query.to,
      unit: query.unit ?? null,
      source: DECISION_766_SOURCE,
      rows,
      byProcedure,
    };
  }

  /**
   * Decision 766's indicator 2.b for one month: per procedure, the mean time from receipt to result in
   * calendar days (24 hours) and in working days (working minutes on the calendar in force / 480).
   */
  private averageTimes(month: string, times: ResolvedTimeRow[]): C.Indicators766ProcedureDto[] {
    const calendar = this.calendars.current();
    const sums = new Map<string, { resolved: number; ms: number; workingMinutes: number }>();
    for (const t of times) {
      const sum = sums.get(t.definition_key) ?? { resolved: 0, ms: 0, workingMinutes: 0 };
      sum.resolved += 1;
      sum.ms += t.ended_at.getTime() - t.received_at.getTime();
      sum.workingMinutes += calendar.workingMinutesBetween(t.received_at, t.ended_at);
      sums.set(t.definition_key, sum);
    }
    const oneDecimal = (x: number) => Math.round(10 * x) / 10;
    return [...sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([procedure, sum]) => ({
        procedure,
        name: this.procedures().names.get(procedure) ?? null,
        month,
        resolved: sum.resolved,
        averageCalendarDays: oneDecimal(sum.ms / sum.resolved / DAY_MS),
        averageWorkingDays: oneDecimal(sum.workingMinutes / sum.resolved / MINUTES_PER_WORKING_DAY),
      }));
  }

  /** Refills report_dossiers from the dossiers and their deadline events. */
  rebuild(): Promise<number> {
    return this.reports.rebuild();
  }
}

/** Where a page of dossiers (in order of reception) starts: after the cursor's dossier. */
function afterDossier(cursor: string | undefined): { receivedAt: string; id: string } | null {
  return cursor ? decodeCursor<{ receivedAt: string; id: string }>(cursor, ['receivedAt', 'id']) : null;
}

/** A page of dossiers behind a figure (rows: one more than the page, to know whether another follows). */
function dossierPage(rows: ReportDossierRow[], limit: number): Page<C.ReportDossierDto> {
  const page = toPage(rows, limit, (r) => ({ receivedAt: r.received_at.toISOString(), id: r.dossier_id }));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.dossier_id,
      code: r.code,
      unit: r.unit,
      procedure: r.definition_key,
      channel: r.channel,
      receivedAt: r.received_at.toISOString(),
      endedAt: r.ended_at?.toISOString() ?? null,
      endKind: r.end_kind,
      outcome: r.outcome,
      dueAt: r.due_at?.toISOString() ?? null,
      overdueAt: r.overdue_at?.toISOString() ?? null,
      extended: r.extended,
    })),
  };
}

/** Every figure at zero (the shape of a row without dossiers). */
const FIGURE_ZERO = Object.fromEntries(FIGURE_NAMES.map((f) => [f, 0])) as Record<C.Report06aFigure, number>;

function toRow(r: FigureRow, label: string): C.Report06aRowDto {
  const { key, ...figures } = r;
  return {
    key,
    label,
    ...FIGURE_ZERO,
    ...figures,
    onTimeRate: rate(r.resolvedEarly + r.resolvedOnTime, r.resolved),
  };
}

function toSetting(r: SettingRow): C.ReportSettingDto {
  return {
    id: r.id,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    countPausedInProgress: r.count_paused_in_progress,
    criticismFrom: Number(r.criticism_from),
    disciplineFrom: Number(r.discipline_from),
    criticismsForDiscipline: r.criticisms_for_discipline,
    basis: r.basis,
  };
}

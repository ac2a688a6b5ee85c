/** Statistics (report form 06a of Circular 01/2018, the monthly late lists, Decision 766's progress group). */

/**
 * How the rows of a 06a report are grouped. `officer`: the officer who handled the dossier at its lead
 * agency (the unit that held most of its steps other than the receiving desk, else the desk): the one
 * who finished, or holds, the last of that unit's steps; '' when nobody took one.
 */
export type ReportGroupBy = 'unit' | 'procedure' | 'field' | 'level' | 'officer';

/** How the rows of a step report are grouped. */
export type StepReportGroupBy = 'unit' | 'officer';

/** Every figure of a 06a row, each one drilling down to its dossiers. */
export type Report06aFigure =
  | 'total'
  | 'received'
  | 'receivedOnline'
  | 'receivedDeskOrPostal'
  | 'carriedOver'
  | 'resolved'
  | 'resolvedEarly'
  | 'resolvedOnTime'
  | 'resolvedLate'
  | 'lateInsideLead'
  | 'lateOtherAgency'
  | 'lateApplicant'
  | 'inProgress'
  | 'inProgressWithinTime'
  | 'inProgressOverdue'
  | 'pausedUncounted'
  | 'withdrawn'
  | 'refused'
  | 'stopped';

/** A period and what it covers: `from` and `to` are Vietnam dates, both included. */
export interface ReportQueryDto {
  from: string;
  to: string;
  /** A unit: it and the units below it (default: every unit the caller may see). */
  unit?: string;
  /** A procedure (definition key). */
  procedure?: string;
}

export interface Report06aQueryDto extends ReportQueryDto {
  groupBy?: ReportGroupBy;
  format?: 'json' | 'csv' | 'xlsx';
}

/** The drill-down of one figure of one row: the row's `groupBy` and `key` (none: the total row). */
export interface Report06aDrillQueryDto extends ReportQueryDto {
  figure: Report06aFigure;
  groupBy?: ReportGroupBy;
  key?: string;
  limit?: number;
  cursor?: string;
}

/** The province's choices in force for a period (report_settings). */
export interface ReportSettingDto {
  id: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Whether a dossier whose clock is paused (waiting for the applicant) counts as in progress. */
  countPausedInProgress: boolean;
  /** Late share (%) from which a unit or officer is criticised. */
  criticismFrom: number;
  /** Late share (%) from which a discipline review is due. */
  disciplineFrom: number;
  /** Criticisms within a year flagged for discipline. */
  criticismsForDiscipline: number;
  basis: string;
}

/**
 * One line of form 06a. `total = received + carriedOver = resolved + inProgress + pausedUncounted + withdrawn + refused + stopped`.
 */
export interface Report06aRowDto {
  /** The group's key (unit code, procedure key, field, level); `*` for the total row. */
  key: string;
  label: string;
  total: number;
  received: number;
  receivedOnline: number;
  receivedDeskOrPostal: number;
  carriedOver: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  /** Late dossiers that lost their time inside the lead agency (or at the desk that received them). */
  lateInsideLead: number;
  /** Late dossiers whose late steps were all at another agency. */
  lateOtherAgency: number;
  /** Late dossiers with no late step: the time went while waiting for the applicant (supplement, payment). */
  lateApplicant: number;
  inProgress: number;
  inProgressWithinTime: number;
  inProgressOverdue: number;
  /** Open at the period's end with the clock paused, when the setting does not count them as in progress. */
  pausedUncounted: number;
  withdrawn: number;
  refused: number;
  /** Stopped by the agency (dừng giải quyết, e.g. not supplemented in time) in the period. */
  stopped: number;
  /** (early + on time) / resolved, in %, two decimals; null when nothing was resolved. */
  onTimeRate: number | null;
}

export interface Report06aDto {
  from: string;
  to: string;
  unit: string | null;
  procedure: string | null;
  groupBy: ReportGroupBy;
  /** The setting used (the one in force on the period's first day). */
  setting: ReportSettingDto;
  rows: Report06aRowDto[];
  totals: Report06aRowDto;
}

/** One dossier behind a figure. */
export interface ReportDossierDto {
  id: string;
  code: string;
  unit: string;
  procedure: string;
  channel: string;
  receivedAt: string;
  endedAt: string | null;
  endKind: 'resolved' | 'withdrawn' | 'refused' | 'stopped' | null;
  outcome: 'early' | 'on_time' | 'late' | null;
  dueAt: string | null;
  overdueAt: string | null;
  extended: boolean;
}

export interface StepReportQueryDto extends ReportQueryDto {
  groupBy?: StepReportGroupBy;
}

/** Steps of a unit or officer in a period, and their time against the allotted time (Circular 01/2018 art. 13). */
export interface StepReportRowDto {
  key: string;
  label: string;
  /** Steps finished in the period. */
  finished: number;
  early: number;
  onTime: number;
  late: number;
  /** Late / finished, in %; null when none finished. */
  lateRate: number | null;
  /** Working minutes spent on the finished steps with an allotted time, and the minutes allotted to them. */
  workedMinutes: number;
  allottedMinutes: number;
  /** Steps open at the period's end, and those of them past their due instant. */
  open: number;
  openOverdue: number;
}

export interface StepReportDto {
  from: string;
  to: string;
  unit: string | null;
  groupBy: StepReportGroupBy;
  rows: StepReportRowDto[];
}

export type LateLevel = 'none' | 'criticism' | 'discipline_review';

export interface LateListQueryDto {
  /** YYYY-MM */
  month: string;
  unit?: string;
  format?: 'json' | 'csv' | 'xlsx';
}

/** A unit or officer with late steps in the month. */
export interface LateListLineDto {
  /** Unit code, or the officer's user name. */
  key: string;
  label: string;
  unit: string;
  finished: number;
  late: number;
  /** Late / finished, in %. */
  lateRate: number;
  level: LateLevel;
  /** Months of the year up to this one at the criticism level. */
  criticismsThisYear: number;
  /** criticismsThisYear reaches the setting's count: a discipline review. */
  flagged: boolean;
  /** Apologies (phiếu xin lỗi và hẹn lại ngày trả kết quả) given in the month by this unit or officer. */
  apologies: number;
}

export interface LateListDto {
  month: string;
  unit: string | null;
  setting: ReportSettingDto;
  units: LateListLineDto[];
  officers: LateListLineDto[];
}

export interface LateStepsQueryDto {
  month: string;
  /** The unit of the steps (a unit line) */
  unit?: string;
  /** The officer who finished them (an officer line) */
  officer?: string;
  limit?: number;
  cursor?: string;
}

/** A late step, with the apology given for its dossier if any. */
export interface LateStepDto {
  taskId: string;
  dossierId: string;
  dossierCode: string;
  nodeId: string;
  name: string | null;
  unit: string | null;
  officer: string | null;
  dueAt: string | null;
  finishedAt: string;
  apology: { at: string; newDueAt: string | null; reason: string | null; unit: string | null } | null;
}

/** Decision 766/QĐ-TTg, group "Tiến độ, kết quả giải quyết": what our data determines, per unit and month. */
export interface Indicators766RowDto {
  unit: string;
  month: string;
  resolved: number;
  resolvedOnTime: number;
  /** Indicator 2.a of the decision, "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn": (early + on time) / resolved, % */
  onTimeRate: number | null;
  inProgress: number;
  inProgressOverdue: number;
  /**
   * Not an indicator of the decision, ours beside it: overdue dossiers (resolved late + in progress
   * overdue) over resolved + in progress, %
   */
  overdueRate: number | null;
}

/**
 * Decision 766/QĐ-TTg, indicator 2.b, "thời gian giải quyết thủ tục hành chính trung bình theo từng thủ
 * tục hành chính", per procedure and month, over the dossiers resolved in the month (2.a's `resolved`).
 * The annex's unit was not read [unverified]: both are given.
 */
export interface Indicators766ProcedureDto {
  /** The procedure's code (definition key). */
  procedure: string;
  /** Its name in the catalogue (processes/catalogue.json), null when not listed there. */
  name: string | null;
  month: string;
  resolved: number;
  /** Mean of (result − receipt) in calendar days of 24 hours, 1 decimal. */
  averageCalendarDays: number;
  /**
   * Mean working time from receipt to result on the engine's working calendar (office hours of working
   * days, weekends, holidays and official days off excluded), in working hours / 8, 1 decimal.
   */
  averageWorkingDays: number;
}

export interface Indicators766Dto {
  from: string;
  to: string;
  unit: string | null;
  /** Where the definitions come from. */
  source: string;
  rows: Indicators766RowDto[];
  /** Indicator 2.b per procedure and month (months in order, then procedure codes). */
  byProcedure: Indicators766ProcedureDto[];
}

/** The open dossiers now (not a period): how many, how many due soon and overdue (the deadline sweep's marks). */
export interface ReportNowQueryDto {
  unit?: string;
  procedure?: string;
}

export interface ReportNowDto {
  /** The engine's instant of the counts. */
  at: string;
  open: number;
  dueSoon: number;
  overdue: number;
}

/** The open dossiers due soon or overdue now, in order of reception. */
export interface ReportNowDrillQueryDto extends ReportNowQueryDto {
  deadline: 'due_soon' | 'overdue';
  limit?: number;
  cursor?: string;
}

/**
 * A new setting from a date (PUT /reports/settings): the row in force then is closed the day before;
 * history is never edited, so the date is today or later and after the last setting's start.
 */
export interface CreateReportSettingDto {
  effectiveFrom: string;
  countPausedInProgress: boolean;
  criticismFrom: number;
  disciplineFrom: number;
  criticismsForDiscipline: number;
  /** The decision or reason (shown in the reports that use it). */
  basis: string;
}

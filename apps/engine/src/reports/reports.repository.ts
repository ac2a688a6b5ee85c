import { Injectable } from '@nestjs/common';
import type { Report06aFigure, ReportGroupBy, StepReportGroupBy } from '@lienthong/contracts';
import { Db } from '../database/db.service';
import { ReadDb } from '../database/read-db.service';

/** The period and what it covers, as the statements take them. */
export interface ReportScope {
  /** First instant of the period (included) and first instant after it. */
  readonly start: Date;
  readonly end: Date;
  /** Receiving units (null: every unit). */
  readonly units: readonly string[] | null;
  readonly procedure: string | null;
  readonly countPausedInProgress: boolean;
}

/** Field and level of each procedure version (the catalogue), passed to the statements as arrays. */
export interface CatalogueArrays {
  readonly keys: string[];
  readonly versions: number[];
  readonly fields: string[];
  readonly levels: string[];
}

export type FigureCounts = Record<Report06aFigure, number>;

export interface FigureRow extends FigureCounts {
  key: string;
}

export interface ReportDossierRow {
  dossier_id: string;
  code: string;
  unit: string;
  definition_key: string;
  channel: string;
  received_at: Date;
  ended_at: Date | null;
  end_kind: 'resolved' | 'withdrawn' | 'refused' | 'stopped' | null;
  outcome: 'early' | 'on_time' | 'late' | null;
  due_at: Date | null;
  overdue_at: Date | null;
  extended: boolean;
}

export interface ResolvedTimeRow {
  definition_key: string;
  received_at: Date;
  ended_at: Date;
}

export interface SettingRow {
  id: number;
  effective_from: string;
  effective_to: string | null;
  count_paused_in_progress: boolean;
  criticism_from: string;
  discipline_from: string;
  criticisms_for_discipline: number;
  basis: string;
}

export interface StepRow {
  key: string | null;
  finished: number;
  early: number;
  on_time: number;
  late: number;
  worked_minutes: number;
  allotted_minutes: number;
  open: number;
  open_overdue: number;
}

export interface LateLineRow {
  key: string;
  unit: string;
  finished: number;
  late: number;
  criticisms: number;
  apologies: number;
}

export interface LateStepRow {
  id: string;
  dossier_id: string;
  code: string;
  node_id: string;
  name: string | null;
  unit: string | null;
  completed_by: string | null;
  due_at: Date | null;
  completed_at: Date;
  apology_at: Date | null;
  apology_new_due_at: Date | null;
  apology_reason: string | null;
  apology_unit: string | null;
}

/**
 * What each figure of form 06a counts, as a condition on one dossier of the period (the columns of
 * `periodDossiers`). The figures and their drill-downs use the same condition, so a figure always
 * equals the number of dossiers behind it.
 */
const RESOLVED = `is_ended AND end_kind = 'resolved'`;
const LATE = `${RESOLVED} AND outcome = 'late'`;
const COUNTED_OPEN = `is_open AND NOT paused_uncounted`;
export const FIGURES: Readonly<Record<Report06aFigure, string>> = {
  total: `(is_received OR is_carried)`,
  received: `is_received`,
  receivedOnline: `is_received AND channel = 'online'`,
  receivedDeskOrPostal: `is_received AND channel <> 'online'`,
  carriedOver: `is_carried`,
  resolved: RESOLVED,
  resolvedEarly: `${RESOLVED} AND outcome = 'early'`,
  // A procedure without a time limit cannot be late: its dossiers are on time.
  resolvedOnTime: `${RESOLVED} AND (outcome = 'on_time' OR outcome IS NULL)`,
  resolvedLate: LATE,
  lateInsideLead: `${LATE} AND late_cause = 'lead'`,
  lateOtherAgency: `${LATE} AND late_cause = 'other'`,
  lateApplicant: `${LATE} AND late_cause = 'applicant'`,
  inProgress: COUNTED_OPEN,
  inProgressWithinTime: `${COUNTED_OPEN} AND NOT is_overdue`,
  inProgressOverdue: `${COUNTED_OPEN} AND is_overdue`,
  pausedUncounted: `is_open AND paused_uncounted`,
  withdrawn: `is_ended AND end_kind = 'withdrawn'`,
  refused: `is_ended AND end_kind = 'refused'`,
  stopped: `is_ended AND end_kind = 'stopped'`,
};

const GROUP_KEYS: Readonly<Record<ReportGroupBy, string>> = {
  unit: 'unit',
  procedure: 'definition_key',
  field: 'field',
  level: 'level',
  officer: 'officer',
};

/**
 * The lead agency of dossier `b` (the unit that held most of its steps other than the receiving desk;
 * ties by code), the desk when no other unit held one. Also where a late dossier lost its time.
 */
const LEAD_UNIT = `(SELECT l.unit FROM tasks l WHERE l.dossier_id = b.dossier_id AND l.unit IS NOT NULL AND l.unit <> b.unit
                     GROUP BY l.unit ORDER BY count(*) DESC, l.unit LIMIT 1)`;

/** The officer of dossier `b` for groupBy=officer: who finished, or holds, the lead agency's last step. */
const LEAD_OFFICER = `coalesce((SELECT coalesce(o.completed_by, o.assignee) FROM tasks o
                     WHERE o.dossier_id = b.dossier_id AND o.kind = 'user' AND o.unit = coalesce(${LEAD_UNIT}, b.unit)
                       AND coalesce(o.completed_by, o.assignee) IS NOT NULL
                     ORDER BY o.created_at DESC, o.id DESC LIMIT 1), '')`;

const SETTING_COLUMNS = `id, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to,
              count_paused_in_progress, criticism_from::text, discipline_from::text, criticisms_for_discipline, basis`;

/** The Vietnam date of an instant parameter (report_step_days counts by Vietnam day). */
const VN_DAY = (param: string) => `(${param}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** The first Vietnam day whose finished steps are not rolled up into report_step_days yet. */
const ROLLED_UNTIL = `coalesce((SELECT w.rolled_until FROM report_step_rollup w WHERE w.id = 1), '-infinity'::date)`;

/**
 * Two disjoint conditions whose union is `column >= greatest(lo, the watermark's first instant)`, the
 * watermark as the statement reads it. `hint` is the watermark's instant read just before (null:
 * none), a parameter the planner sees (it cannot see into the sub-select: it would scan all of tasks):
 * the first condition takes the steps from the hint on, the second those between the statement's
 * watermark and the hint, empty unless a roll-up committed in between.
 */
function sinceWatermark(column: string, lo: string, hint: string): [string, string] {
  const w = `greatest(${lo}::timestamptz, ${ROLLED_UNTIL}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
  const h = `greatest(${lo}::timestamptz, coalesce(${hint}::timestamptz, '-infinity'))`;
  return [`${column} >= ${h} AND ${column} >= ${w}`, `${column} >= ${w} AND ${column} < ${h}`];
}

/**
 * The finished steps of [lo, hi) (instant parameters, Vietnam day starts) as step-day rows: the days
 * before the watermark from report_step_days, the others step by step from report_step_facts (the
 * view the roll-up sums). One statement reads the watermark and both sides in one snapshot, and a
 * roll-up commits its days with the new watermark, so the rows are the same for any watermark.
 */
const STEP_DAYS = (lo: string, hi: string, hint: string) => {
  const facts = `SELECT f.day, f.unit, f.officer, f.procedure, f.finished, f.early, f.on_time, f.late, f.worked_minutes, f.allotted_minutes
    FROM report_step_facts f WHERE f.completed_at < ${hi}::timestamptz AND`;
  const [fromHint, beforeHint] = sinceWatermark('f.completed_at', lo, hint);
  return `(
  SELECT s.day, s.unit, s.officer, s.procedure, s.finished, s.early, s.on_time, s.late, s.worked_minutes, s.allotted_minutes
    FROM report_step_days s
   WHERE s.day >= ${VN_DAY(lo)} AND s.day < least(${VN_DAY(hi)}, ${ROLLED_UNTIL})
  UNION ALL ${facts} ${fromHint}
  UNION ALL ${facts} ${beforeHint})`;
};

/**
 * The statistics' statements (ADR 0010), on report_dossiers (one slim row per dossier, kept by
 * triggers), report_step_days and report_step_flows (rolled up behind a watermark), tasks and
 * deadline_events. Parameters $1..$9 of every period statement: start, end, units, procedure, count
 * paused as in progress, and the catalogue's keys, versions, fields, levels.
 */
@Injectable()
export class ReportsRepository {
  constructor(
    private readonly db: Db,
    /** The figures, lists and settings may be a moment behind the commands: read on the standby (ReadDb). */
    private readonly read: ReadDb,
  ) {}

  /**
   * The dossiers of the period [start, end): received before its end and not ended before its start,
   * with what the figures test (received in it, carried over, ended in it, open at its end, overdue
   * at its end, paused at its end and not counted, where a late one lost its time).
   */
  private periodDossiers(withOfficer: boolean): string {
    return `cat AS (SELECT * FROM unnest($6::text[], $7::int[], $8::text[], $9::text[]) AS c(key, version, field, level)),
      base AS (
        SELECT r.dossier_id, r.code, r.unit, r.definition_key, r.channel, r.received_at, r.ended_at, r.end_kind, r.outcome,
               r.due_at, r.overdue_at, r.extended,
               coalesce(cat.field, '') AS field, coalesce(cat.level, '') AS level,
               r.received_at >= $1 AS is_received,
               r.received_at < $1 AS is_carried,
               r.ended_at IS NOT NULL AND r.ended_at < $2 AS is_ended,
               (r.ended_at IS NULL OR r.ended_at >= $2) AS is_open,
               coalesce(r.overdue_at < $2 OR (r.extended AND r.due_at < $2), false) AS is_overdue
          FROM report_dossiers r
          LEFT JOIN cat ON cat.key = r.definition_key AND cat.version = r.definition_version
         WHERE ((r.ended_at >= $1 AND r.received_at < $2) OR (r.ended_at IS NULL AND r.received_at < $2))
           AND ($3::text[] IS NULL OR r.unit = ANY($3::text[]))
           AND ($4::text IS NULL OR r.definition_key = $4)),
      p AS (
        SELECT b.*,
               CASE WHEN NOT $5::boolean AND b.is_open THEN coalesce((
                 SELECT e.kind = 'paused' FROM deadline_events e
                  WHERE e.dossier_id = b.dossier_id AND e.task_id IS NULL AND e.kind IN ('paused', 'resumed', 'restarted')
                    AND e.at < $2 ORDER BY e.id DESC LIMIT 1), false) ELSE false END AS paused_uncounted,
               CASE WHEN b.is_ended AND b.end_kind = 'resolved' AND b.outcome = 'late' THEN (
                 SELECT CASE WHEN bool_or(t.unit = b.unit OR t.unit = ${LEAD_UNIT}) THEN 'lead'
                             WHEN count(*) > 0 THEN 'other' ELSE 'applicant' END
                   FROM tasks t WHERE t.dossier_id = b.dossier_id AND t.outcome = 'late') END AS late_cause
               ${withOfficer ? `, ${LEAD_OFFICER} AS officer` : ''}
          FROM base b)`;
  }

  private params(scope: ReportScope, catalogue: CatalogueArrays): unknown[] {
    return [
      scope.start,
      scope.end,
      scope.units,
      scope.procedure,
      scope.countPausedInProgress,
      catalogue.keys,
      catalogue.versions,
      catalogue.fields,
      catalogue.levels,
    ];
  }

  /** Every figure of form 06a, one row per group (no group: one row, key '*'). */
  async figures(
    scope: ReportScope,
    catalogue: CatalogueArrays,
    groupBy: ReportGroupBy | null,
  ): Promise<FigureRow[]> {
    const key = groupBy === null ? `'*'` : GROUP_KEYS[groupBy];
    const counts = Object.entries(FIGURES)
      .map(([name, condition]) => `count(*) FILTER (WHERE ${condition})::int AS "${name}"`)
      .join(',\n             ');
    const { rows } = await this.read.query<FigureRow>(
      `WITH ${this.periodDossiers(groupBy === 'officer')}
       SELECT ${key} AS key, ${counts}
         FROM p GROUP BY 1 ORDER BY 1`,
      this.params(scope, catalogue),
    );
    return rows;
  }

  /** The dossiers behind one figure (of one group), in order of reception, after the cursor. */
  async dossiers(
    scope: ReportScope,
    catalogue: CatalogueArrays,
    figure: Report06aFigure,
    group: { by: ReportGroupBy; key: string } | null,
    after: { receivedAt: string; id: string } | null,
    limit: number,
  ): Promise<ReportDossierRow[]> {
    const params = [
      ...this.params(scope, catalogue),
      group?.key ?? null,
      after?.receivedAt ?? null,
      after?.id ?? null,
      limit,
    ];
    const groupCondition =
      group === null ? 'AND $10::text IS NULL' : `AND ${GROUP_KEYS[group.by]} = $10::text`;
    const { rows } = await this.read.query<ReportDossierRow>(
      `WITH ${this.periodDossiers(group?.by === 'officer')}
       SELECT dossier_id, code, unit, definition_key, channel, received_at, ended_at, end_kind, outcome, due_at, overdue_at, extended
         FROM p
        WHERE ${FIGURES[figure]} ${groupCondition}
          AND ($11::timestamptz IS NULL OR (received_at, dossier_id) > ($11::timestamptz, $12::uuid))
        ORDER BY received_at, dossier_id LIMIT $13`,
      params,
    );
    return rows;
  }

  /**
   * Receipt and result of the dossiers resolved in [start, end) (the figures' `resolved`), by procedure
   * code: what Decision 766's indicator 2.b averages.
   */
  async resolvedTimes(scope: ReportScope): Promise<ResolvedTimeRow[]> {
    const { rows } = await this.read.query<ResolvedTimeRow>(
      `SELECT r.definition_key, r.received_at, r.ended_at
         FROM report_dossiers r
        WHERE r.end_kind = 'resolved' AND r.ended_at >= $1 AND r.ended_at < $2 AND r.received_at < $2
          AND ($3::text[] IS NULL OR r.unit = ANY($3::text[]))
          AND ($4::text IS NULL OR r.definition_key = $4)
        ORDER BY r.definition_key`,
      [scope.start, scope.end, scope.units, scope.procedure],
    );
    return rows;
  }

  /** The setting in force on `day` (YYYY-MM-DD). */
  async settingOn(day: string): Promise<SettingRow | undefined> {
    const { rows } = await this.read.query<SettingRow>(
      `SELECT ${SETTING_COLUMNS}
         FROM report_settings
        WHERE effective_from <= $1::date AND (effective_to IS NULL OR effective_to >= $1::date)
        ORDER BY effective_from DESC, id DESC LIMIT 1`,
      [day],
    );
    return rows[0];
  }

  /** Every setting, newest first (the history of the province's choices). */
  async settings(): Promise<SettingRow[]> {
    const { rows } = await this.read.query<SettingRow>(
      `SELECT ${SETTING_COLUMNS} FROM report_settings ORDER BY effective_from DESC, id DESC`,
    );
    return rows;
  }

  /**
   * Adds a setting from `from` (YYYY-MM-DD) and closes the one in force then (as `settingOn` finds it)
   * on the day before, in one
   * transaction (the table is locked: two additions never overlap); undefined when `from` is not after
   * the last setting's start (history is never rewritten).
   */
  async addSetting(setting: {
    from: string;
    countPausedInProgress: boolean;
    criticismFrom: number;
    disciplineFrom: number;
    criticismsForDiscipline: number;
    basis: string;
  }): Promise<SettingRow | undefined> {
    return this.db.transaction(async (sql) => {
      await sql(`LOCK TABLE report_settings IN SHARE ROW EXCLUSIVE MODE`);
      const later = await sql(`SELECT 1 FROM report_settings WHERE effective_from >= $1::date LIMIT 1`, [
        setting.from,
      ]);
      if (later.rowCount > 0) return undefined;
      await sql(
        `UPDATE report_settings SET effective_to = $1::date - 1
          WHERE id = (SELECT id FROM report_settings
                       WHERE effective_from < $1::date AND (effective_to IS NULL OR effective_to >= $1::date)
                       ORDER BY effective_from DESC, id DESC LIMIT 1)`,
        [setting.from],
      );
      const { rows } = await sql<SettingRow>(
        `INSERT INTO report_settings (effective_from, count_paused_in_progress, criticism_from, discipline_from, criticisms_for_discipline, basis)
         VALUES ($1::date, $2, $3, $4, $5, $6) RETURNING ${SETTING_COLUMNS}`,
        [
          setting.from,
          setting.countPausedInProgress,
          setting.criticismFrom,
          setting.disciplineFrom,
          setting.criticismsForDiscipline,
          setting.basis,
        ],
      );
      return rows[0];
    });
  }

  /** The open top-level dossiers now: how many, due soon, overdue (the sweep's marks). */
  async now(
    units: readonly string[] | null,
    procedure: string | null,
  ): Promise<{ open: number; due_soon: number; overdue: number }> {
    const { rows } = await this.read.query<{ open: number; due_soon: number; overdue: number }>(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE d.deadline_status = 'due_soon')::int AS due_soon,
              count(*) FILTER (WHERE d.deadline_status = 'overdue')::int AS overdue
         FROM dossiers d
        WHERE d.status = 'active' AND d.parent_id IS NULL
          AND ($1::text[] IS NULL OR d.receiving_unit = ANY($1::text[])) AND ($2::text IS NULL OR d.definition_key = $2)`,
      [units, procedure],
    );
    return rows[0] ?? { open: 0, due_soon: 0, overdue: 0 };
  }

  /** The open dossiers due soon or overdue now (as `now` counts them), in order of reception. */
  async nowDossiers(
    units: readonly string[] | null,
    procedure: string | null,
    deadline: 'due_soon' | 'overdue',
    after: { receivedAt: string; id: string } | null,
    limit: number,
  ): Promise<ReportDossierRow[]> {
    const { rows } = await this.read.query<ReportDossierRow>(
      `SELECT r.dossier_id, r.code, r.unit, r.definition_key, r.channel, r.received_at, r.ended_at, r.end_kind, r.outcome,
              r.due_at, r.overdue_at, r.extended
         FROM dossiers d JOIN report_dossiers r ON r.dossier_id = d.id
        WHERE d.status = 'active' AND d.parent_id IS NULL AND d.deadline_status = $3
          AND ($1::text[] IS NULL OR d.receiving_unit = ANY($1::text[])) AND ($2::text IS NULL OR d.definition_key = $2)
          AND ($4::timestamptz IS NULL OR (r.received_at, r.dossier_id) > ($4::timestamptz, $5::uuid))
        ORDER BY r.received_at, r.dossier_id LIMIT $6`,
      [units, procedure, deadline, after?.receivedAt ?? null, after?.id ?? null, limit],
    );
    return rows;
  }

  /** The unit and every unit below it in the units table. */
  async unitTree(code: string): Promise<string[]> {
    const { rows } = await this.read.query<{ code: string }>(
      `WITH RECURSIVE sub AS (SELECT code, 1 AS depth FROM units WHERE code = $1
         UNION ALL SELECT u.code, sub.depth + 1 FROM units u JOIN sub ON u.parent_code = sub.code WHERE sub.depth < 50)
       SELECT code FROM sub`,
      [code],
    );
    return rows.map((r) => r.code);
  }

  async unitNames(codes: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.read.query<{ code: string; name: string }>(
      `SELECT code, name FROM units WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /**
   * Steps by unit or officer: finished in [start, end) with their outcomes and time against the
   * allotted time, and those open at the end (and past due then, or `now` for a period not over: a
   * step due tomorrow is not overdue yet). The steps ended before the watermark are never open at a
   * future end, so their flows need no such care.
   */
  async steps(scope: ReportScope, groupBy: StepReportGroupBy, now: Date): Promise<StepRow[]> {
    // '' for no officer on both sides (a full join needs an equality); null again in the answer
    const key = groupBy === 'unit' ? 't.unit' : `coalesce(t.completed_by, t.assignee, '')`;
    const dayKey = groupBy === 'unit' ? 's.unit' : 's.officer';
    const [fromHint, beforeHint] = sinceWatermark('e.completed_at', '$2', '$6');
    const { rows } = await this.read.query<StepRow>(
      `WITH fin AS (
         SELECT ${dayKey} AS key, sum(s.finished)::int AS finished, sum(s.early)::int AS early, sum(s.on_time)::int AS on_time,
                sum(s.late)::int AS late, sum(s.worked_minutes)::int AS worked_minutes, sum(s.allotted_minutes)::int AS allotted_minutes
           FROM ${STEP_DAYS('$1', '$2', '$6')} s
          WHERE ($3::text[] IS NULL OR s.unit = ANY($3::text[])) AND ($4::text IS NULL OR s.procedure = $4)
          GROUP BY 1),
       -- open at the end: the flows of the steps ended before the watermark, then from tasks those
       -- ended since and those still open (an open step has no completed_at: every end sets it)
       open AS (
         SELECT key, sum(open)::int AS open, sum(open_overdue)::int AS open_overdue FROM (
           SELECT ${dayKey} AS key, sum(s.started - s.ended) AS open, sum(s.overdue_from - s.overdue_to) AS open_overdue
             FROM report_step_flows s
            WHERE s.day < ${VN_DAY('$2')}
              AND ($3::text[] IS NULL OR s.unit = ANY($3::text[])) AND ($4::text IS NULL OR s.procedure = $4)
            GROUP BY 1
           UNION ALL
           SELECT ${key} AS key, count(*) AS open, count(*) FILTER (WHERE t.due_at < least($2, $5::timestamptz)) AS open_overdue
             FROM (SELECT * FROM tasks e WHERE ${fromHint}
                   UNION ALL SELECT * FROM tasks e WHERE ${beforeHint}
                   UNION ALL SELECT * FROM tasks a WHERE a.status = 'active' AND a.completed_at IS NULL) t
            WHERE t.unit IS NOT NULL AND t.created_at < $2
              AND ($3::text[] IS NULL OR t.unit = ANY($3::text[]))
              AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = t.dossier_id AND d.definition_key = $4))
            GROUP BY 1) o
          GROUP BY 1 HAVING sum(open) > 0)
       SELECT nullif(coalesce(f.key, o.key), '') AS key, coalesce(f.finished, 0) AS finished, coalesce(f.early, 0) AS early,
              coalesce(f.on_time, 0) AS on_time, coalesce(f.late, 0) AS late, coalesce(f.worked_minutes, 0) AS worked_minutes,
              coalesce(f.allotted_minutes, 0) AS allotted_minutes, coalesce(o.open, 0) AS open, coalesce(o.open_overdue, 0) AS open_overdue
         FROM fin f FULL JOIN open o ON o.key = f.key
        ORDER BY 1 NULLS LAST`,
      [scope.start, scope.end, scope.units, scope.procedure, now, await this.watermarkHint()],
    );
    return rows;
  }

  /**
   * Units (or officers) whose steps finished in [start, end) include late ones: finished, late, the
   * months since `yearStart` at the criticism level [criticismFrom, disciplineFrom), and the apologies
   * they gave in the period.
   */
  async lateLines(
    by: 'unit' | 'officer',
    scope: { start: Date; end: Date; yearStart: Date; units: readonly string[] | null },
    criticismFrom: number,
    disciplineFrom: number,
  ): Promise<LateLineRow[]> {
    const key = by === 'unit' ? 's.unit' : 's.officer';
    const apologyKey = by === 'unit' ? `e.data->>'unit'` : 'e.actor';
    const { rows } = await this.read.query<LateLineRow>(
      `WITH monthly AS (
         SELECT ${key} AS key, s.unit, date_trunc('month', s.day) AS month,
                sum(s.finished)::int AS finished, sum(s.late)::int AS late
           FROM ${STEP_DAYS('$3', '$2', '$7')} s
          WHERE ${key} <> '' AND ($4::text[] IS NULL OR s.unit = ANY($4::text[]))
          GROUP BY 1, 2, 3),
       rated AS (SELECT *, 100.0 * late / finished AS rate FROM monthly),
       criticised AS (SELECT key, unit, count(*) FILTER (WHERE rate >= $5 AND rate < $6)::int AS criticisms
                        FROM rated GROUP BY key, unit),
       apologised AS (SELECT ${apologyKey} AS key, count(*)::int AS apologies FROM deadline_events e
                       WHERE e.kind = 'extended' AND e.at >= $1 AND e.at < $2 GROUP BY 1)
       SELECT r.key, r.unit, r.finished, r.late, c.criticisms, coalesce(a.apologies, 0) AS apologies
         FROM rated r
         JOIN criticised c ON c.key = r.key AND c.unit = r.unit
         LEFT JOIN apologised a ON a.key = r.key
        WHERE r.month = date_trunc('month', $1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh') AND r.late > 0
        ORDER BY r.rate DESC, r.late DESC, r.key`,
      [
        scope.start,
        scope.end,
        scope.yearStart,
        scope.units,
        criticismFrom,
        disciplineFrom,
        await this.watermarkHint(),
      ],
    );
    return rows;
  }

  /** The late steps finished in [start, end) of a unit or an officer, with the dossier's apology. */
  async lateSteps(
    scope: { start: Date; end: Date; units: readonly string[] | null },
    unit: string | null,
    officer: string | null,
    after: { finishedAt: string; id: string } | null,
    limit: number,
  ): Promise<LateStepRow[]> {
    const { rows } = await this.read.query<LateStepRow>(
      `SELECT t.id, t.dossier_id, d.code, t.node_id, t.name, t.unit, t.completed_by, t.due_at, t.completed_at,
              e.at AS apology_at, e.new_due_at AS apology_new_due_at, e.reason AS apology_reason, e.data->>'unit' AS apology_unit
         FROM tasks t
         JOIN dossiers d ON d.id = t.dossier_id
         LEFT JOIN LATERAL (SELECT * FROM deadline_events x WHERE x.dossier_id = t.dossier_id AND x.kind = 'extended'
                             ORDER BY x.id LIMIT 1) e ON true
        WHERE t.status = 'completed' AND t.outcome = 'late' AND t.completed_at >= $1 AND t.completed_at < $2
          AND ($3::text[] IS NULL OR t.unit = ANY($3::text[]))
          AND ($4::text IS NULL OR t.unit = $4) AND ($5::text IS NULL OR t.completed_by = $5)
          AND ($6::timestamptz IS NULL OR (t.completed_at, t.id) > ($6::timestamptz, $7::uuid))
        ORDER BY t.completed_at, t.id LIMIT $8`,
      [
        scope.start,
        scope.end,
        scope.units,
        unit,
        officer,
        after?.finishedAt ?? null,
        after?.id ?? null,
        limit,
      ],
    );
    return rows;
  }

  /**
   * Adds the finished steps of the days before `until` (YYYY-MM-DD, Vietnam) not rolled up yet to
   * report_step_days and moves the watermark there, in one transaction (one at a time: the watermark's
   * row lock); the number of step-day rows added (0 when `until` is not past the watermark).
   */
  async rollUpSteps(until: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT lt_report_steps_roll($1::date)::text AS n`, [
      until,
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  /** The first instant of the watermark, as the readers' planning hint (null: nothing rolled up). */
  private async watermarkHint(): Promise<Date | null> {
    const { rows } = await this.read.query<{ at: Date }>(
      `SELECT rolled_until::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at FROM report_step_rollup
        WHERE id = 1 AND rolled_until > '-infinity'`,
    );
    return rows[0]?.at ?? null;
  }

  /** The first Vietnam day (YYYY-MM-DD) not rolled up; null when none is. */
  async stepsRolledUntil(): Promise<string | null> {
    const { rows } = await this.db.query<{ day: string }>(
      `SELECT to_char(rolled_until, 'YYYY-MM-DD') AS day FROM report_step_rollup WHERE id = 1 AND rolled_until > '-infinity'`,
    );
    return rows[0]?.day ?? null;
  }

  /**
   * Refills report_dossiers from dossiers and deadline_events, and report_step_days (the days before
   * its watermark) from tasks, in one statement; the number of dossiers.
   */
  async rebuild(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT lt_report_rebuild()::text AS n, lt_report_steps_rebuild() AS step_days`,
    );
    return Number(rows[0]?.n ?? 0);
  }
}

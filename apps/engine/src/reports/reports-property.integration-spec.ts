import fc from 'fast-check';
import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type {
  DossierDto,
  PageDto,
  Report06aDto,
  LateListDto,
  Report06aFigure,
  ReportDossierDto,
  StepReportDto,
} from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { startTestApp, type TestApp } from '../testing/test-app';
import { FIGURE_NAMES } from './reports.dto';
import { ReportsRepository } from './reports.repository';
import { vnDayStart } from './reports.service';

jest.setTimeout(300_000);

const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="receive" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:allottedTime="4h"/>
   <userTask id="review" name="Thẩm định" lt:unit="DTP-VPDK-CL" lt:allottedTime="1d"/>
   <userTask id="tax" name="Thuế" lt:unit="DTP-THUE-1" lt:allottedTime="1d"/>
   <endEvent id="e"/>
   ${chain('s', 'receive', 'review', 'tax', 'e')}`,
  { id: 'ngau-nhien', attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="2d"' },
);
const STEPS = ['receive', 'review', 'tax'];
const HOUR = 3_600_000;

/**
 * One dossier's random history: when it arrives, how long each step takes, then what happens to it
 * (withdrawn, paused, stopped by the agency; or refused at reception instead of received).
 */
const historyArb = fc.record({
  arrivalHours: fc.integer({ min: 0, max: 40 * 24 }),
  channel: fc.constantFrom('desk' as const, 'online' as const),
  stepHours: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }),
  then: fc.constantFrom(
    'nothing' as const,
    'cancel' as const,
    'pause' as const,
    'stop' as const,
    'refuse' as const,
  ),
  thenAfterHours: fc.integer({ min: 1, max: 48 }),
});

interface Raw {
  code: string;
  channel: string;
  status: string;
  created_at: Date;
  ended_at: Date | null;
  outcome: string | null;
  extended: boolean;
  due: Date | null;
  overdue_due: Date | null;
  paused_kinds: Array<{ kind: string; at: string }> | null;
}

/** The figures recounted in TypeScript from dossiers and deadline_events (not from report_dossiers). */
function recount(rows: Raw[], start: Date, end: Date): Record<Report06aFigure, Set<string>> {
  const sets = Object.fromEntries(FIGURE_NAMES.map((f) => [f, new Set<string>()])) as Record<
    Report06aFigure,
    Set<string>
  >;
  for (const r of rows) {
    if (r.created_at >= end || (r.ended_at !== null && r.ended_at < start)) continue;
    const add = (...figures: Report06aFigure[]) => figures.forEach((f) => sets[f].add(r.code));
    add('total');
    if (r.created_at >= start)
      add('received', r.channel === 'online' ? 'receivedOnline' : 'receivedDeskOrPostal');
    else add('carriedOver');
    if (r.ended_at !== null && r.ended_at < end) {
      if (r.status === 'cancelled') add('withdrawn');
      if (r.status === 'refused') add('refused');
      if (r.status === 'stopped') add('stopped');
      if (r.status === 'completed') {
        add('resolved');
        if (r.outcome === 'early') add('resolvedEarly');
        else if (r.outcome === 'late') add('resolvedLate');
        else add('resolvedOnTime');
      }
      continue;
    }
    const overdueSince = r.overdue_due ?? (r.outcome === 'late' ? r.due : null);
    const overdue =
      (overdueSince !== null && overdueSince < end) || (r.extended && r.due !== null && r.due < end);
    add('inProgress', overdue ? 'inProgressOverdue' : 'inProgressWithinTime');
  }
  return sets;
}

describe('statistics on random histories', () => {
  let t: TestApp;
  let clock: Clock;
  let run = 0;

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    clock = t.app.get(Clock);
    const d = await t.api.post<{ key: string; version: number }>('/definitions', PROCEDURE);
    await t.api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function play(origin: number, h: HistoryValue) {
    let at = origin + h.arrivalHours * HOUR;
    clock.set(new Date(at));
    if (h.then === 'refuse') {
      const refused = await t.as('DTP-TTHCC', ['reception']).post('/dossiers/refusals', {
        definitionKey: 'ngau-nhien',
        applicant: { name: 'Nguyễn Văn Từ Chối' },
        channel: h.channel,
        reasons: ['Ngẫu nhiên'],
      });
      expect(refused.status).toBe(201);
      return;
    }
    const res = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: 'ngau-nhien',
      applicant: { name: 'Nguyễn Văn Ngẫu Nhiên' },
      channel: h.channel,
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    for (const [i, hours] of h.stepHours.entries()) {
      at += hours * HOUR;
      clock.set(new Date(at));
      const now = await t.api.get<DossierDto>(`/dossiers/${id}`);
      const step = now.body.activeSteps.find((s) => s.nodeId === STEPS[i]);
      expect((await t.api.post(`/tasks/${step?.taskId}/complete`, {})).status).toBe(200);
    }
    if (h.stepHours.length === STEPS.length || h.then === 'nothing') return;
    clock.set(new Date(at + h.thenAfterHours * HOUR));
    expect((await t.api.post(`/dossiers/${id}/${h.then}`, { reason: 'Ngẫu nhiên' })).status).toBe(200);
  }

  /**
   * Plays the histories from 1 March of `year` (then sweeps 60 days later); the Vietnam date of a day
   * of that March on, and the period of `days` days from day `fromDay`.
   */
  async function playYear(year: number, histories: HistoryValue[], fromDay: number, days: number) {
    const origin = vnDayStart(`${year}-03-01`).getTime() + 8 * HOUR;
    for (const h of histories) await play(origin, h);
    clock.set(new Date(origin + 60 * 24 * HOUR));
    await t.api.put('/test/sweep', {});
    const day = (n: number) =>
      new Date(vnDayStart(`${year}-03-01`).getTime() + n * 24 * HOUR + 7 * HOUR).toISOString().slice(0, 10);
    return { day, from: day(fromDay), to: day(fromDay + days - 1) };
  }

  async function drillCount(query: string): Promise<number> {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page: { body: PageDto<ReportDossierDto> } = await t.api.get<PageDto<ReportDossierDto>>(
        `/reports/06a/dossiers?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      n += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    return n;
  }

  it('gives every figure the count of its drill-down and of a recount from the history', async () => {
    const seen = { total: 0, resolved: 0, inProgress: 0, withdrawn: 0, refused: 0, stopped: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyArb, { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 25 }),
        async (histories, fromDay, days) => {
          // each run in a year of its own
          const { from, to } = await playYear(2030 + run++, histories, fromDay, days);
          const period = `from=${from}&to=${to}&procedure=ngau-nhien`;
          const report = (await t.api.get<Report06aDto>(`/reports/06a?${period}`)).body;
          const raw = (await t.query(
            `SELECT d.code, d.channel, d.status, d.created_at, d.ended_at, d.outcome, d.extension IS NOT NULL AS extended,
                    coalesce((d.extension->>'previousDueAt')::timestamptz, d.due_at) AS due,
                    (SELECT coalesce(e.previous_due_at, e.at) FROM deadline_events e
                      WHERE e.dossier_id = d.id AND e.kind = 'overdue' AND e.task_id IS NULL ORDER BY e.id LIMIT 1) AS overdue_due
               FROM dossiers d WHERE d.definition_key = 'ngau-nhien' AND d.parent_id IS NULL`,
          )) as Raw[];
          const expected = recount(raw, vnDayStart(from), new Date(vnDayStart(to).getTime() + 24 * HOUR));
          const t0 = report.totals;
          expect(t0.total).toBe(
            t0.resolved + t0.inProgress + t0.pausedUncounted + t0.withdrawn + t0.refused + t0.stopped,
          );
          expect(t0.total).toBe(t0.received + t0.carriedOver);
          for (const figure of FIGURE_NAMES) {
            expect([figure, await drillCount(`${period}&figure=${figure}`)]).toEqual([figure, t0[figure]]);
            if (!figure.startsWith('late') && figure !== 'pausedUncounted') {
              expect([figure, t0[figure]]).toEqual([figure, expected[figure].size]);
            }
          }
          expect(t0.lateInsideLead + t0.lateOtherAgency + t0.lateApplicant).toBe(t0.resolvedLate);
          seen.total += t0.total;
          seen.resolved += t0.resolved;
          seen.inProgress += t0.inProgress;
          seen.withdrawn += t0.withdrawn;
          seen.refused += t0.refused;
          seen.stopped += t0.stopped;
        },
      ),
      {
        numRuns: 5,
        // One history that surely reaches every kind of figure (besides the random ones): resolved,
        // in progress at the period's end, withdrawn, refused, stopped. The check below then never
        // depends on the seed.
        examples: [
          [
            [
              { arrivalHours: 2, channel: 'desk', stepHours: [1, 1, 1], then: 'nothing', thenAfterHours: 1 },
              { arrivalHours: 5, channel: 'online', stepHours: [1], then: 'nothing', thenAfterHours: 1 },
              { arrivalHours: 10, channel: 'desk', stepHours: [], then: 'cancel', thenAfterHours: 2 },
              { arrivalHours: 12, channel: 'online', stepHours: [], then: 'refuse', thenAfterHours: 1 },
              { arrivalHours: 14, channel: 'desk', stepHours: [2], then: 'stop', thenAfterHours: 3 },
            ],
            0,
            25,
          ],
        ],
      },
    );
    // the random histories did reach the periods
    expect(Object.keys(seen)).toHaveLength(6);
    expect(Math.min(...Object.values(seen))).toBeGreaterThan(0);
  });

  it('gives the steps report and the late list the counts of the steps, whatever day the step days are rolled up to', async () => {
    const repository = t.app.get(ReportsRepository);
    let stepsSeen = 0;
    let lateSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyArb, { minLength: 3, maxLength: 10 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 26 }),
        async (histories, fromDay, days, rolledAt) => {
          // each run in a year of its own, after those of the other test: the watermark only moves on
          const year = 2050 + run++;
          const { day, from, to } = await playYear(year, histories, fromDay, days);
          const start = vnDayStart(from);
          const end = new Date(vnDayStart(to).getTime() + 24 * HOUR);
          // the period starts in March: the late list of March
          const month = `${year}-03`;
          const answers = async () => ({
            units: (
              await t.api.get<StepReportDto>(
                `/reports/steps?from=${from}&to=${to}&procedure=ngau-nhien&groupBy=unit`,
              )
            ).body.rows,
            officers: (
              await t.api.get<StepReportDto>(
                `/reports/steps?from=${from}&to=${to}&procedure=ngau-nhien&groupBy=officer`,
              )
            ).body.rows,
            late: (await t.api.get<LateListDto>(`/reports/late-list?month=${month}`)).body,
          });
          const steps = (await t.query(
            `SELECT t.unit, coalesce(t.completed_by, t.assignee, '') AS officer, t.status, t.created_at, t.completed_at, t.outcome,
                    t.allotted_time, t.worked_minutes, t.due_at
               FROM tasks t JOIN dossiers d ON d.id = t.dossier_id WHERE d.definition_key = 'ngau-nhien'`,
          )) as StepRaw[];
          const expected = {
            units: recountSteps(steps, start, end, (r) => r.unit ?? ''),
            officers: recountSteps(steps, start, end, (r) => r.officer),
          };
          const monthStart = vnDayStart(`${month}-01`);
          const monthEnd = vnDayStart(`${year}-04-01`);

          // nothing of this year rolled up, then the watermark inside the period, then after it
          const unrolled = await answers();
          await repository.rollUpSteps(day(fromDay + Math.min(rolledAt, days)));
          const inside = await answers();
          await repository.rollUpSteps(day(70));
          const after = await answers();
          expect(inside).toEqual(unrolled);
          expect(after).toEqual(unrolled);

          const byKey = (rows: StepReportDto['rows']) =>
            Object.fromEntries(
              rows.map((r) => [
                r.key,
                [
                  r.finished,
                  r.early,
                  r.onTime,
                  r.late,
                  r.workedMinutes,
                  r.allottedMinutes,
                  r.open,
                  r.openOverdue,
                ],
              ]),
            );
          expect(byKey(unrolled.units)).toEqual(expected.units);
          expect(byKey(unrolled.officers)).toEqual(expected.officers);
          // the late list of the period's first month: units with late steps, their finished and late steps
          const monthly = recountSteps(steps, monthStart, monthEnd, (r) => r.unit ?? '');
          expect(Object.fromEntries(unrolled.late.units.map((l) => [l.key, [l.finished, l.late]]))).toEqual(
            Object.fromEntries(
              Object.entries(monthly)
                .filter(([, v]) => v[3]! > 0)
                .map(([k, v]) => [k, [v[0], v[3]]]),
            ),
          );
          stepsSeen += unrolled.units.reduce((n, r) => n + r.finished, 0);
          lateSeen += unrolled.late.units.length;
        },
      ),
      {
        numRuns: 4,
        examples: [
          [
            [
              {
                arrivalHours: 2,
                channel: 'desk',
                stepHours: [1, 30, 40],
                then: 'nothing',
                thenAfterHours: 1,
              },
              { arrivalHours: 30, channel: 'online', stepHours: [2, 50], then: 'nothing', thenAfterHours: 1 },
              { arrivalHours: 200, channel: 'desk', stepHours: [3], then: 'stop', thenAfterHours: 3 },
            ],
            0,
            20,
            5,
          ],
        ],
      },
    );
    // steps and late steps did reach the periods
    expect(stepsSeen).toBeGreaterThan(0);
    expect(lateSeen).toBeGreaterThan(0);
  });
});

interface StepRaw {
  unit: string | null;
  officer: string;
  status: string;
  created_at: Date;
  completed_at: Date | null;
  outcome: string | null;
  allotted_time: string | null;
  worked_minutes: number | null;
  due_at: Date | null;
}

/** Working minutes of an allotted time (`4h`, `1d`, `30m`, `1d4h`). */
function allottedMinutes(a: string): number {
  const part = (unit: string) => Number(new RegExp(`([0-9.]+)${unit}`).exec(a)?.[1] ?? 0);
  return Math.round(part('d') * 480 + part('h') * 60 + part('m'));
}

/**
 * The steps report recounted in TypeScript from the steps: per key, finished in [start, end) (early,
 * on time, late, worked and allotted minutes) and open at the end (overdue).
 */
function recountSteps(
  rows: StepRaw[],
  start: Date,
  end: Date,
  key: (r: StepRaw) => string,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of rows) {
    if (r.unit === null) continue;
    const finished =
      r.status === 'completed' && r.completed_at !== null && r.completed_at >= start && r.completed_at < end;
    const open = r.created_at < end && (r.completed_at === null || r.completed_at >= end);
    if (!finished && !open) continue;
    const k = key(r);
    const v = (out[k] ??= [0, 0, 0, 0, 0, 0, 0, 0]);
    if (finished) {
      v[0]! += 1;
      if (r.outcome === 'early') v[1]! += 1;
      else if (r.outcome === 'late') v[3]! += 1;
      else v[2]! += 1;
      if (r.allotted_time !== null) {
        v[4]! += r.worked_minutes ?? 0;
        v[5]! += allottedMinutes(r.allotted_time);
      }
    }
    if (open) {
      v[6]! += 1;
      if (r.due_at !== null && r.due_at < end) v[7]! += 1;
    }
  }
  return out;
}

type HistoryValue = {
  arrivalHours: number;
  channel: 'desk' | 'online';
  stepHours: number[];
  then: 'nothing' | 'cancel' | 'pause' | 'stop' | 'refuse';
  thenAfterHours: number;
};

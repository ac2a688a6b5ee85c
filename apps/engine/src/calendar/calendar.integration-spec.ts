import { DEFAULT_OFFICIAL_DECISIONS, WorkingCalendar, parseWorkingDuration } from '@lienthong/calendar';
import { type Subscription } from 'rxjs';
// Test support (one PostgreSQL per test run, a fresh database per file) lives outside the Nx projects.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { BACK_OFFICE_USER } from '../testing/test-app';
import { CalendarModule } from './calendar.module';
import { CalendarService, type CalendarChange } from './calendar.service';

jest.setTimeout(60_000);

type Json = Record<string, unknown>;

/** A made-up placement of Tết 2027 (no official text yet): off Fri 5/2 - Sun 14/2, Friday 12/2 swapped with Saturday 20/2. */
const TET_2027 = {
  id: '2027-tet',
  year: 2027,
  covers: ['tet'],
  name: 'Nghỉ Tết Nguyên đán',
  daysOff: { from: '2027-02-05', to: '2027-02-14' },
  workingDays: [{ date: '2027-02-20', replaces: '2027-02-12' }],
  sources: [
    {
      issuer: 'Kiểm thử',
      number: '0/TEST',
      date: '2026-11-01',
      title: 'Phương án giả định để kiểm thử',
    },
  ],
  unverified: true,
  note: 'Giả định, không phải văn bản thật.',
};

async function count(
  t: TestApp,
  table: 'calendar_decisions' | 'calendar_changes' | 'calendar_recomputations',
): Promise<number> {
  const rows = (await t.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>;
  return rows[0].n;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('calendar: the working calendar in force, its API and its decisions', () => {
  let t: TestApp;
  let other: TestApp;
  let calendar: CalendarService;
  let otherCalendar: CalendarService;
  const events: CalendarChange[] = [];
  const otherEvents: CalendarChange[] = [];
  const subscriptions: Subscription[] = [];
  const defaultVersion = new WorkingCalendar().version;

  beforeAll(async () => {
    t = await startTestApp({ imports: [CalendarModule] });
    // A second engine process on the same database.
    other = await startTestApp({ databaseUrl: t.databaseUrl, imports: [CalendarModule] });
    calendar = t.app.get(CalendarService);
    otherCalendar = other.app.get(CalendarService);
    subscriptions.push(calendar.changes$.subscribe((change) => events.push(change)));
    subscriptions.push(otherCalendar.changes$.subscribe((change) => otherEvents.push(change)));
  });
  afterAll(async () => {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await other?.close();
    await t?.close();
  });

  describe('with the decisions shipped with the engine', () => {
    it('starts from the library data while nothing is stored', () => {
      expect(calendar.source).toBe('default');
      expect(calendar.version).toBe(defaultVersion);
      expect(calendar.current().decisionsVersion).toBe(DEFAULT_OFFICIAL_DECISIONS.version);
      expect(calendar.listening).toBe(true);
      expect(otherCalendar.version).toBe(defaultVersion);
    });

    it('lists the holidays of 2026: Tết 14/2-22/2 and the working Saturday 22/8', async () => {
      const res = await t.api.get<Json>('/calendar/holidays?year=2026');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: 2026, calendarVersion: defaultVersion });
      const holidays = res.body['holidays'] as Array<Json>;
      const tet = holidays.filter((h) => h['holiday'] === 'tet').map((h) => h['date']);
      expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
      expect(holidays).toContainEqual({
        date: '2026-02-16',
        name: 'Tết Nguyên đán',
        kind: 'holiday',
        holiday: 'tet',
      });
      expect(holidays).toContainEqual(
        expect.objectContaining({
          date: '2026-08-31',
          kind: 'official-decision',
          decisionId: '2026-national-day',
          source: '109/TB-UBND',
        }),
      );
      expect(res.body['breaks']).toContainEqual(
        expect.objectContaining({ decisionId: '2026-tet', from: '2026-02-14', to: '2026-02-22' }),
      );
      expect(res.body['workingSaturdays']).toContainEqual(
        expect.objectContaining({
          date: '2026-08-22',
          replaces: '2026-08-31',
          decisionId: '2026-national-day',
          name: 'Ngày làm bù cho ngày 31/08/2026',
        }),
      );
    });

    it('adds working time across Tết 2026 to the minute', async () => {
      const from = '2026-02-13T09:00:00+07:00';
      // The library, first: the Friday before Tết plus one working day is the Monday after it.
      const lib = new WorkingCalendar();
      expect(lib.addWorkingTime(new Date(from), parseWorkingDuration('1d')).toISOString()).toBe(
        '2026-02-23T02:00:00.000Z',
      );

      const res = await t.api.get<Json>(`/calendar/add?from=${encodeURIComponent(from)}&duration=1d`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        from: '2026-02-13T02:00:00.000Z',
        duration: '1d',
        minutes: 480,
        result: '2026-02-23T02:00:00.000Z', // 09:00 in Vietnam
        calendarVersion: defaultVersion,
      });
      // an unencoded + (read as a space) is understood
      const raw = await t.api.get<Json>(`/calendar/add?from=2026-02-13T16:30:00+07:00&duration=1h`);
      expect(raw.status).toBe(200);
      expect(raw.body['result']).toBe('2026-02-23T01:00:00.000Z'); // 30 min on Friday, 30 min on Monday: 08:00

      const cutoff = await t.api.get<Json>(
        `/calendar/add?from=${encodeURIComponent('2026-02-12T15:30:00+07:00')}&duration=4h30m&cutoff=15:00`,
      );
      expect(cutoff.status).toBe(200);
      expect(cutoff.body).toMatchObject({
        countingStart: '2026-02-13T00:30:00.000Z', // Friday 07:30
        result: '2026-02-13T06:30:00.000Z', // Friday 13:30 (lunch break skipped)
      });
      const none = await t.api.get<Json>(
        `/calendar/add?from=${encodeURIComponent('2026-02-12T15:30:00+07:00')}&duration=30m&cutoff=none`,
      );
      expect(none.body).toMatchObject({
        countingStart: '2026-02-12T08:30:00.000Z',
        result: '2026-02-12T09:00:00.000Z',
      });
    });

    it('measures working time between two instants', async () => {
      const q = (from: string, to: string) =>
        `/calendar/between?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const res = await t.api.get<Json>(q('2026-02-13T09:00:00+07:00', '2026-02-23T13:30:00+07:00'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        from: '2026-02-13T02:00:00.000Z',
        to: '2026-02-23T06:30:00.000Z',
        minutes: 390 + 240 + 30, // Friday 09:00-17:00, Monday 07:30-13:30
        duration: '1d3h',
        calendarVersion: defaultVersion,
      });
      const back = await t.api.get<Json>(q('2026-02-23T09:00:00+07:00', '2026-02-13T09:00:00+07:00'));
      expect(back.body).toMatchObject({ minutes: -480, duration: '-1d' });
    });

    it('lists the decisions of a year with the data version', async () => {
      const res = await t.api.get<Json>('/calendar/decisions?year=2026');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        year: 2026,
        source: 'default',
        decisionsVersion: DEFAULT_OFFICIAL_DECISIONS.version,
        calendarVersion: defaultVersion,
      });
      expect((res.body['decisions'] as Json[]).map((d) => d['id'])).toEqual([
        '2026-new-year',
        '2026-tet',
        '2026-national-day',
      ]);
      const none = await t.api.get<Json>('/calendar/decisions?year=2031');
      expect(none.body['decisions']).toEqual([]);
    });
  });

  it('documents the API in OpenAPI', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs-json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, Json>>; components: Json };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/calendar/holidays',
        '/api/v1/calendar/add',
        '/api/v1/calendar/between',
        '/api/v1/calendar/decisions',
        '/api/v1/calendar/decisions/{year}',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/calendar/decisions/{year}'])).toContain('put');
    expect(Object.keys(doc.components['schemas'] as Json)).toEqual(
      expect.arrayContaining(['OfficialDecisionDto', 'ReplaceDecisionsBody', 'CalendarHolidaysResponse']),
    );
  });

  describe('bad input', () => {
    const bad400: Array<[string, string]> = [
      ['/calendar/holidays', 'year'],
      ['/calendar/holidays?year=abc', 'year'],
      ['/calendar/holidays?year=1999', 'year'],
      ['/calendar/holidays?year=2101', 'year'],
      ['/calendar/holidays?year=2026.5', 'year'],
      ['/calendar/decisions?year=', 'year'],
      ['/calendar/add?duration=1d', 'from'],
      ['/calendar/add?from=2026-02-13T09:00:00&duration=1d', 'from'],
      ['/calendar/add?from=2026-02-30T09:00:00Z&duration=1d', 'from'],
      ['/calendar/add?from=tomorrow&duration=1d', 'from'],
      ['/calendar/add?from=2026-02-13T09:00:00Z&duration=4h1d', 'Invalid working duration'],
      ['/calendar/add?from=2026-02-13T09:00:00Z&duration=P1D', 'Invalid working duration'],
      ['/calendar/add?from=2026-02-13T09:00:00Z&duration=-1d', 'Invalid working duration'],
      ['/calendar/add?from=2026-02-13T09:00:00Z&duration=1d&cutoff=late', 'cutoff'],
      ['/calendar/add?from=2101-01-05T09:00:00Z&duration=1d', 'outside the supported years'],
      ['/calendar/add?from=2100-12-31T09:00:00Z&duration=2d', 'outside the supported years'],
      ['/calendar/add?from=1999-12-31T09:00:00Z&duration=0m', 'outside the supported years'],
      ['/calendar/between?from=2026-02-13T09:00:00Z', 'to'],
      ['/calendar/between?from=2026-02-13T09:00:00Z&to=2026-02-13', 'to'],
    ];
    it.each(bad400)('GET %s is a 400 problem naming %s', async (path, cause) => {
      const res = await t.api.get<Json>(path);
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).toContain(cause);
    });

    const invalidDecision = (patch: Json) => ({ ...TET_2027, ...patch });
    const bad: Array<[string, string, unknown, number, string]> = [
      ['a year out of range', '/calendar/decisions/1999', { decisions: [] }, 400, 'year'],
      ['a year that is no number', '/calendar/decisions/next', { decisions: [] }, 400, 'numeric'],
      ['no decisions', '/calendar/decisions/2027', { reason: 'x' }, 400, 'decisions'],
      ['decisions not an array', '/calendar/decisions/2027', { decisions: { a: 1 } }, 400, 'decisions'],
      ['an unknown field', '/calendar/decisions/2027', { decisions: [], extra: 1 }, 400, 'extra'],
      [
        'a reason too long',
        '/calendar/decisions/2027',
        { decisions: [], reason: 'x'.repeat(1001) },
        400,
        'reason',
      ],
      [
        'an impossible date',
        '/calendar/decisions/2027',
        { decisions: [invalidDecision({ daysOff: { from: '2027-02-30', to: '2027-03-02' } })] },
        422,
        'decisions[0].daysOff.from',
      ],
      [
        'an unknown covers key',
        '/calendar/decisions/2027',
        { decisions: [TET_2027, invalidDecision({ id: 'x', covers: ['christmas'] })] },
        422,
        'decisions[1].covers[0]',
      ],
      [
        'no source',
        '/calendar/decisions/2027',
        { decisions: [invalidDecision({ sources: [] })] },
        422,
        'decisions[0].sources',
      ],
      [
        'a decision of another year',
        '/calendar/decisions/2027',
        { decisions: [invalidDecision({ year: 2028 })] },
        422,
        'decisions[0].year',
      ],
      [
        'an id already used by another year',
        '/calendar/decisions/2027',
        { decisions: [invalidDecision({ id: '2026-tet' })] },
        422,
        'duplicate id',
      ],
      [
        'a working day inside its own break',
        '/calendar/decisions/2027',
        { decisions: [invalidDecision({ workingDays: [{ date: '2027-02-13' }] })] },
        422,
        'is a working day here but a day off',
      ],
    ];
    it.each(bad)('PUT with %s is refused and stores nothing', async (_what, path, body, status, cause) => {
      const res = await t.api.request<Json>('PUT', path, body);
      expect(res.status).toBe(status);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).toContain(cause);
      expect(await count(t, 'calendar_decisions')).toBe(0);
      expect(await count(t, 'calendar_changes')).toBe(0);
      expect(calendar.version).toBe(defaultVersion);
      expect(events).toEqual([]);
    });

    it('names the offending path in errors', async () => {
      const res = await t.api.request<Json>('PUT', '/calendar/decisions/2027', {
        decisions: [TET_2027, { ...TET_2027, id: 'b', daysOff: { from: '2027-03-10', to: '2027-03-01' } }],
      });
      expect(res.status).toBe(422);
      expect(res.body['errors']).toEqual([
        { path: 'decisions[1].daysOff', message: 'ends (2027-03-01) before it starts (2027-03-10)' },
      ]);
    });
  });

  describe('replacing the decisions of a year', () => {
    let newVersion: string;

    it('changes the calendar, records the change and tells the subscribers', async () => {
      const before = calendar.version;
      const res = await t.api.request<Json>('PUT', '/calendar/decisions/2027', {
        decisions: [TET_2027],
        reason: 'Phương án nghỉ Tết 2027 (giả định)',
      });
      expect(res.status).toBe(200);
      newVersion = calendar.version;
      expect(newVersion).not.toBe(before);
      expect(newVersion).toMatch(/^db-\d+\+cfg\.[0-9a-f]{8}$/);
      expect(calendar.source).toBe('database');
      expect(res.body).toMatchObject({
        changed: true,
        year: 2027,
        previousVersion: before,
        calendarVersion: newVersion,
        decisionsVersion: calendar.current().decisionsVersion,
      });
      expect(res.body['decisions']).toEqual([TET_2027]);
      const holidays = res.body['holidays'] as Json[];
      expect(holidays).toContainEqual(
        expect.objectContaining({ date: '2027-02-10', kind: 'official-decision', decisionId: '2027-tet' }),
      );
      // Friday 12/2 is off (given in exchange for Saturday 20/2)
      expect(holidays).toContainEqual(
        expect.objectContaining({ date: '2027-02-12', kind: 'official-decision', source: '0/TEST' }),
      );
      expect(res.body['workingSaturdays']).toEqual([
        {
          date: '2027-02-20',
          name: 'Ngày làm bù cho ngày 12/02/2027',
          replaces: '2027-02-12',
          decisionId: '2027-tet',
          source: '0/TEST',
        },
      ]);

      expect(events).toEqual([
        {
          changeId: res.body['changeId'],
          at: expect.any(Date),
          year: 2027,
          actor: BACK_OFFICE_USER,
          reason: 'Phương án nghỉ Tết 2027 (giả định)',
          previousVersion: before,
          version: newVersion,
          origin: 'local',
        },
      ]);

      const audit = (await t.query(
        `SELECT id::text, year, actor, reason, previous_version, version, decisions FROM calendar_changes`,
      )) as Json[];
      expect(audit).toEqual([
        {
          id: res.body['changeId'],
          year: 2027,
          actor: BACK_OFFICE_USER,
          reason: 'Phương án nghỉ Tết 2027 (giả định)',
          previous_version: before,
          version: newVersion,
          decisions: [TET_2027],
        },
      ]);
      // The change asks, in its transaction, for the recomputation of the open due instants.
      expect(
        await t.query(`SELECT change_id::text, calendar_version, reason, actor FROM calendar_recomputations`),
      ).toEqual([
        {
          change_id: res.body['changeId'],
          calendar_version: newVersion,
          reason: `Lịch làm việc năm 2027 thay đổi (${before} → ${newVersion}): Phương án nghỉ Tết 2027 (giả định)`,
          actor: BACK_OFFICE_USER,
        },
      ]);
      // The first write keeps the other years' decisions: the table now holds the whole set.
      const stored = (await t.query(
        `SELECT id, year, updated_by FROM calendar_decisions ORDER BY id`,
      )) as Json[];
      expect(stored.map((row) => row['id'])).toEqual(
        [...DEFAULT_OFFICIAL_DECISIONS.decisions.map((d) => d.id), '2027-tet'].sort(),
      );
      expect(stored.every((row) => row['updated_by'] === BACK_OFFICE_USER)).toBe(true);
    });

    it('computes with the new decisions', async () => {
      // Thursday before Tết 2027 + 1 working day: Monday 15/2 now (Friday 12/2 under the Labour Code alone).
      const before = new WorkingCalendar().addWorkingTime(new Date('2027-02-04T09:00:00+07:00'), 480);
      expect(before.toISOString()).toBe('2027-02-12T02:00:00.000Z');
      const res = await t.api.get<Json>(
        `/calendar/add?from=${encodeURIComponent('2027-02-04T09:00:00+07:00')}&duration=1d`,
      );
      expect(res.body).toMatchObject({ result: '2027-02-15T02:00:00.000Z', calendarVersion: newVersion });
      // The working Saturday counts.
      const saturday = await t.api.get<Json>(
        `/calendar/between?from=${encodeURIComponent('2027-02-19T17:00:00+07:00')}&to=${encodeURIComponent('2027-02-22T07:30:00+07:00')}`,
      );
      expect(saturday.body).toMatchObject({ minutes: 480, duration: '1d' });

      const decisions = await t.api.get<Json>('/calendar/decisions?year=2027');
      expect(decisions.body).toMatchObject({
        source: 'database',
        calendarVersion: newVersion,
        decisions: [TET_2027],
      });
      const kept = await t.api.get<Json>('/calendar/decisions?year=2026');
      expect((kept.body['decisions'] as Json[]).map((d) => d['id'])).toEqual([
        '2026-new-year',
        '2026-tet',
        '2026-national-day',
      ]);
    });

    it('reaches the other engine process by NOTIFY', async () => {
      const version = await eventually(async () => {
        const res = await other.api.get<Json>('/calendar/holidays?year=2027');
        return res.body['calendarVersion'] === newVersion ? res.body : undefined;
      });
      expect(version['workingSaturdays']).toEqual([expect.objectContaining({ date: '2027-02-20' })]);
      expect(otherCalendar.version).toBe(newVersion);
      expect(otherEvents).toEqual([
        expect.objectContaining({
          year: 2027,
          actor: BACK_OFFICE_USER,
          version: newVersion,
          origin: 'remote',
        }),
      ]);
    });

    it('changes nothing when the same decisions are sent again', async () => {
      const changes = await count(t, 'calendar_changes');
      const res = await t.api.request<Json>('PUT', '/calendar/decisions/2027', { decisions: [TET_2027] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ changed: false, changeId: null, calendarVersion: newVersion });
      expect(await count(t, 'calendar_changes')).toBe(changes);
      expect(await count(t, 'calendar_recomputations')).toBe(1);
      expect(events).toHaveLength(1);
    });

    it('reaches the other process by the catch-up check when its LISTEN connection is lost', async () => {
      await t.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'lienthong-calendar-listener'`,
      );
      await eventually(async () => (otherCalendar.listening ? undefined : true));
      const res = await t.api.request<Json>('PUT', '/calendar/decisions/2027', {
        decisions: [],
        reason: 'Hủy',
      });
      expect(res.status).toBe(200);
      const version = res.body['calendarVersion'] as string;
      expect(version).not.toBe(newVersion);
      expect(res.body['workingSaturdays']).toEqual([]);
      await eventually(async () => (otherCalendar.version === version ? true : undefined));
      expect(otherEvents.map((e) => [e.version, e.origin])).toEqual([
        [newVersion, 'remote'],
        [version, 'remote'],
      ]);
      await eventually(async () => (otherCalendar.listening && calendar.listening ? true : undefined));
      expect(await count(t, 'calendar_decisions')).toBe(DEFAULT_OFFICIAL_DECISIONS.decisions.length);
    });

    it('keeps the audit append-only', async () => {
      await expect(t.query(`DELETE FROM calendar_changes`)).rejects.toThrow(/append-only/);
      expect(await count(t, 'calendar_changes')).toBe(2);
    });
  });
});

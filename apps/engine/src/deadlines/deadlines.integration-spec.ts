import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { ControlSheetDto, DeadlineEventDto, DossierDto, TaskCompletionDto } from '@lienthong/contracts';
import { JobWorker } from '../jobs/job-worker.service';
import { Clock } from '../common/clock/clock';
import { startTestApp, type TestApp } from '../testing/test-app';
import { BACK_OFFICE_USER, makeWednesdayOff, memberOf } from '../testing/test-app';
// Test support (one PostgreSQL per test run, a fresh database per file) lives outside the Nx projects.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { DeadlineRecomputer } from './deadline-recomputer.service';
import { DeadlineSweeper } from './deadline-sweeper.service';

jest.setTimeout(60_000);

const vn = (local: string) => new Date(`${local}+07:00`);
const iso = (local: string) => vn(local).toISOString();

// 3 working days in all; reception 4 h, review 1 day; payment does not count; a supplement restarts the limit.
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="receive" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:allottedTime="4h"/>
   <userTask id="review" name="Thẩm định" lt:unit="DTP-VPDK-CL" lt:allottedTime="1d"/>
   <receiveTask id="supplement" name="Chờ bổ sung" messageRef="S" lt:clock="restart"/>
   <receiveTask id="pay" name="Chờ nộp tiền" messageRef="P" lt:clock="pause"/>
   <userTask id="sign" name="Ký" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader" lt:allottedTime="4h"/>
   <endEvent id="e"/>
   ${chain('s', 'receive', 'review', 'supplement', 'pay', 'sign', 'e')}`,
  {
    id: 'han-xu-ly',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="3d" lt:cutoff="15:00"',
    extra: '<message id="S" name="supplement-received"/><message id="P" name="payment-confirmed"/>',
  },
);

/** An engine whose timers and sweeps run only when a spec says so (the clock is moved by hand), with PROCEDURE published. */
async function startWithProcedure(): Promise<TestApp> {
  const t = await startTestApp({ config: { jobsEnabled: false } });
  const d = await t.api.post<{ key: string; version: number }>('/definitions', PROCEDURE);
  await t.api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`);
  return t;
}

/** A dossier of PROCEDURE received at `at` (Vietnam time). */
async function receiveAt(t: TestApp, clock: Clock, at: string, applicant: string): Promise<DossierDto> {
  clock.set(vn(at));
  const res = await t.api.post<DossierDto>('/dossiers', {
    definitionKey: 'han-xu-ly',
    applicant: { name: applicant },
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('legal deadlines of dossiers and steps', () => {
  let t: TestApp;
  let clock: Clock;

  beforeAll(async () => {
    // Timers and sweeps run only when the spec says so (the clock is moved by hand).
    t = await startWithProcedure();
    clock = t.app.get(Clock);
  });
  afterAll(async () => {
    await t?.close();
  });

  const receive = (at: string) => receiveAt(t, clock, at, 'Võ Thị Em');

  async function complete(dossier: DossierDto, nodeId: string, at: string): Promise<TaskCompletionDto> {
    clock.set(vn(at));
    const current = await t.api.get<DossierDto>(`/dossiers/${dossier.id}`);
    const step = current.body.activeSteps.find((s) => s.nodeId === nodeId);
    const res = await t.api.post<TaskCompletionDto>(`/tasks/${step?.taskId}/complete`, {});
    expect(res.status).toBe(200);
    return res.body;
  }

  it('gives the dossier its appointment and each step its due instant, after the cut-off from the next day', async () => {
    // given a dossier received on Friday 6/3/2026 at 15:30, after the 15:00 cut-off
    const dossier = await receive('2026-03-06T15:30:00');

    // then counting starts on Monday 9/3 at 07:30 and 3 working days end on Wednesday 11/3 at 17:00
    expect(dossier).toMatchObject({ clock: 'running', deadlineStatus: 'on_track', outcome: null });
    expect(dossier.deadline.countingFrom).toBe(iso('2026-03-09T07:30:00'));
    expect(dossier.dueAt).toBe(iso('2026-03-11T17:00:00'));
    expect(dossier.appointmentAt).toBe(dossier.dueAt);
    // the reception step has 4 working hours from Friday 15:30: 1.5 h on Friday, 2.5 h on Monday
    const tasks = await t.api.get<{ items: Array<{ nodeId: string; dueAt: string; clock: string }> }>(
      `/tasks?dossierId=${dossier.id}`,
    );
    expect(tasks.body.items).toEqual([
      expect.objectContaining({ nodeId: 'receive', dueAt: iso('2026-03-09T10:00:00'), clock: 'running' }),
    ]);

    // when reception finishes late on Monday at 10:30
    const done = await complete(dossier, 'receive', '2026-03-09T10:30:00');

    // then it is late by its own allotted time, and the review step gets its day
    expect(done).toMatchObject({ outcome: 'late', workedMinutes: 270 });
    const review = (
      await t.api.get<{ items: Array<{ nodeId: string; dueAt: string }> }>(
        `/tasks?dossierId=${dossier.id}&status=active`,
      )
    ).body.items;
    expect(review).toEqual([
      expect.objectContaining({ nodeId: 'review', dueAt: iso('2026-03-10T10:30:00') }),
    ]);
  });

  it('restarts the limit when the supplement arrives and pauses it while the applicant pays', async () => {
    // given
    const dossier = await receive('2026-03-02T08:00:00');
    expect(dossier.dueAt).toBe(iso('2026-03-05T08:00:00'));
    await complete(dossier, 'receive', '2026-03-02T09:00:00');
    await complete(dossier, 'review', '2026-03-03T09:00:00');

    // when the supplement arrives on Wednesday 4/3 at 10:00: 3 full working days again from then
    clock.set(vn('2026-03-04T10:00:00'));
    expect(
      (await t.api.post('/messages', { name: 'supplement-received', dossierId: dossier.id })).status,
    ).toBe(200);
    let now = (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body;
    // the payment wait starts at once: the clock pauses with all 3 days left
    expect(now).toMatchObject({ clock: 'paused', dueAt: null });
    expect(now.deadline).toMatchObject({
      countingFrom: iso('2026-03-04T10:00:00'),
      remainingWorkingMinutes: 1440,
    });
    expect(now.appointmentAt).toBe(iso('2026-03-09T10:00:00'));

    // and the payment is confirmed on Saturday 7/3: the clock resumes on Monday morning
    clock.set(vn('2026-03-07T11:00:00'));
    expect((await t.api.post('/messages', { name: 'payment-confirmed', dossierId: dossier.id })).status).toBe(
      200,
    );
    now = (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body;

    // then
    expect(now).toMatchObject({
      clock: 'running',
      dueAt: iso('2026-03-11T17:00:00'),
      appointmentAt: iso('2026-03-11T17:00:00'),
    });
    const events = (await t.api.get<DeadlineEventDto[]>(`/dossiers/${dossier.id}/deadline-events`)).body;
    expect(events.map((e) => [e.kind, e.workingMinutes])).toEqual([
      // Monday 08:00 to Wednesday 10:00 had counted for nothing: 18 working hours
      ['restarted', 1080],
      ['paused', null],
      // Wednesday 10:00 to Saturday were not counted: 21.5 working hours
      ['resumed', 1290],
    ]);

    // and signing on time finishes the dossier early
    await complete(dossier, 'sign', '2026-03-09T09:00:00');
    const sheet = (await t.api.get<ControlSheetDto>(`/dossiers/${dossier.id}/control-sheet`)).body;
    expect(sheet.dossier).toMatchObject({ outcome: 'early', finishedAt: iso('2026-03-09T09:00:00') });
    expect(sheet.steps.map((s) => [s.nodeId, s.unit, s.officer, s.outcome])).toEqual([
      ['receive', 'DTP-TTHCC', memberOf('DTP-TTHCC'), 'on_time'],
      ['review', 'DTP-VPDK-CL', memberOf('DTP-VPDK-CL'), 'on_time'],
      ['sign', 'DTP-VPDK-CL', memberOf('DTP-VPDK-CL'), 'on_time'],
    ]);
  });

  it('pauses and resumes by hand, refusing a resume without a pause and a pause on a finished dossier', async () => {
    const dossier = await receive('2026-03-02T08:00:00');
    clock.set(vn('2026-03-02T10:00:00'));
    expect((await t.api.post(`/dossiers/${dossier.id}/resume`, { reason: 'Đã có kết quả' })).status).toBe(
      409,
    );
    const paused = await t.api.post<DossierDto>(`/dossiers/${dossier.id}/pause`, {
      reason: 'Chờ thẩm định của Sở Xây dựng',
    });
    expect(paused.status).toBe(200);
    expect(paused.body.clock).toBe('paused');
    expect((await t.api.post(`/dossiers/${dossier.id}/pause`, { reason: 'again' })).status).toBe(409);
    expect((await t.api.post(`/dossiers/${dossier.id}/pause`, {})).status).toBe(400);
    clock.set(vn('2026-03-04T10:00:00'));
    const resumed = await t.api.post<DossierDto>(`/dossiers/${dossier.id}/resume`, {
      reason: 'Đã có kết quả',
    });
    // 2 working hours were used before the pause: 22 remain from Wednesday 10:00
    expect(resumed.body).toMatchObject({ clock: 'running', dueAt: iso('2026-03-09T08:00:00') });
    const cancelled = await t.api.post(`/dossiers/${dossier.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect((await t.api.post(`/dossiers/${dossier.id}/pause`, { reason: 'x' })).status).toBe(409);
  });

  it('accepts one extension at least a working day ahead, and the dossier still counts as late', async () => {
    const dossier = await receive('2026-03-02T08:00:00');
    clock.set(vn('2026-03-04T09:00:00'));
    const tooLate = await t.api.post('/dossiers/' + dossier.id + '/extension', {
      newDueAt: '2026-03-10T16:00:00+07:00',
      reason: 'x',
    });
    expect(tooLate.status).toBe(422);
    clock.set(vn('2026-03-03T08:00:00'));
    const earlier = await t.api.post(`/dossiers/${dossier.id}/extension`, {
      newDueAt: '2026-03-04T16:00:00+07:00',
      reason: 'x',
    });
    expect(earlier.status).toBe(422);
    const ok = await t.api.post<DossierDto>(`/dossiers/${dossier.id}/extension`, {
      newDueAt: '2026-03-10T16:00:00+07:00',
      reason: 'Cần xác minh nguồn gốc sử dụng đất',
      unit: 'DTP-VPDK-CL',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      dueAt: iso('2026-03-05T08:00:00'),
      appointmentAt: iso('2026-03-10T16:00:00'),
    });
    expect(ok.body.deadline.extension).toMatchObject({
      previousDueAt: iso('2026-03-05T08:00:00'),
      unit: 'DTP-VPDK-CL',
    });
    const again = await t.api.post(`/dossiers/${dossier.id}/extension`, {
      newDueAt: '2026-03-11T16:00:00+07:00',
      reason: 'y',
    });
    expect(again.status).toBe(409);

    // finishing before the new date still counts as late
    await complete(dossier, 'receive', '2026-03-03T09:00:00');
    await complete(dossier, 'review', '2026-03-03T10:00:00');
    clock.set(vn('2026-03-03T11:00:00'));
    await t.api.post('/messages', { name: 'supplement-received', dossierId: dossier.id });
    await t.api.post('/messages', { name: 'payment-confirmed', dossierId: dossier.id });
    await complete(dossier, 'sign', '2026-03-03T14:00:00');
    expect((await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body).toMatchObject({
      status: 'completed',
      outcome: 'late',
    });
  });

  it('marks steps and dossiers due soon and overdue, naming who held an overdue dossier', async () => {
    // given
    const dossier = await receive('2026-03-02T08:00:00');
    const sweeper = t.app.get(DeadlineSweeper);

    // when the reception step's 4 hours are almost used (due soon from 11:32)
    const soon = await sweeper.sweep(vn('2026-03-02T11:33:00'));
    expect(soon).toMatchObject({ tasksDueSoon: 1, tasksOverdue: 0 });
    // and, days later, both the step and the dossier are overdue
    const late = await sweeper.sweep(vn('2026-03-06T08:00:00'));
    expect(late).toMatchObject({ tasksOverdue: 1, dossiersOverdue: 1 });
    expect(await sweeper.sweep(vn('2026-03-06T08:01:00'))).toMatchObject({
      tasksOverdue: 0,
      dossiersOverdue: 0,
    });

    // then
    const events = (await t.api.get<DeadlineEventDto[]>(`/dossiers/${dossier.id}/deadline-events`)).body.map(
      (e) => e.kind,
    );
    expect(events).toEqual(['due_soon', 'overdue', 'overdue']);
    const holders = (await t.query(`SELECT overdue_holders FROM dossiers WHERE id = $1`, [
      dossier.id,
    ])) as Array<{
      overdue_holders: Array<{ unit: string; nodeId: string }>;
    }>;
    expect(holders[0]?.overdue_holders).toEqual([
      expect.objectContaining({ unit: 'DTP-TTHCC', nodeId: 'receive' }),
    ]);
    const task = await t.api.get<{ items: Array<{ deadlineStatus: string }> }>(
      `/tasks?dossierId=${dossier.id}`,
    );
    expect(task.body.items[0]?.deadlineStatus).toBe('overdue');
  });

  it('moves open due instants when the official calendar changes, and records why', async () => {
    // given a dossier received Monday 2/3/2026 08:00, due Thursday 5/3 08:00
    const dossier = await receive('2026-03-02T08:00:00');
    expect(dossier.dueAt).toBe(iso('2026-03-05T08:00:00'));
    const recomputer = t.app.get(DeadlineRecomputer);

    // when an official decision makes Wednesday 4/3/2026 a day off
    await makeWednesdayOff(t, 'kiểm thử');
    await recomputer.last;

    // then the due instant moves one working day later, and the event says why
    const after = (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body;
    expect(after).toMatchObject({
      dueAt: iso('2026-03-06T08:00:00'),
      appointmentAt: iso('2026-03-06T08:00:00'),
    });
    const task = (await t.api.get<{ items: Array<{ dueAt: string }> }>(`/tasks?dossierId=${dossier.id}`)).body
      .items[0];
    expect(task?.dueAt).toBe(iso('2026-03-02T13:30:00'));
    const events = (await t.api.get<DeadlineEventDto[]>(`/dossiers/${dossier.id}/deadline-events`)).body;
    expect(events.at(-1)).toMatchObject({
      kind: 'recomputed',
      previousDueAt: iso('2026-03-05T08:00:00'),
      newDueAt: iso('2026-03-06T08:00:00'),
      reason: expect.stringContaining('kiểm thử'),
    });
    expect(events.at(-1)?.calendarVersion).not.toBe(dossier.deadline.calendarVersion);
  });

  it('escalates with a boundary timer written in working time, fired by the durable job worker', async () => {
    // given a signing step with a 4-working-hour escalation to the unit's leader
    const xml = bpmnFixture(
      `<startEvent id="s"/>
       <userTask id="sign" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer"/>
       <boundaryEvent id="late" attachedToRef="sign" cancelActivity="false"><timerEventDefinition><timeDuration>4h</timeDuration></timerEventDefinition></boundaryEvent>
       <userTask id="escalated" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/><endEvent id="e"/><endEvent id="e2"/>
       ${chain('s', 'sign', 'e')}${chain('late', 'escalated', 'e2')}`,
      { id: 'leo-thang-gio-hanh-chinh', attrs: 'lt:receivingUnit="DTP-TTHCC"' },
    );
    const d = await t.api.post<{ key: string; version: number }>('/definitions', xml);
    await t.api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`);
    clock.set(vn('2026-03-06T15:00:00'));
    const dossier = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'leo-thang-gio-hanh-chinh',
        applicant: { name: 'A' },
      })
    ).body;

    // then the job is due 4 working hours later: 2 h on Friday, 2 h on Monday morning
    const jobs = (await t.query(`SELECT due_at FROM jobs WHERE dossier_id = $1`, [dossier.id])) as Array<{
      due_at: Date;
    }>;
    expect(jobs.map((j) => j.due_at.toISOString())).toEqual([iso('2026-03-09T09:30:00')]);
    const worker = t.app.get(JobWorker);
    clock.set(vn('2026-03-09T09:29:00'));
    expect(await worker.runDueJobs()).toBe(0);
    clock.set(vn('2026-03-09T09:30:00'));
    expect(await worker.runDueJobs()).toBe(1);
    const steps = (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body.activeSteps
      .map((a) => a.nodeId)
      .sort();
    expect(steps).toEqual(['escalated', 'sign']);
  });

  it('a restart takes an overdue dossier back on track, and the sweep marks it again when it is late again', async () => {
    // given a dossier overdue on Friday 6/3 at 09:00 (due Friday 08:00: the test before made 4/3 a day off)
    const dossier = await receive('2026-03-02T08:00:00');
    const sweeper = t.app.get(DeadlineSweeper);
    await sweeper.sweep(vn('2026-03-06T09:00:00'));
    expect((await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body.deadlineStatus).toBe('overdue');

    // when the supplement restarts the limit on Friday 6/3 at 10:00 (due Wednesday 11/3 10:00)
    await complete(dossier, 'receive', '2026-03-06T09:10:00');
    await complete(dossier, 'review', '2026-03-06T09:30:00');
    clock.set(vn('2026-03-06T10:00:00'));
    await t.api.post('/messages', { name: 'supplement-received', dossierId: dossier.id });
    clock.set(vn('2026-03-06T10:30:00'));
    await t.api.post('/messages', { name: 'payment-confirmed', dossierId: dossier.id });

    // then it is on track again, with nobody held responsible any more
    const back = (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body;
    expect(back).toMatchObject({ deadlineStatus: 'on_track', clock: 'running' });
    const holders = (await t.query(`SELECT overdue_holders FROM dossiers WHERE id = $1`, [
      dossier.id,
    ])) as Array<{ overdue_holders: unknown }>;
    expect(holders[0]?.overdue_holders).toBeNull();

    // and late again the next Thursday, it is marked again
    // (other open dossiers of this file turn overdue too)
    expect((await sweeper.sweep(vn('2026-03-12T08:00:00')))?.dossiersOverdue).toBeGreaterThanOrEqual(1);
    const overdue = (
      await t.api.get<DeadlineEventDto[]>(`/dossiers/${dossier.id}/deadline-events`)
    ).body.filter((e) => e.kind === 'overdue' && e.taskId === null);
    expect(overdue).toHaveLength(2);
  });
});

/** Wednesday 4/3/2026 made a day off (a made-up decision), added to the decisions of 2026 in force. */
describe('recomputing open due instants after a calendar change', () => {
  let t: TestApp;
  let clock: Clock;
  let recomputer: DeadlineRecomputer;

  beforeAll(async () => {
    t = await startWithProcedure();
    clock = t.app.get(Clock);
    recomputer = t.app.get(DeadlineRecomputer);
  });
  afterAll(async () => {
    await t?.close();
  });

  const receive = (at: string) => receiveAt(t, clock, at, 'A');
  const dossier = async (id: string) => (await t.api.get<DossierDto>(`/dossiers/${id}`)).body;
  const events = async (id: string) =>
    (await t.api.get<DeadlineEventDto[]>(`/dossiers/${id}/deadline-events`)).body;
  const steps = async (id: string) =>
    (
      await t.api.get<{ items: Array<{ nodeId: string; status: string; dueAt: string | null }> }>(
        `/tasks?dossierId=${id}`,
      )
    ).body.items;

  it('moves the running clocks, keeps the paused ones, and re-applies a dossier a command changed meanwhile', async () => {
    // given three dossiers received on Monday 2/3/2026 at 08:00 (3 working days: due Thursday 5/3 08:00)
    const normal = await receive('2026-03-02T08:00:00');
    const paused = await receive('2026-03-02T08:00:00');
    const raced = await receive('2026-03-02T08:00:00');
    // one paused by hand on Monday at 10:00 (22 working hours left)
    clock.set(vn('2026-03-02T10:00:00'));
    expect((await t.api.post(`/dossiers/${paused.id}/pause`, { reason: 'Chờ giám định' })).status).toBe(200);
    // and one whose reception step an officer completes on Tuesday 3/3 at 11:00, while the recomputation
    // has read it and not yet written it (batches of one dossier)
    clock.set(vn('2026-03-03T11:00:00'));
    recomputer.batchSize = 1;
    let raceDone = false;
    recomputer.beforeWrite = async (ids) => {
      if (raceDone || !ids.includes(raced.id)) return;
      raceDone = true;
      const step = (await dossier(raced.id)).activeSteps.find((s) => s.nodeId === 'receive');
      expect((await t.api.post(`/tasks/${step?.taskId}/complete`, {})).status).toBe(200);
    };

    // when Wednesday 4/3 becomes a day off
    await makeWednesdayOff(t, 'kiểm thử tính lại');
    const result = await recomputer.last;
    recomputer.beforeWrite = null;

    // then the running clocks end one working day later, with an event saying why
    expect(raceDone).toBe(true);
    expect(result).toMatchObject({ finished: true, changed: 2 });
    expect(await dossier(normal.id)).toMatchObject({ dueAt: iso('2026-03-06T08:00:00'), clock: 'running' });
    expect((await steps(normal.id))[0]?.dueAt).toBe(iso('2026-03-02T13:30:00')); // before the day off: unchanged
    const moved = await events(normal.id);
    expect(moved.filter((e) => e.kind === 'recomputed')).toEqual([
      expect.objectContaining({
        previousDueAt: iso('2026-03-05T08:00:00'),
        newDueAt: iso('2026-03-06T08:00:00'),
        reason: expect.stringContaining('kiểm thử tính lại'),
        actor: BACK_OFFICE_USER,
      }),
    ]);
    expect(moved.at(-1)?.calendarVersion).toBe((await dossier(normal.id)).deadline.calendarVersion);

    // the paused clock stays paused with its working time left, and no event
    const stillPaused = await dossier(paused.id);
    expect(stillPaused).toMatchObject({ clock: 'paused', dueAt: null });
    expect(stillPaused.deadline).toMatchObject({ remainingWorkingMinutes: 1320 });
    expect((await events(paused.id)).map((e) => e.kind)).toEqual(['paused']);

    // the dossier completed meanwhile keeps the completion, and its clocks are those of the new calendar
    const afterRace = await dossier(raced.id);
    expect(afterRace).toMatchObject({ dueAt: iso('2026-03-06T08:00:00') });
    expect(afterRace.activeSteps.map((s) => s.nodeId)).toEqual(['review']);
    const review = (await steps(raced.id)).find((s) => s.nodeId === 'review');
    // 1 working day from Tuesday 11:00, Wednesday off: Thursday 11:00
    expect(review).toMatchObject({ status: 'active', dueAt: iso('2026-03-05T11:00:00') });
    expect((await steps(raced.id)).find((s) => s.nodeId === 'receive')).toMatchObject({
      status: 'completed',
    });
    expect((await events(raced.id)).filter((e) => e.kind === 'recomputed')).toHaveLength(1);

    // and the recomputation is recorded as finished
    const recorded = (await t.query(
      `SELECT change_id IS NOT NULL AS by_change, finished_at IS NOT NULL AS finished, moved, actor FROM calendar_recomputations`,
    )) as unknown[];
    expect(recorded).toEqual([{ by_change: true, finished: true, moved: 2, actor: BACK_OFFICE_USER }]);
  });
});

describe('a recomputation interrupted by a stop of the engine', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp({ databaseUrl: database.url, config: { jobsEnabled: false } });
    const d = await first.api.post<{ key: string; version: number }>('/definitions', PROCEDURE);
    await first.api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.drop();
  });

  it('is carried out at the next start, each moved dossier getting one event', async () => {
    // given four dossiers due Thursday 5/3 08:00
    const clock = first.app.get(Clock);
    clock.set(vn('2026-03-02T08:00:00'));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await first.api.post<DossierDto>('/dossiers', {
        definitionKey: 'han-xu-ly',
        applicant: { name: 'B' },
      });
      ids.push(res.body.id);
    }
    clock.set(vn('2026-03-02T11:00:00'));
    // and an engine that stops after the first batch of its recomputation (one dossier per batch)
    const recomputer = first.app.get(DeadlineRecomputer);
    recomputer.batchSize = 1;
    recomputer.workers = 1;
    recomputer.afterBatch = () => recomputer.stop();

    // when Wednesday 4/3 becomes a day off
    await makeWednesdayOff(first, 'dừng giữa chừng');
    expect(await recomputer.last).toMatchObject({ finished: false, changed: 1 });
    const dueDates = async (app: TestApp) =>
      (
        (await app.query(`SELECT due_at FROM dossiers WHERE id = ANY($1) ORDER BY due_at`, [ids])) as Array<{
          due_at: Date;
        }>
      ).map((r) => r.due_at.toISOString());
    expect(await dueDates(first)).toEqual([
      iso('2026-03-05T08:00:00'),
      iso('2026-03-05T08:00:00'),
      iso('2026-03-05T08:00:00'),
      iso('2026-03-06T08:00:00'),
    ]);
    const pending = `SELECT finished_at IS NOT NULL AS finished, moved FROM calendar_recomputations`;
    expect(await first.query(pending)).toEqual([{ finished: false, moved: 1 }]);

    // then the next engine process to start carries it out
    second = await startTestApp({ databaseUrl: database.url, config: { jobsEnabled: false } });
    second.app.get(Clock).set(vn('2026-03-02T11:05:00'));
    expect(await second.app.get(DeadlineRecomputer).last).toMatchObject({ finished: true, changed: 3 });
    expect(await dueDates(second)).toEqual(ids.map(() => iso('2026-03-06T08:00:00')));
    const recomputed = (await second.query(
      `SELECT dossier_id, count(*)::int AS n, min(reason) AS reason FROM deadline_events
        WHERE kind = 'recomputed' GROUP BY dossier_id`,
    )) as Array<{ n: number; reason: string }>;
    expect(recomputed).toHaveLength(4);
    expect(recomputed.every((r) => r.n === 1 && r.reason.includes('dừng giữa chừng'))).toBe(true);
    expect(await second.query(pending)).toEqual([{ finished: true, moved: 4 }]);
  });
});

import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type {
  DeadlineEventDto,
  DossierDto,
  HistoryEventDto,
  PageDto,
  SendBackTargetDto,
  TaskCompletionDto,
  TaskDto,
  UnitSummaryDto,
} from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { startTestApp, type TestApp } from '../testing/test-app';

// Handling a step beyond completing it: a supplement request and its arrival (the time limit restarts),
// sending back to an earlier step, the reason a resumption needs, reassignment, and the leader's summary.

jest.setTimeout(120_000);

const vn = (local: string) => new Date(`${local}+07:00`);
const iso = (local: string) => vn(local).toISOString();

const KEY = 'xu-ly-buoc';
const DESK = 'DTP-TTHCC';
const LAND = 'DTP-VPDK-CL';
const TAX = 'DTP-THUE-1';

/** The desk receives, the land registry reviews and checks (1 day each), its leader signs; 5 working days. */
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="receive" name="Tiếp nhận hồ sơ" lt:unit="${DESK}" lt:candidateRole="reception" lt:allottedTime="4h"/>
   <userTask id="review" name="Thẩm định hồ sơ" lt:unit="${LAND}" lt:candidateRole="officer" lt:allottedTime="1d"/>
   <userTask id="check" name="Kiểm tra thực địa" lt:unit="${LAND}" lt:candidateRole="officer" lt:allottedTime="1d"/>
   <userTask id="sign" name="Ký duyệt" lt:unit="${LAND}" lt:candidateRole="leader" lt:allottedTime="4h"/>
   <endEvent id="e"/>
   ${chain('s', 'receive', 'review', 'check', 'sign', 'e')}`,
  {
    id: KEY,
    name: 'Thủ tục thử nghiệm xử lý bước',
    attrs: `lt:receivingUnit="${DESK}" lt:legalTimeLimit="5d"`,
  },
);

describe('handling a step: supplement, send back, pause and resume, reassign, the leader summary', () => {
  let t: TestApp;
  let clock: Clock;
  const reception = () => t.as(DESK, ['reception']);
  const officer = () => t.as(LAND, ['officer']);
  const leader = () => t.as(LAND, ['leader']);
  const taxOfficer = () => t.as(TAX, ['officer']);
  const taxLeader = () => t.as(TAX, ['leader']);

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    clock = t.app.get(Clock);
    const d = await t.api.post<{ key: string; version: number }>('/definitions', PROCEDURE);
    await t.api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A dossier received at `at` (Vietnam time) and handed over by the desk: it waits at the review. */
  async function atReview(at: string): Promise<{ dossier: DossierDto; review: string }> {
    clock.set(vn(at));
    const created = await reception().post<DossierDto>('/dossiers', {
      definitionKey: KEY,
      applicant: { name: 'Trần Thị Bình' },
    });
    expect(created.status).toBe(201);
    const desk = created.body.activeSteps[0]!.taskId!;
    expect((await reception().post(`/tasks/${desk}/complete`, {})).status).toBe(200);
    const dossier = (await t.api.get<DossierDto>(`/dossiers/${created.body.id}`)).body;
    return { dossier, review: dossier.activeSteps[0]!.taskId! };
  }

  const dossierOf = async (id: string) => (await t.api.get<DossierDto>(`/dossiers/${id}`)).body;
  const eventsOf = async (id: string) =>
    (await t.api.get<DeadlineEventDto[]>(`/dossiers/${id}/deadline-events`)).body;
  const historyOf = async (id: string) =>
    (await t.api.get<PageDto<HistoryEventDto>>(`/dossiers/${id}/history?limit=200`)).body.items;
  const auditCount = async (action: string, path: string) =>
    (
      (await t.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND path = $2`, [
        action,
        path,
      ])) as Array<{ n: number }>
    )[0]!.n;

  describe('a supplement request (yêu cầu bổ sung) and the arrival of the complete dossier', () => {
    it('pauses the clock for the supplement, once, and restarts the time limit from zero when it arrives', async () => {
      // given a dossier received on Monday 2/3/2026 at 08:00, due 5 working days later
      const { dossier, review } = await atReview('2026-03-02T08:00:00');
      expect(dossier.dueAt).toBe(iso('2026-03-09T08:00:00'));

      // when the officer of the review asks on Tuesday 3/3 at 09:00, with an Idempotency-Key sent twice
      clock.set(vn('2026-03-03T09:00:00'));
      const body = { items: ['Bản sao sổ hộ khẩu', ' Sơ đồ thửa đất '], reason: 'Thiếu giấy tờ' };
      const key = { 'Idempotency-Key': 'bo-sung-0001' };
      const asked = await officer().post<TaskDto>(`/tasks/${review}/supplement-request`, body, key);
      const again = await officer().post<TaskDto>(`/tasks/${review}/supplement-request`, body, key);

      // then the step shows what the dossier waits for, the clock is paused, and it happened once
      expect(asked.status).toBe(200);
      expect(asked.body).toMatchObject({
        id: review,
        status: 'active',
        clock: 'paused',
        dossierHolds: ['supplement'],
        supplement: {
          items: ['Bản sao sổ hộ khẩu', 'Sơ đồ thửa đất'],
          reason: 'Thiếu giấy tờ',
          taskId: review,
          nodeId: 'review',
          requestedAt: iso('2026-03-03T09:00:00'),
          receivedAt: null,
        },
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(asked.body);
      const waiting = await dossierOf(dossier.id);
      expect(waiting).toMatchObject({ clock: 'paused', dueAt: null });
      expect(waiting.deadline.holds).toEqual(['supplement']);
      expect((await historyOf(dossier.id)).filter((h) => h.type === 'supplement.requested')).toEqual([
        expect.objectContaining({
          taskId: review,
          data: { items: body.items.map((i) => i.trim()), reason: 'Thiếu giấy tờ' },
        }),
      ]);
      expect((await eventsOf(dossier.id)).filter((e) => e.kind === 'paused')).toEqual([
        expect.objectContaining({ taskId: review, reason: 'Thiếu giấy tờ' }),
      ]);
      expect(await auditCount('task.supplement-request', `/api/v1/tasks/${review}/supplement-request`)).toBe(
        2,
      );
      const inbox = await officer().get<{ items: TaskDto[] }>(`/tasks?dossierId=${dossier.id}&status=active`);
      expect(inbox.body.items).toEqual([
        expect.objectContaining({ id: review, dossierHolds: ['supplement'] }),
      ]);

      // when asked a second time while waiting, or resumed as if an officer had paused it
      const second = await officer().post(`/tasks/${review}/supplement-request`, { items: ['CCCD'] });
      const resumed = await officer().post(`/dossiers/${dossier.id}/resume`, { reason: 'Thử' });

      // then both are refused
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'supplement-pending' });
      expect(resumed.status).toBe(409);
      expect(resumed.body).toMatchObject({ code: 'not-paused' });
      expect(String(resumed.body['detail'])).toContain('supplement');

      // when the complete dossier arrives at the desk on Thursday 5/3 at 14:00
      clock.set(vn('2026-03-05T14:00:00'));
      const received = await reception().post<DossierDto>(`/dossiers/${dossier.id}/supplement-received`, {
        note: 'Công dân đã nộp đủ',
      });

      // then 5 full working days count again from then, and the step's clock runs again
      expect(received.status).toBe(200);
      expect(received.body).toMatchObject({ clock: 'running', dueAt: iso('2026-03-12T14:00:00') });
      expect(received.body.deadline).toMatchObject({
        holds: [],
        countingFrom: iso('2026-03-05T14:00:00'),
        supplement: { receivedAt: iso('2026-03-05T14:00:00'), receivedBy: 't.dtp-tthcc.reception' },
      });
      expect((await eventsOf(dossier.id)).map((e) => e.kind)).toEqual(
        expect.arrayContaining(['paused', 'restarted', 'resumed']),
      );
      expect((await eventsOf(dossier.id)).find((e) => e.kind === 'restarted')).toMatchObject({
        reason: 'Công dân đã nộp đủ',
        previousDueAt: iso('2026-03-09T08:00:00'),
        newDueAt: iso('2026-03-12T14:00:00'),
      });
      const step = await officer().get<TaskDto>(`/tasks/${review}`);
      expect(step.body).toMatchObject({ clock: 'running', dossierHolds: [], supplement: null });

      // when it is recorded again
      const twice = await reception().post(`/dossiers/${dossier.id}/supplement-received`, {});

      // then nothing waits any more
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'no-supplement-pending' });

      // and a new request is allowed once the first was answered
      const later = await officer().post<TaskDto>(`/tasks/${review}/supplement-request`, { items: ['CCCD'] });
      expect(later.status).toBe(200);
      expect(later.body.supplement).toMatchObject({ items: ['CCCD'], reason: null });
    });

    it('refuses a request more than 3 working days after receipt (422 supplement-too-late), writing nothing', async () => {
      // given a dossier received on Monday 2/3/2026 at 08:00: a supplement may be asked until Thursday 5/3 08:00
      const { dossier, review } = await atReview('2026-03-02T08:00:00');
      expect((await officer().get<TaskDto>(`/tasks/${review}`)).body.supplementUntil).toBe(
        iso('2026-03-05T08:00:00'),
      );

      // when the officer asks one minute later than that
      clock.set(vn('2026-03-05T08:01:00'));
      const late = await officer().post(`/tasks/${review}/supplement-request`, { items: ['CCCD'] });

      // then it is refused with the limit, and the dossier's clock still runs, nothing recorded
      expect(late.status).toBe(422);
      expect(late.body).toMatchObject({
        type: expect.stringMatching(/supplement-too-late$/),
        code: 'supplement-too-late',
        until: iso('2026-03-05T08:00:00'),
        workingDays: 3,
      });
      expect(await dossierOf(dossier.id)).toMatchObject({ clock: 'running', deadline: { holds: [] } });
      expect((await historyOf(dossier.id)).map((h) => h.type)).not.toContain('supplement.requested');
      const succeeded = await t.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'task.supplement-request' AND path = $1 AND outcome = 'success'`,
        [`/api/v1/tasks/${review}/supplement-request`],
      );
      expect(succeeded).toEqual([{ n: 0 }]);

      // while at the limit itself it is still in time
      clock.set(vn('2026-03-05T08:00:00'));
      expect((await officer().post(`/tasks/${review}/supplement-request`, { items: ['CCCD'] })).status).toBe(
        200,
      );
    });

    it('refuses another unit (404), an empty list (400 or 422), and a step already done (409)', async () => {
      // given
      const { dossier, review } = await atReview('2026-03-02T10:00:00');

      // when
      const other = await taxOfficer().post(`/tasks/${review}/supplement-request`, { items: ['CCCD'] });
      const empty = await officer().post(`/tasks/${review}/supplement-request`, { items: [] });
      const blank = await officer().post(`/tasks/${review}/supplement-request`, { items: ['  '] });
      const notWaiting = await taxOfficer().post(`/dossiers/${dossier.id}/supplement-received`, {});
      expect((await officer().post(`/tasks/${review}/complete`, {})).status).toBe(200);
      const done = await officer().post(`/tasks/${review}/supplement-request`, { items: ['CCCD'] });

      // then
      expect(other.status).toBe(404);
      expect(empty.status).toBe(400);
      expect(blank.status).toBe(422);
      expect(notWaiting.status).toBe(404);
      expect(done.status).toBe(409);
      expect(done.body).toMatchObject({ code: 'task-not-active' });
      expect((await dossierOf(dossier.id)).deadline.supplement).toBeNull();
    });
  });

  describe('sending back to an earlier step (trả lại bước trước)', () => {
    it('a leader moves the dossier back with a reason: the step ends, the earlier one opens with a new due instant', async () => {
      // given a dossier at the field check, its review done on Tuesday 3/3
      const { dossier, review } = await atReview('2026-03-02T08:00:00');
      clock.set(vn('2026-03-03T08:00:00'));
      const reviewed = await officer().post<TaskCompletionDto>(`/tasks/${review}/complete`, {});
      const check = reviewed.body.dossier.activeSteps[0]!.taskId!;

      // when the leader lists where it can go back to
      const targets = await leader().get<SendBackTargetDto[]>(`/tasks/${check}/send-back-targets`);

      // then the steps it passed, earliest first
      expect(targets.status).toBe(200);
      expect(targets.body.map((s) => s.nodeId)).toEqual(['receive', 'review']);
      expect(targets.body[1]).toMatchObject({
        name: 'Thẩm định hồ sơ',
        unit: LAND,
        completedBy: 't.dtp-vpdk-cl.officer',
      });

      // when sent back on Wednesday 4/3 at 10:00, the same request sent twice
      clock.set(vn('2026-03-04T10:00:00'));
      const key = { 'Idempotency-Key': 'tra-lai-0001' };
      const body = { targetNodeId: 'review', reason: 'Chưa xác minh nguồn gốc đất' };
      const sent = await leader().post<TaskCompletionDto>(`/tasks/${check}/send-back`, body, key);
      const again = await leader().post<TaskCompletionDto>(`/tasks/${check}/send-back`, body, key);

      // then the check is cancelled, the review is open again with one working day from now, once
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ id: check, status: 'cancelled' });
      expect(sent.body.dossier.activeSteps).toEqual([expect.objectContaining({ nodeId: 'review' })]);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(sent.body);
      const reopened = sent.body.dossier.activeSteps[0]!.taskId!;
      expect(reopened).not.toBe(review);
      const step = await officer().get<TaskDto>(`/tasks/${reopened}`);
      expect(step.body).toMatchObject({
        status: 'active',
        clock: 'running',
        dueAt: iso('2026-03-05T10:00:00'),
      });
      const history = await historyOf(dossier.id);
      expect(history.filter((h) => h.type === 'task.sentBack')).toEqual([
        expect.objectContaining({
          nodeId: 'check',
          taskId: check,
          actor: 't.dtp-vpdk-cl.leader',
          data: { targetNodeId: 'review', reason: 'Chưa xác minh nguồn gốc đất' },
        }),
      ]);
      expect(await auditCount('task.send-back', `/api/v1/tasks/${check}/send-back`)).toBe(2);

      // when the cancelled step is sent back again without the key
      const stale = await leader().post(`/tasks/${check}/send-back`, body);

      // then
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'task-not-active' });
    });

    it('refuses an officer (403), another unit (404), a step not passed or unknown (422); nothing changes', async () => {
      // given a dossier at the review: only the desk's step is behind it
      const { dossier, review } = await atReview('2026-03-02T08:00:00');

      // when
      const byOfficer = await officer().post(`/tasks/${review}/send-back`, {
        targetNodeId: 'receive',
        reason: 'x',
      });
      const targetsByOfficer = await officer().get(`/tasks/${review}/send-back-targets`);
      const byOtherUnit = await taxLeader().post(`/tasks/${review}/send-back`, {
        targetNodeId: 'receive',
        reason: 'x',
      });
      const notPassed = await leader().post(`/tasks/${review}/send-back`, {
        targetNodeId: 'check',
        reason: 'x',
      });
      const unknown = await leader().post(`/tasks/${review}/send-back`, {
        targetNodeId: 'nope',
        reason: 'x',
      });
      const noReason = await leader().post(`/tasks/${review}/send-back`, {
        targetNodeId: 'receive',
        reason: '',
      });

      // then
      expect(byOfficer.status).toBe(403);
      expect(targetsByOfficer.status).toBe(403);
      expect(byOtherUnit.status).toBe(404);
      expect(notPassed.status).toBe(422);
      expect(notPassed.body).toMatchObject({ code: 'send-back-target-invalid' });
      expect(String(notPassed.body['detail'])).toContain('receive');
      expect(unknown.status).toBe(422);
      expect(noReason.status).toBe(400);
      expect((await dossierOf(dossier.id)).activeSteps).toEqual([
        expect.objectContaining({ nodeId: 'review', taskId: review }),
      ]);
    });
  });

  describe('pause and resume from a step', () => {
    it('needs a reason to resume, and shows both reasons in the deadline events', async () => {
      // given
      const { dossier } = await atReview('2026-03-02T08:00:00');
      expect(
        (await officer().post(`/dossiers/${dossier.id}/pause`, { reason: 'Chờ công dân nộp tiền' })).status,
      ).toBe(200);

      // when
      const withoutReason = await officer().post(`/dossiers/${dossier.id}/resume`, {});
      const resumed = await officer().post<DossierDto>(`/dossiers/${dossier.id}/resume`, {
        reason: 'Đã nộp tiền',
      });

      // then
      expect(withoutReason.status).toBe(400);
      expect(resumed.status).toBe(200);
      expect(resumed.body.clock).toBe('running');
      const events = await eventsOf(dossier.id);
      expect(events.filter((e) => e.kind === 'paused' || e.kind === 'resumed').map((e) => e.reason)).toEqual([
        'Chờ công dân nộp tiền',
        'Đã nộp tiền',
      ]);
    });
  });

  describe('reassigning (giao cho) within the unit', () => {
    it('a leader assigns to an officer of the unit; not to another unit, and not as an officer', async () => {
      // given
      const { review } = await atReview('2026-03-02T08:00:00');
      await officer().get('/tasks'); // the officer's account exists once it has signed in
      const members = await leader().get<{ items: Array<{ username: string }> }>(
        `/users?unit=${LAND}&active=true`,
      );
      expect(members.body.items.map((u) => u.username)).toContain('t.dtp-vpdk-cl.officer');

      // when
      const assigned = await leader().post<TaskDto>(`/tasks/${review}/assign`, {
        username: 't.dtp-vpdk-cl.officer',
      });
      const toOtherUnit = await leader().post(`/tasks/${review}/assign`, {
        username: 't.dtp-tthcc.reception',
      });
      const byOfficer = await officer().post(`/tasks/${review}/assign`, {
        username: 't.dtp-vpdk-cl.officer',
      });
      const byOtherLeader = await taxLeader().post(`/tasks/${review}/assign`, {
        username: 't.dtp-vpdk-cl.officer',
      });

      // then
      expect(assigned.status).toBe(200);
      expect(assigned.body.assignee).toBe('t.dtp-vpdk-cl.officer');
      expect(toOtherUnit.status).toBe(422);
      expect(byOfficer.status).toBe(403);
      expect(byOtherLeader.status).toBe(404);
    });
  });

  describe("the leader's summary of the unit", () => {
    it('counts overdue and due-soon open steps at the engine instant, and the on-time rate of this month', async () => {
      // given an empty month for a fresh unit view: December 2026, two dossiers at the review
      const first = await atReview('2026-12-01T08:00:00');
      const second = await atReview('2026-12-01T08:00:00');
      // the first review done early, on the day before its due day
      clock.set(vn('2026-12-01T15:00:00'));
      expect((await officer().post(`/tasks/${first.review}/complete`, {})).status).toBe(200);

      // when the engine's clock is moved to Thursday 3/12 at 09:00: the second review (due 2/12 08:00) is overdue
      clock.set(vn('2026-12-03T09:00:00'));
      const summary = await leader().get<UnitSummaryDto>(`/units/${LAND}/summary`);

      // then
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ unit: LAND, at: iso('2026-12-03T09:00:00') });
      expect(summary.body.overdueSteps.map((s) => s.id)).toContain(second.review);
      expect(summary.body.overdueSteps.find((s) => s.id === second.review)).toMatchObject({
        procedureName: 'Thủ tục thử nghiệm xử lý bước',
        dossierCode: second.dossier.code,
      });
      expect(summary.body.overdue).toBe(summary.body.overdueSteps.length);
      expect(summary.body.dueSoonSteps.map((s) => s.id)).not.toContain(second.review);
      expect(summary.body.onTimeRate).toEqual({
        month: '2026-12',
        finished: 1,
        early: 1,
        onTime: 0,
        late: 0,
        rate: 1,
      });

      // when
      const byOfficer = await officer().get(`/units/${LAND}/summary`);
      const byOtherUnit = await taxLeader().get(`/units/${LAND}/summary`);

      // then
      expect(byOfficer.status).toBe(403);
      expect(byOtherUnit.status).toBe(404);
    });
  });
});

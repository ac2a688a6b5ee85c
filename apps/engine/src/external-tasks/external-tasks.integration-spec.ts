import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, MessageResultDto, PageDto, TaskDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';
import type { LockedTaskDto } from './external-tasks.service';

jest.setTimeout(60_000);

/** A tax assessment done by the tax office's system, then the payment confirmed by the land registry. */
const PROCESS = bpmnFixture(
  `<startEvent id="s"/>
   <serviceTask id="thue" name="Xác định nghĩa vụ tài chính" lt:unit="DTP-THUE-1" lt:topic="tax-assessment"/>
   <boundaryEvent id="loiThue" attachedToRef="thue"><errorEventDefinition errorRef="E"/></boundaryEvent>
   <receiveTask id="nopTien" name="Chờ nộp tiền" messageRef="M" lt:unit="DTP-VPDK-CL"/>
   <userTask id="xuLyLoi" name="Xử lý hồ sơ không xác định được thuế" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer"/>
   <endEvent id="xong"/><endEvent id="dung"/>
   ${chain('s', 'thue', 'nopTien', 'xong')}${chain('loiThue', 'xuLyLoi', 'dung')}`,
  {
    id: 'thue-dat',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="10d"',
    extra: '<error id="E" errorCode="KHONG_XAC_DINH"/><message id="M" name="payment-confirmed"/>',
  },
);

const TAX = { topicName: 'tax-assessment', lockDuration: 60_000 };

/** An engine with the thue-dat procedure (its tax step an external task) published. */
async function startWithProcedure(config: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp(config);
  await t.api.post('/definitions', PROCESS);
  await t.api.post('/definitions/thue-dat/versions/1/publish');
  return t;
}

/**
 * External tasks worked by agency systems: fetch-and-lock (no task to two workers, long polling, lock
 * expiry), completion only by the lock holder (a repeat answered with the first result), failures with
 * retries down to an incident and back, BPMN errors to the boundary, extend-lock and unlock, and the
 * scopes of API keys.
 */
describe('external tasks: fetch-and-lock and the agency systems', () => {
  let t: TestApp;
  const tax = () => t.withKey('DTP-THUE-1', { topics: ['tax-assessment'] });

  beforeAll(async () => {
    t = await startWithProcedure();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function receive(n: number, externalRef?: (i: number) => string): Promise<DossierDto[]> {
    const out: DossierDto[] = [];
    for (let i = 0; i < n; i++) {
      const res = await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'thue-dat',
        applicant: { name: `Người nộp ${i + 1}` },
        variables: { parcel: { area: 100 + i } },
        ...(externalRef ? { externalRef: externalRef(i) } : {}),
      });
      expect(res.status).toBe(201);
      out.push(res.body);
    }
    return out;
  }
  const fetch = (workerId: string, maxTasks: number, extra: Record<string, unknown> = {}) =>
    tax().post<LockedTaskDto[]>('/external-tasks/fetch-and-lock', {
      workerId,
      maxTasks,
      topics: [TAX],
      ...extra,
    });
  const drain = async () => {
    // complete whatever is left from earlier cases so that each case sees only its own tasks
    for (;;) {
      const left = (await fetch('don-dep', 100)).body;
      if (left.length === 0) return;
      for (const task of left)
        await tax().post(`/external-tasks/${task.id}/complete`, { workerId: 'don-dep', variables: {} });
    }
  };

  it('hands each task to one worker only when two fetch at once, with the dossier variables', async () => {
    // given
    await drain();
    const dossiers = await receive(20);

    // when
    const [a, b] = await Promise.all([fetch('may-a', 15), fetch('may-b', 15)]);

    // then
    expect([a.status, b.status]).toEqual([200, 200]);
    const ids = [...a.body, ...b.body].map((x) => x.id);
    expect(new Set(ids).size).toBe(20);
    expect(a.body.every((x) => x.workerId === 'may-a') && b.body.every((x) => x.workerId === 'may-b')).toBe(
      true,
    );
    expect(a.body[0]).toMatchObject({
      topicName: 'tax-assessment',
      unit: 'DTP-THUE-1',
      definitionKey: 'thue-dat',
      variables: { parcel: { area: expect.any(Number) } },
    });
    expect(new Set([...a.body, ...b.body].map((x) => x.dossierId))).toEqual(
      new Set(dossiers.map((d) => d.id)),
    );
    expect((await fetch('may-c', 5)).body).toEqual([]);
  });

  it('lets only the lock holder complete; a repeat by the holder gets the first answer; an expired lock frees the task', async () => {
    // given
    await drain();
    await receive(2);
    const [first, second] = (await fetch('may-a', 2, { topics: [{ ...TAX, lockDuration: 1000 }] })).body;

    // when
    const byOther = await tax().post(`/external-tasks/${first!.id}/complete`, {
      workerId: 'may-b',
      variables: { taxAmount: 1 },
    });
    const withoutId = await tax().post(`/external-tasks/${first!.id}/complete`, {
      variables: { taxAmount: 1 },
    });
    const byHolder = await tax().post<TaskDto>(`/external-tasks/${first!.id}/complete`, {
      workerId: 'may-a',
      variables: { taxAmount: 5_400_000 },
    });
    const again = await tax().post<TaskDto>(`/external-tasks/${first!.id}/complete`, {
      workerId: 'may-a',
      variables: { taxAmount: 5_400_000 },
    });
    await new Promise((r) => setTimeout(r, 1100));
    const refetched = (await fetch('may-b', 5)).body;

    // then
    expect([byOther.status, withoutId.status]).toEqual([409, 409]);
    expect(byOther.body).toMatchObject({ code: 'task-locked' });
    expect(byHolder.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: first!.id,
      status: 'completed',
      result: { taxAmount: 5_400_000 },
    });
    const history = (await t.query(
      `SELECT count(*)::int AS n FROM history_events WHERE task_id = $1 AND type = 'task.completed'`,
      [first!.id],
    )) as Array<{ n: number }>;
    expect(history[0]!.n).toBe(1);
    expect(refetched.map((x) => x.id)).toEqual([second!.id]);
  });

  it('retries a failed task after its timeout, raises an incident at zero retries, and an admin sends it back', async () => {
    // given
    await drain();
    const [dossier] = await receive(1);
    const [task] = (await fetch('may-a', 1)).body;

    // when the worker fails with one retry left, after 300 ms
    const failed = await tax().post<TaskDto>(`/external-tasks/${task!.id}/failure`, {
      workerId: 'may-a',
      errorMessage: 'Hệ thống thuế không phản hồi',
      retries: 1,
      retryTimeout: 300,
    });
    const tooSoon = (await fetch('may-a', 1)).body;
    await new Promise((r) => setTimeout(r, 350));
    const [retried] = (await fetch('may-a', 1)).body;
    const exhausted = await tax().post<TaskDto>(`/external-tasks/${task!.id}/failure`, {
      workerId: 'may-a',
      errorMessage: 'Vẫn lỗi',
      retries: 0,
    });
    const notFetched = (await fetch('may-a', 1)).body;
    const admin = t.as('DTP-VP', ['admin']);
    const incidents = await admin.get<TaskDto[]>('/incidents');
    const notForOfficers = await t.as('DTP-THUE-1', ['leader']).get('/incidents');
    const resolved = await admin.post<TaskDto>(`/incidents/${task!.id}/retry`, { retries: 2 });
    const [back] = (await fetch('may-a', 1)).body;

    // then
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      retries: 1,
      errorMessage: 'Hệ thống thuế không phản hồi',
      workerId: null,
      incidentAt: null,
    });
    expect(tooSoon).toEqual([]);
    expect(retried).toMatchObject({ id: task!.id, retries: 1, errorMessage: 'Hệ thống thuế không phản hồi' });
    expect(exhausted.body).toMatchObject({ retries: 0, incidentAt: expect.any(String) });
    expect(notFetched).toEqual([]);
    expect(incidents.body.map((x) => x.id)).toEqual([task!.id]);
    expect(notForOfficers.status).toBe(403);
    expect(resolved.body).toMatchObject({ retries: 2, incidentAt: null });
    expect(back?.id).toBe(task!.id);
    const types = (await t.query(
      `SELECT type FROM history_events WHERE task_id = $1 ORDER BY history_id, n`,
      [task!.id],
    )) as Array<{ type: string }>;
    expect(types.map((x) => x.type)).toEqual(
      expect.arrayContaining(['task.failed', 'incident.created', 'incident.resolved']),
    );
    expect((await admin.post(`/incidents/${task!.id}/retry`, { retries: 1 })).status).toBe(409);
    expect(dossier!.status).toBe('active');
  });

  it('routes a BPMN error of the lock holder to the error boundary event', async () => {
    await drain();
    const [dossier] = await receive(1);
    const [task] = (await fetch('may-a', 1)).body;
    const res = await tax().post<{ dossier: { activeSteps: Array<{ nodeId: string }> } }>(
      `/external-tasks/${task!.id}/bpmn-error`,
      {
        workerId: 'may-a',
        errorCode: 'KHONG_XAC_DINH',
        errorMessage: 'Thửa đất chưa có giá đất',
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.dossier.activeSteps.map((s) => s.nodeId)).toEqual(['xuLyLoi']);
    expect((await t.api.get<DossierDto>(`/dossiers/${dossier!.id}`)).body.activeSteps[0]).toMatchObject({
      nodeId: 'xuLyLoi',
    });
  });

  it('extends and releases locks for their holder only', async () => {
    await drain();
    await receive(1);
    const [task] = (await fetch('may-a', 1, { topics: [{ ...TAX, lockDuration: 1000 }] })).body;
    const byOther = await tax().post(`/external-tasks/${task!.id}/extend-lock`, {
      workerId: 'may-b',
      newDuration: 60_000,
    });
    const extended = await tax().post(`/external-tasks/${task!.id}/extend-lock`, {
      workerId: 'may-a',
      newDuration: 60_000,
    });
    await new Promise((r) => setTimeout(r, 1100));
    const stillLocked = (await fetch('may-b', 1)).body;
    const unlocked = await tax().post(`/external-tasks/${task!.id}/unlock`);
    const free = (await fetch('may-b', 1)).body;
    expect([byOther.status, extended.status, unlocked.status]).toEqual([409, 204, 204]);
    expect(stillLocked).toEqual([]);
    expect(free.map((x) => x.id)).toEqual([task!.id]);
  });

  it('waits (long polling) until a task arrives, or answers [] at the timeout', async () => {
    await drain();
    const started = Date.now();
    const waiting = fetch('may-a', 1, { asyncResponseTimeout: 5_000 });
    await new Promise((r) => setTimeout(r, 300));
    const [dossier] = await receive(1);
    const got = await waiting;
    const elapsed = Date.now() - started;
    expect(got.body.map((x) => x.dossierId)).toEqual([dossier!.id]);
    expect(elapsed).toBeLessThan(4_000);
    const empty = Date.now();
    expect((await fetch('may-a', 1, { asyncResponseTimeout: 400 })).body).toEqual([]);
    expect(Date.now() - empty).toBeGreaterThanOrEqual(350);
  });

  it('keeps every system within its unit and topics', async () => {
    await drain();
    await receive(1);
    const land = t.withKey('DTP-VPDK-CL');
    const otherTopic = t.withKey('DTP-THUE-1', { topics: ['other-topic'] });
    const asUser = t.as('DTP-THUE-1', ['officer']);
    expect(
      (
        await land.post<LockedTaskDto[]>('/external-tasks/fetch-and-lock', {
          workerId: 'x',
          maxTasks: 5,
          topics: [TAX],
        })
      ).body,
    ).toEqual([]);
    expect(
      (await otherTopic.post('/external-tasks/fetch-and-lock', { workerId: 'x', maxTasks: 5, topics: [TAX] }))
        .status,
    ).toBe(403);
    expect(
      (await asUser.post('/external-tasks/fetch-and-lock', { workerId: 'x', maxTasks: 5, topics: [TAX] }))
        .status,
    ).toBe(403);
    const [task] = (await fetch('may-a', 1)).body;
    expect((await land.post(`/external-tasks/${task!.id}/complete`, { workerId: 'may-a' })).status).toBe(404);
    const bad = await Promise.all([
      tax().post('/external-tasks/fetch-and-lock', { workerId: 'x', maxTasks: 0, topics: [TAX] }),
      tax().post('/external-tasks/fetch-and-lock', { workerId: 'x', maxTasks: 1, topics: [] }),
      tax().post('/external-tasks/fetch-and-lock', { workerId: 'x', maxTasks: 1, topics: [TAX, TAX] }),
      tax().post('/external-tasks/fetch-and-lock', { maxTasks: 1, topics: [TAX] }),
    ]);
    expect(bad.map((r) => r.status)).toEqual([400, 400, 422, 400]);
  });
});

/**
 * Two engine processes on one database: a worker long-polling one of them is woken by a task made free
 * by the other (created, unlocked, failed with retries left), through PostgreSQL NOTIFY, not by its
 * periodic look (JOB_POLL_MS, a minute here).
 */
describe('long polling across engine processes', () => {
  let a: TestApp;
  let b: TestApp;
  const taxOf = (t: TestApp) => t.withKey('DTP-THUE-1', { topics: ['tax-assessment'] });

  beforeAll(async () => {
    a = await startWithProcedure({ config: { jobPollMs: 60_000 } });
    b = await startTestApp({ databaseUrl: a.databaseUrl, config: { jobPollMs: 60_000 } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** A long poll on `t` that has started waiting; resolves with what it got and how long it waited. */
  async function waitingOn(t: TestApp, workerId: string) {
    const started = Date.now();
    const answer = taxOf(t)
      .post<LockedTaskDto[]>('/external-tasks/fetch-and-lock', {
        workerId,
        maxTasks: 1,
        topics: [TAX],
        asyncResponseTimeout: 20_000,
      })
      .then((res) => ({ tasks: res.body, waitedMs: Date.now() - started }));
    await new Promise((r) => setTimeout(r, 300));
    return answer;
  }

  it('wakes a worker waiting on one process when the other creates, unlocks or fails a task', async () => {
    // a task created through process B
    const created = waitingOn(a, 'may-a');
    const dossier = await b.api.post<DossierDto>('/dossiers', {
      definitionKey: 'thue-dat',
      applicant: { name: 'Phan Văn Khải' },
    });
    expect(dossier.status).toBe(201);
    const first = await created;
    expect(first.tasks.map((x) => x.dossierId)).toEqual([dossier.body.id]);
    expect(first.waitedMs).toBeLessThan(5_000);
    const task = first.tasks[0]!;

    // unlocked through process B by its holder
    const unlocked = waitingOn(a, 'may-b');
    expect((await taxOf(b).post(`/external-tasks/${task.id}/unlock`)).status).toBe(204);
    const second = await unlocked;
    expect(second.tasks.map((x) => x.id)).toEqual([task.id]);
    expect(second.waitedMs).toBeLessThan(5_000);

    // failed through process B with retries left and no delay
    const retried = waitingOn(a, 'may-c');
    const failed = await taxOf(b).post(`/external-tasks/${task.id}/failure`, {
      workerId: 'may-b',
      errorMessage: 'Hết thời gian chờ',
      retries: 2,
      retryTimeout: 0,
    });
    expect(failed.status).toBe(200);
    const third = await retried;
    expect(third.tasks.map((x) => x.id)).toEqual([task.id]);
    expect(third.waitedMs).toBeLessThan(5_000);
  });
});

/** Messages (callbacks): before and after the wait, once per messageId, by correlation key, with a time to live. */
describe('messages from agency systems', () => {
  let t: TestApp;
  const land = () => t.withKey('DTP-VPDK-CL');

  beforeAll(async () => {
    t = await startWithProcedure();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function receive(externalRef?: string): Promise<DossierDto> {
    return (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'thue-dat',
        applicant: { name: 'Phạm Thị Thu' },
        ...(externalRef ? { externalRef } : {}),
      })
    ).body;
  }
  async function assess(dossier: DossierDto): Promise<void> {
    const key = t.withKey('DTP-THUE-1');
    const task = (await key.get<PageDto<TaskDto>>(`/external-tasks?dossierId=${dossier.id}`)).body.items[0]!;
    expect(
      (await key.post(`/external-tasks/${task.id}/complete`, { variables: { taxAmount: 3_000_000 } })).status,
    ).toBe(200);
  }
  async function steps(dossier: DossierDto): Promise<string[]> {
    return (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body.activeSteps.map((s) => s.nodeId);
  }
  async function until(check: () => Promise<boolean>): Promise<void> {
    const end = Date.now() + 5_000;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('not reached');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('delivers a waiting dossier at once (200), and keeps an early message until the dossier waits (202)', async () => {
    const early = await receive();
    const kept = await land().post<MessageResultDto>('/messages', {
      name: 'payment-confirmed',
      dossierId: early.id,
      variables: { paidAt: '2026-03-02' },
    });
    expect(kept.status).toBe(202);
    expect(kept.body).toMatchObject({ correlated: false, buffered: true, expiresAt: expect.any(String) });
    await assess(early);
    await until(async () => (await steps(early)).length === 0);
    expect((await t.api.get<DossierDto>(`/dossiers/${early.id}`)).body).toMatchObject({
      status: 'completed',
      variables: { paidAt: '2026-03-02' },
    });
    expect(await t.query(`SELECT * FROM buffered_messages WHERE dossier_id = $1`, [early.id])).toEqual([]);

    const waiting = await receive();
    await assess(waiting);
    const now = await land().post<MessageResultDto>('/messages', {
      name: 'payment-confirmed',
      dossierCode: waiting.code,
    });
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ correlated: true, buffered: false });
  });

  it('applies the same messageId once and answers a repeat with the first answer; other content under that id is 409', async () => {
    const dossier = await receive();
    await assess(dossier);
    const body = {
      name: 'payment-confirmed',
      dossierId: dossier.id,
      messageId: 'kbnn-000871',
      variables: { paidAt: '2026-03-03' },
    };
    const [first, second] = [await land().post('/messages', body), await land().post('/messages', body)];
    const changed = await land().post('/messages', { ...body, variables: { paidAt: '2026-03-04' } });
    expect([first.status, second.status, changed.status]).toEqual([200, 200, 409]);
    expect(second.body).toEqual(first.body);
    const correlated = (await t.query(
      `SELECT count(*)::int AS n FROM history_events WHERE dossier_id = $1 AND type = 'message.correlated'`,
      [dossier.id],
    )) as Array<{ n: number }>;
    expect(correlated[0]!.n).toBe(1);
  });

  it('finds the dossier by correlationKey (its number in the sender system)', async () => {
    const dossier = await receive('G22.99-260302-000123');
    await assess(dossier);
    const res = await land().post<MessageResultDto>('/messages', {
      name: 'payment-confirmed',
      correlationKey: 'G22.99-260302-000123',
    });
    expect(res.status).toBe(200);
    expect(res.body.dossierId).toBe(dossier.id);
    expect(
      (await land().post('/messages', { name: 'payment-confirmed', correlationKey: 'khong-co' })).status,
    ).toBe(404);
  });

  it('drops a kept message after its time to live', async () => {
    const dossier = await receive();
    expect(
      (await land().post('/messages', { name: 'payment-confirmed', dossierId: dossier.id, ttlSeconds: 1 }))
        .status,
    ).toBe(202);
    await new Promise((r) => setTimeout(r, 1200));
    await assess(dossier);
    await new Promise((r) => setTimeout(r, 200));
    expect(await steps(dossier)).toEqual(['nopTien']);
  });

  it("delivers a message awaited by a step's message boundary event, from the step's unit", async () => {
    // given a procedure whose survey step is interrupted when the registry reports the parcel disputed
    const xml = bpmnFixture(
      `<startEvent id="s"/>
       <userTask id="doDac" name="Đo đạc thửa đất" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer"/>
       <boundaryEvent id="tranhChap" attachedToRef="doDac"><messageEventDefinition messageRef="T"/></boundaryEvent>
       <endEvent id="xong"/><endEvent id="dung"/>
       ${chain('s', 'doDac', 'xong')}${chain('tranhChap', 'dung')}`,
      {
        id: 'do-dac',
        attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d"',
        extra: '<message id="T" name="parcel-disputed"/>',
      },
    );
    expect((await t.api.post('/definitions', xml)).status).toBe(201);
    expect((await t.api.post('/definitions/do-dac/versions/1/publish')).status).toBe(200);
    const dossier = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'do-dac',
        applicant: { name: 'Đỗ Văn Tài' },
      })
    ).body;

    // when the land registry's system sends it
    const res = await land().post<MessageResultDto>('/messages', {
      name: 'parcel-disputed',
      dossierId: dossier.id,
    });

    // then the step is interrupted and the dossier ends at the boundary's end event
    expect(res.status).toBe(200);
    const after = (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body;
    expect(after.status).toBe('completed');
    expect(after.activeSteps).toEqual([]);
  });

  it('refuses messages outside the sender scope or the procedure, changing nothing', async () => {
    const dossier = await receive();
    const limited = t.withKey('DTP-VPDK-CL', { messageNames: ['supplement-received'] });
    const refusals = await Promise.all([
      limited.post('/messages', { name: 'payment-confirmed', dossierId: dossier.id }),
      t.withKey('XMT-CA').post('/messages', { name: 'payment-confirmed', dossierId: dossier.id }),
      t.withKey('DTP-THUE-1').post('/messages', { name: 'khong-co-buoc-nao', dossierId: dossier.id }),
      land().post('/messages', {
        name: 'payment-confirmed',
        dossierId: dossier.id,
        dossierCode: dossier.code,
      }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([403, 404, 422, 422]);
    expect(await t.query(`SELECT * FROM buffered_messages WHERE dossier_id = $1`, [dossier.id])).toEqual([]);
  });
});

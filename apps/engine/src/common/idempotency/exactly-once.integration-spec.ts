import { Client } from 'pg';
import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, MessageResultDto, TaskCompletionDto, TaskDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { callerScopedKey } from './request-hash.util';

jest.setTimeout(60_000);

const PROCESS = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiep_nhan" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <userTask id="tham_dinh" name="Thẩm định" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer"/>
   <receiveTask id="nop_tien" name="Chờ nộp tiền" messageRef="m_paid" lt:unit="DTP-VPDK-CL"/>
   <endEvent id="e"/>${chain('s', 'tiep_nhan', 'tham_dinh', 'nop_tien', 'e')}`,
  {
    id: 'mot-lan',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="10d"',
    extra: '<message id="m_paid" name="payment-confirmed"/>',
  },
);

/**
 * Exactly once with Idempotency-Key: the reservation, the command, its audit record and its answer
 * commit in one transaction (common/idempotency/command-key.ts).
 */
describe('commands with an Idempotency-Key run exactly once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const deployed = await t.api.post<{ version: number }>('/definitions', PROCESS);
    await t.api.post(`/definitions/mot-lan/versions/${deployed.body.version}/publish`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const desk = () => t.as('DTP-TTHCC', ['reception']);
  const registry = () => t.as('DTP-VPDK-CL', ['officer']);
  const receive = (name: string, headers?: Record<string, string>) =>
    desk().post<DossierDto>('/dossiers', { definitionKey: 'mot-lan', applicant: { name } }, headers);
  const openSteps = async (dossier: DossierDto) =>
    (await t.api.get<{ items: TaskDto[] }>(`/tasks?dossierId=${dossier.id}&status=active`)).body.items;
  const count = async (sql: string, params: unknown[]) =>
    ((await t.query(sql, params)) as Array<{ n: number }>)[0]!.n;

  it('answers concurrent retries of a completion with the one answer, applying it once', async () => {
    // given a dossier at its first step
    const dossier = (await receive('Lê Văn Một')).body;
    const [step] = await openSteps(dossier);
    const headers = { 'idempotency-key': 'complete-race-1' };

    // when five copies of the same completion arrive at once
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        desk().post<TaskCompletionDto>(`/tasks/${step!.id}/complete`, {}, headers),
      ),
    );

    // then every copy gets 200 and the same answer; the step was completed once, the dossier moved once
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM history_events WHERE task_id = $1 AND type = 'task.completed'`,
        [step!.id],
      ),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM tasks WHERE dossier_id = $1`, [dossier.id])).toBe(2);
    // and the audit log has the command once and its replays as replays
    const audit = (await t.query(
      `SELECT outcome, count(*)::int AS n FROM audit_log WHERE action = 'task.complete' AND target_id = $1
        GROUP BY outcome ORDER BY outcome`,
      [step!.id],
    )) as unknown[];
    expect(audit).toEqual([
      { outcome: 'replayed', n: 4 },
      { outcome: 'success', n: 1 },
    ]);
  });

  it('receives one dossier for concurrent copies of a keyed reception', async () => {
    // when three copies of one reception arrive at once
    const headers = { 'idempotency-key': 'receive-race-1' };
    const answers = await Promise.all([1, 2, 3].map(() => receive('Trần Thị Ba', headers)));

    // then one dossier exists, and every copy names it
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM dossiers WHERE applicant->>'name' = 'Trần Thị Ba'`, []),
    ).toBe(1);
  });

  it('takes over at once a key whose holder died before committing, and runs the command once', async () => {
    // given an engine that reserved a key in its transaction and then lost its connection (killed)
    const me = await desk().get<{ id: string; kind: string }>('/auth/me');
    const key = 'receive-after-crash-1';
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    holder.on('error', () => undefined);
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO idempotency_keys (key, method, path, request_hash) VALUES ($1, 'POST', '/api/v1/dossiers', $2)`,
      [callerScopedKey({ kind: me.body.kind, id: me.body.id }, key), 'f'.repeat(64)],
    );
    const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');

    // when the client retries while the dead engine's transaction is still open, then the connection drops
    let answered = false;
    const retry = receive('Phạm Văn Bốn', { 'idempotency-key': key }).then((a) => {
      answered = true;
      return a;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waitedForHolder = !answered;
    await t.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    const answer = await retry;
    await holder.end().catch(() => undefined);

    // then the retry waited for the holder, then ran: one dossier, answered 201
    expect(waitedForHolder).toBe(true);
    expect(answer.status).toBe(201);
    expect(
      await count(`SELECT count(*)::int AS n FROM dossiers WHERE applicant->>'name' = 'Phạm Văn Bốn'`, []),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE response_status = 201 AND response_body->>'id' = $1`,
        [answer.body.id],
      ),
    ).toBe(1);
  });

  it('keeps nothing of a refused keyed command', async () => {
    // given a step of the desk, and an officer of another unit who may not see it
    const dossier = (await receive('Hoàng Thị Năm')).body;
    const [step] = await openSteps(dossier);
    const me = await registry().get<{ id: string; kind: string }>('/auth/me');
    const headers = { 'idempotency-key': 'refused-1' };

    // when that officer tries to complete it with a key
    const refused = await registry().post(`/tasks/${step!.id}/complete`, {}, headers);

    // then "not found", and the key keeps nothing: the same request may run later
    expect(refused.status).toBe(404);
    expect(
      await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [
        callerScopedKey({ kind: me.body.kind, id: me.body.id }, 'refused-1'),
      ]),
    ).toBe(0);
    expect((await openSteps(dossier)).map((s) => s.id)).toEqual([step!.id]);
  });

  it('keeps a claim, its audit record and its answer together; the retry is a replay', async () => {
    // given a dossier at the registry's step
    const dossier = (await receive('Đỗ Văn Sáu')).body;
    const [first] = await openSteps(dossier);
    await desk().post(`/tasks/${first!.id}/complete`, {});
    const [review] = await openSteps(dossier);
    const headers = { 'idempotency-key': 'claim-1' };

    // when the officer claims it and the client retries
    const claimed = await registry().post<TaskDto>(`/tasks/${review!.id}/claim`, {}, headers);
    const retried = await registry().post<TaskDto>(`/tasks/${review!.id}/claim`, {}, headers);

    // then one claim, answered twice the same, audited as a success and a replay
    expect([claimed.status, retried.status]).toEqual([200, 200]);
    expect(retried.body).toEqual(claimed.body);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(
      await t.query(
        `SELECT outcome, dossier_id FROM audit_log WHERE action = 'task.claim' AND target_id = $1 ORDER BY id`,
        [review!.id],
      ),
    ).toEqual([
      { outcome: 'success', dossier_id: dossier.id },
      { outcome: 'replayed', dossier_id: dossier.id },
    ]);
  });

  it('correlates a keyed payment message once; its retry and a copy with the same messageId get its answer', async () => {
    // given a dossier waiting for the payment
    const dossier = (await receive('Vũ Thị Bảy')).body;
    const [first] = await openSteps(dossier);
    await desk().post(`/tasks/${first!.id}/complete`, {});
    const [review] = await openSteps(dossier);
    await registry().post(`/tasks/${review!.id}/complete`, {});
    const body = {
      name: 'payment-confirmed',
      dossierId: dossier.id,
      messageId: 'kbnn-771',
      variables: { paid: true },
    };

    // when the message arrives with a key, is retried with it, and a copy comes with another key at once
    const [sent, copy] = await Promise.all([
      registry().post<MessageResultDto>('/messages', body, { 'idempotency-key': 'pay-1' }),
      registry().post<MessageResultDto>('/messages', body, { 'idempotency-key': 'pay-2' }),
    ]);
    const retried = await registry().post<MessageResultDto>('/messages', body, {
      'idempotency-key': 'pay-1',
    });

    // then one correlation; all three answered 200 with it (none kept for later)
    expect([sent.status, copy.status, retried.status]).toEqual([200, 200, 200]);
    expect(copy.body).toEqual(sent.body);
    expect(retried.body).toEqual(sent.body);
    expect(sent.body).toMatchObject({ correlated: true, buffered: false });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM history_events WHERE dossier_id = $1 AND type = 'message.correlated'`,
        [dossier.id],
      ),
    ).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM buffered_messages WHERE dossier_id = $1`, [dossier.id]),
    ).toBe(0);
  });
});

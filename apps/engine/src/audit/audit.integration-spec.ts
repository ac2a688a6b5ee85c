import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, PageDto, TaskDto } from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { startTestApp, type TestApp } from '../testing/test-app';
import { AUDIT_ACTION, type AuditSpec } from './audit.decorator';

jest.setTimeout(60_000);

interface Route {
  controller: string;
  path: string;
  method: string;
  audit: AuditSpec | undefined;
}

/** Every route of the running app, with its @Audit metadata. */
function routesOf(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        routes.push({
          controller: type.name,
          path: `${base}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')}`,
          method: RequestMethod[method],
          audit: Reflect.getMetadata(AUDIT_ACTION, handler) as AuditSpec | undefined,
        });
      }
    }
  }
  return routes;
}

const PROCESS = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiep_nhan" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <userTask id="tham_dinh" name="Thẩm định" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer"/>
   <serviceTask id="thue" name="Xác định nghĩa vụ tài chính" lt:unit="DTP-THUE-1" lt:topic="tax-assessment"/>
   <receiveTask id="nop_tien" name="Chờ nộp tiền" messageRef="m_paid" lt:unit="DTP-VPDK-CL"/>
   <endEvent id="e"/>${chain('s', 'tiep_nhan', 'tham_dinh', 'thue', 'nop_tien', 'e')}`,
  {
    id: 'nhat-ky',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="10d"',
    extra: '<message id="m_paid" name="payment-confirmed"/>',
  },
);

/**
 * The audit log: every state-changing route is audited (checked on the app's own route table), each
 * command kind leaves its record (success, denied or failed) with actor, unit, target and dossier, and the
 * table refuses updates and deletes.
 */
describe('audit log', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const audited = async () =>
    (await t.query(
      `SELECT action, outcome, actor_id, unit_code, target_type, target_id, dossier_id, status FROM audit_log ORDER BY id`,
    )) as Array<{
      action: string;
      outcome: string;
      actor_id: string;
      unit_code: string | null;
      target_type: string | null;
      target_id: string | null;
      dossier_id: string | null;
      status: number;
    }>;

  it('marks every state-changing route of the API with its audit action', () => {
    const commands = routesOf(t).filter((r) => r.method !== 'GET' && !r.path.startsWith('test/'));
    expect(commands.length).toBeGreaterThan(20);
    expect(
      commands.filter((r) => r.audit === undefined).map((r) => `${r.method} ${r.path} (${r.controller})`),
    ).toEqual([
      // validating a draft changes nothing
      'POST definitions/validate (DefinitionsController)',
      // nor does the preview of a migration
      'POST migrations/plan (VersionMigrationController)',
      // a live-stream ticket is signed, not stored: nothing changes
      'POST events/ticket (LiveController)',
    ]);
  });

  it('records every command kind, with who, which unit, what, on which dossier, and the result', async () => {
    // given a procedure and a dossier driven through each kind of command
    const deployed = await t.api.post<{ key: string; version: number }>('/definitions', PROCESS);
    await t.api.post(`/definitions/nhat-ky/versions/${deployed.body.version}/publish`);
    const dossier = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'nhat-ky',
        applicant: { name: 'Trần Thị Bình' },
      })
    ).body;
    const step = async (nodeId: string) =>
      (await t.api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossier.id}&status=active`)).body.items.find(
        (x) => x.nodeId === nodeId,
      )!;
    await t.api.post(`/tasks/${(await step('tiep_nhan')).id}/complete`, {});
    const review = await step('tham_dinh');
    await t.api.post(`/tasks/${review.id}/claim`);
    await t.api.post(`/tasks/${review.id}/unclaim`);
    await t.api.post(`/tasks/${review.id}/assign`, { username: null });
    await t.api.post(`/tasks/${review.id}/supplement-request`, { items: ['Bản sao CCCD'] });
    await t.api.post(`/dossiers/${dossier.id}/supplement-received`, {});
    // not an earlier step of the dossier: 422, still recorded
    await t.api.post(`/tasks/${review.id}/send-back`, { targetNodeId: 'khong-co', reason: 'Thử' });
    await t.api.post(`/tasks/${review.id}/complete`, {});
    const tax = (await t.api.get<PageDto<TaskDto>>(`/external-tasks?dossierId=${dossier.id}`)).body.items[0]!;
    await t.api.post(`/external-tasks/${tax.id}/bpmn-error`, { errorCode: 'KHONG_BAT' }); // no boundary: 422
    const taxSystem = t.withKey('DTP-THUE-1');
    const topics = [{ topicName: 'tax-assessment', lockDuration: 60_000 }];
    await taxSystem.post('/external-tasks/fetch-and-lock', { workerId: 'w1', maxTasks: 1, topics });
    await taxSystem.post(`/external-tasks/${tax.id}/extend-lock`, { workerId: 'w1', newDuration: 60_000 });
    await taxSystem.post(`/external-tasks/${tax.id}/unlock`);
    await taxSystem.post('/external-tasks/fetch-and-lock', { workerId: 'w1', maxTasks: 1, topics });
    await taxSystem.post(`/external-tasks/${tax.id}/failure`, {
      workerId: 'w1',
      errorMessage: 'Mất kết nối',
      retries: 0,
    });
    await t.as('DTP-VP', ['admin']).post(`/incidents/${tax.id}/retry`, { retries: 1 });
    await t.api.post(`/external-tasks/${tax.id}/complete`, { variables: { amount: 1_200_000 } });
    await t.api.post(`/dossiers/${dossier.id}/pause`, { reason: 'Lấy ý kiến chuyên gia' });
    await t.api.post(`/dossiers/${dossier.id}/resume`, { reason: 'Đã có ý kiến chuyên gia' });
    await t.api.post(`/dossiers/${dossier.id}/extension`, {
      newDueAt: '2099-01-01T10:00:00+07:00',
      reason: 'Chờ đo đạc lại',
    });
    await t.api.post('/messages', { name: 'payment-confirmed', dossierId: dossier.id });
    const other = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'nhat-ky',
        applicant: { name: 'Lê Văn Cường' },
      })
    ).body;
    await t.api.post(`/dossiers/${other.id}/cancel`, { reason: 'Người nộp rút hồ sơ' });
    const stopped = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'nhat-ky',
        applicant: { name: 'Đặng Văn Dừng' },
      })
    ).body;
    await t.api.post(`/dossiers/${stopped.id}/stop`, { reason: 'Không bổ sung hồ sơ đúng hạn' });
    // the desk: a refusal, a supplement guidance, and a return with no result waiting (409, still recorded)
    const desk = t.as('DTP-TTHCC', ['reception']);
    const refused = await desk.post<DossierDto>('/dossiers/refusals', {
      definitionKey: 'nhat-ky',
      applicant: { name: 'Phan Văn Từ' },
      reasons: ['Không thuộc thẩm quyền giải quyết'],
    });
    await desk.post('/dossiers/reception-guidance', {
      definitionKey: 'nhat-ky',
      applicant: { name: 'Phan Thị Thiếu' },
      items: ['Tờ khai: chưa ký'],
    });
    await desk.post(`/dossiers/${dossier.id}/return`, { collectorName: 'Trần Thị Bình' });
    // and the administration
    await t.api.put('/calendar/decisions/2030', { decisions: [], reason: 'Chưa có quyết định' });
    await t.api.put('/reports/settings', {
      effectiveFrom: '2099-01-01',
      countPausedInProgress: true,
      criticismFrom: 5,
      disciplineFrom: 10,
      criticismsForDiscipline: 3,
      basis: 'Quyết định của tỉnh',
    });
    // (v1 to v1: refused, still recorded)
    await t.api.post(
      '/migrations/execute',
      { definitionKey: 'nhat-ky', sourceVersion: 1, targetVersion: 1 },
      { 'idempotency-key': 'audit-migrate-1' },
    );
    await t.api.post('/units', {
      code: 'XMT-TNMT',
      eIdentifier: '000.36.40.H20',
      name: 'Phòng Tài nguyên xã Mỹ Thọ',
      level: 'division',
      parentCode: 'XMT',
    });
    await t.api.patch('/units/XMT-TNMT', { name: 'Phòng Nông nghiệp và Môi trường xã Mỹ Thọ' });
    await t.api.post('/units/XMT-TNMT/merge', { into: 'XMT-KT' });
    const user = await t.api.post<{ id: string }>('/users', {
      username: 'cv.nhatky',
      displayName: 'Võ Thị Diễm',
      unitCode: 'XMT-KT',
      roles: ['officer'],
      password: 'mat-khau-nhat-ky',
    });
    await t.api.patch(`/users/${user.body.id}`, { displayName: 'Võ Thị Diễm My' });
    const key = await t.api.post<{ id: string }>('/api-keys', {
      name: 'Hệ thống địa chính',
      unitCode: 'DTP-VPDK-CL',
    });
    await t.api.post(`/api-keys/${key.body.id}/revoke`);
    const hook = await t.api.post<{ id: string }>('/webhooks', {
      url: 'http://127.0.0.1:9/lien-thong',
      events: ['dossier.finished'],
      unitCode: 'DTP-TTHCC',
    });
    await t.api.post(`/webhooks/${hook.body.id}/deliveries/1/retry`); // nothing to retry (404), still recorded
    await t.api.post(`/webhooks/${hook.body.id}/deactivate`);
    const officer = t.as('DTP-VPDK-CL', ['officer']);
    const saved = await officer.post<{ id: string }>('/me/saved-filters', {
      name: 'Quá hạn',
      query: { deadlineStatus: 'overdue' },
    });
    await officer.request('DELETE', `/me/saved-filters/${saved.body.id}`);
    const draft = await t.api.post<{ id: string }>('/drafts', { xml: PROCESS });
    await t.api.put(`/drafts/${draft.body.id}`, { xml: PROCESS, revision: 1 });
    await t.api.request('DELETE', `/drafts/${draft.body.id}`);
    const signedIn = await t.anonymous.post<{ accessToken: string; refreshToken: string }>('/auth/login', {
      username: 'cv.nhatky',
      password: 'mat-khau-nhat-ky',
    });
    const refreshed = await t.anonymous.post<{ accessToken: string }>('/auth/refresh', {
      refreshToken: signedIn.body.refreshToken,
    });
    await t.anonymous.post('/auth/logout', {}, { authorization: `Bearer ${refreshed.body.accessToken}` });
    await t.anonymous.post('/auth/login', { username: 'cv.nhatky', password: 'sai-mat-khau' });

    // when the log is read
    const rows = await audited();

    // then every audited action of the API appears
    const actions = new Set(rows.map((r) => r.action));
    const declared = new Set(routesOf(t).flatMap((r) => (r.audit ? [r.audit.action] : [])));
    expect([...declared].filter((a) => !actions.has(a)).sort()).toEqual([]);
    // with the actor, unit, target and dossier
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'dossier.receive',
          outcome: 'success',
          unit_code: 'DTP-TTHCC',
          target_type: 'dossier',
          dossier_id: dossier.id,
          status: 201,
        }),
        expect.objectContaining({
          action: 'task.complete',
          outcome: 'success',
          unit_code: 'DTP-VPDK-CL',
          target_id: review.id,
          dossier_id: dossier.id,
        }),
        expect.objectContaining({
          action: 'external_task.bpmn_error',
          outcome: 'failed',
          status: 422,
          actor_id: expect.stringMatching(/^apikey:/),
        }),
        expect.objectContaining({ action: 'message.correlate', outcome: 'success', dossier_id: dossier.id }),
        expect.objectContaining({
          action: 'dossier.refuse',
          outcome: 'success',
          target_type: 'dossier',
          dossier_id: refused.body.id,
          status: 201,
        }),
        expect.objectContaining({ action: 'dossier.return', outcome: 'failed', status: 409 }),
        expect.objectContaining({ action: 'definition.publish', outcome: 'success', target_id: 'nhat-ky' }),
        expect.objectContaining({ action: 'unit.merge', target_id: 'XMT-TNMT' }),
        expect.objectContaining({ action: 'auth.login', outcome: 'success', actor_id: 'anonymous' }),
        expect.objectContaining({ action: 'auth.login', outcome: 'denied', status: 401 }),
        expect.objectContaining({
          action: 'auth.logout',
          outcome: 'success',
          actor_id: 'cv.nhatky',
          unit_code: 'XMT-KT',
        }),
      ]),
    );
  });

  it('records denied commands too, and answers GET /audit to admins only, with filters', async () => {
    // given
    const commands = async () => (await audited()).filter((r) => r.action !== 'auth.login').length; // test sign-ins aside
    const before = await commands();
    const denied = await t.as('DTP-THUE-1', ['officer']).post('/definitions/nhat-ky/versions/1/publish');
    const anonymous = await t.anonymous.post('/units', { code: 'X' });

    // when
    const log = await t
      .as('DTP-VP', ['admin'])
      .get<PageDto<{ action: string; outcome: string; actorId: string; status: number }>>(
        '/audit?action=definition.publish&outcome=denied&limit=5',
      );
    const refused = await t.as('DTP-VPDK-CL', ['leader']).get('/audit');

    // then
    expect([denied.status, anonymous.status]).toEqual([403, 401]);
    expect(await commands()).toBe(before + 2);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        action: 'definition.publish',
        outcome: 'denied',
        status: 403,
        actorId: 't.dtp-thue-1.officer',
      }),
    ]);
    expect(refused.status).toBe(403);
    expect((await t.as('DTP-VP', ['admin']).get('/audit?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('searches the last 3 months by default, says the period in the answer, and searches further back when asked', async () => {
    // given an entry of four months ago (dated directly: the log is append-only, the engine writes it now)
    const admin = t.as('DTP-VP', ['admin']);
    const old = new Date(Date.now() - 122 * 86_400_000);
    await t.query(
      `INSERT INTO audit_log (at, actor_kind, actor_id, action, method, path, status, outcome)
       VALUES ($1, 'user', 'cv.cu', 'dossier.receive', 'POST', '/api/v1/dossiers', 201, 'success')`,
      [old],
    );
    type Page = PageDto<{ actorId: string }> & { from: string; to: string | null };

    // when the log is searched without a period, then from five months ago, then in a period ending later
    const byDefault = await admin.get<Page>('/audit?actor=cv.cu');
    const wider = await admin.get<Page>(
      `/audit?actor=cv.cu&from=${new Date(Date.now() - 150 * 86_400_000).toISOString()}`,
    );
    const to = new Date(old.getTime() + 86_400_000).toISOString();
    const ending = await admin.get<Page>(`/audit?actor=cv.cu&to=${to}`);
    const empty = await admin.get(`/audit?from=${to}&to=${old.toISOString()}`);

    // then the default period is the 3 months before now, which misses it; the others find it
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.items).toEqual([]);
    expect(byDefault.body.to).toBeNull();
    const months = (Date.now() - Date.parse(byDefault.body.from)) / 86_400_000;
    expect(months).toBeGreaterThanOrEqual(89);
    expect(months).toBeLessThanOrEqual(93);
    expect(wider.body.items.map((e) => e.actorId)).toEqual(['cv.cu']);
    // a period ending at `to` starts 3 months before it
    expect(ending.body.items.map((e) => e.actorId)).toEqual(['cv.cu']);
    expect(ending.body.to).toBe(to);
    const since = new Date(to);
    since.setUTCMonth(since.getUTCMonth() - 3);
    expect(ending.body.from).toBe(since.toISOString());
    expect(empty.status).toBe(400);
  });

  it('records a retry with the same Idempotency-Key as a replay; the command ran once', async () => {
    // given a dossier received with an Idempotency-Key
    const body = { definitionKey: 'nhat-ky', applicant: { name: 'Vũ Thị Thanh' } };
    const headers = { 'idempotency-key': 'audit-replay-1' };
    const first = await t.api.post<DossierDto>('/dossiers', body, headers);
    expect(first.status).toBe(201);

    // when the client retries it
    const replay = await t.api.post<DossierDto>('/dossiers', body, headers);

    // then it gets the first answer (one dossier), and the audit log records the call and its replay
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(
      await t.query(`SELECT count(*)::int AS n FROM dossiers WHERE applicant->>'name' = 'Vũ Thị Thanh'`),
    ).toEqual([{ n: 1 }]);
    const rows = (await t.query(
      `SELECT outcome, status FROM audit_log WHERE action = 'dossier.receive' AND dossier_id = $1 ORDER BY id`,
      [first.body.id],
    )) as unknown[];
    expect(rows).toEqual([
      { outcome: 'success', status: 201 },
      { outcome: 'replayed', status: 201 },
    ]);
  });

  it("commits a command's record with its change: one success for the winner of a race, one failure for the loser", async () => {
    // given a step two people complete at once
    const dossier = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'nhat-ky',
        applicant: { name: 'Đinh Thị Hòa' },
      })
    ).body;
    const intake = (await t.api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossier.id}&status=active`)).body
      .items[0]!;

    // when
    const answers = await Promise.all([
      t.api.post(`/tasks/${intake.id}/complete`, {}),
      t.api.post(`/tasks/${intake.id}/complete`, {}),
    ]);

    // then
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const rows = (await t.query(
      `SELECT outcome, status, dossier_id FROM audit_log WHERE action = 'task.complete' AND target_id = $1 ORDER BY outcome DESC`,
      [intake.id],
    )) as Array<{ outcome: string; status: number; dossier_id: string }>;
    expect(rows).toEqual([
      { outcome: 'success', status: 200, dossier_id: dossier.id },
      { outcome: 'failed', status: 409, dossier_id: dossier.id },
    ]);
  });

  it("searches a dossier's whole life by default, however long ago it was received", async () => {
    // given a dossier received seven months ago (the engine's clock held then)
    const clock = t.app.get(Clock);
    const received = new Date(Date.now() - 210 * 86_400_000);
    clock.set(received);
    let dossier: DossierDto;
    try {
      dossier = (
        await t.api.post<DossierDto>('/dossiers', {
          definitionKey: 'nhat-ky',
          applicant: { name: 'Hồ Văn Xưa' },
        })
      ).body;
    } finally {
      clock.set(new Date());
    }

    // when its entries are searched without a period
    const page = await t
      .as('DTP-VP', ['admin'])
      .get<PageDto<{ action: string }> & { from: string; to: string | null }>(
        `/audit?dossierId=${dossier.id}`,
      );

    // then the period starts a day before its receipt, and its receipt is found
    expect(page.status).toBe(200);
    expect(page.body.from).toBe(new Date(received.getTime() - 86_400_000).toISOString());
    expect(page.body.items.map((e) => e.action)).toContain('dossier.receive');
  });

  it('cannot be changed or deleted, not even by the application', async () => {
    await expect(t.query(`UPDATE audit_log SET outcome = 'success'`)).rejects.toThrow(/append-only/);
    await expect(t.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });
});

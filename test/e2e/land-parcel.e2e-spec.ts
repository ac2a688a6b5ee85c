import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierDto, PageDto, TaskDto } from '@lienthong/contracts';
import { createTestDatabase } from '../support/database';
import { AutoApi } from '../support/api-client';
import { sqlClient, startEngine, type EngineServer } from './support/engine-server';

jest.setTimeout(120_000);

/**
 * A land-parcel splitting dossier (tách thửa đất) driven from receipt to the returned result over
 * HTTP against the built engine, on the procedures seeded from processes/ at first start.
 */
describe('tách thửa đất, end to end over HTTP', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let engine: EngineServer;
  let api: AutoApi;
  let sql: ReturnType<typeof sqlClient>;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await startEngine(db.url, { SEED_DEMO: 'true' });
    sql = sqlClient(db.url);
    api = new AutoApi(engine.baseUrl, sql.query);
  });

  afterAll(async () => {
    await sql?.end();
    await engine?.stop();
    await db?.drop();
  });

  async function waitFor(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function activeTask(dossierId: string, nodeId: string): Promise<TaskDto> {
    const user = await api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossierId}&status=active`);
    const external = await api.get<PageDto<TaskDto>>(`/external-tasks?dossierId=${dossierId}`);
    const task = [...user.body.items, ...external.body.items].find((t) => t.nodeId === nodeId);
    if (!task) {
      throw new Error(
        `No active task ${nodeId}; active: ${[...user.body.items, ...external.body.items].map((t) => t.nodeId).join(', ')}`,
      );
    }
    return task;
  }

  async function complete(dossierId: string, nodeId: string, variables: Record<string, unknown> = {}) {
    const task = await activeTask(dossierId, nodeId);
    const path = task.kind === 'user' ? `/tasks/${task.id}/complete` : `/external-tasks/${task.id}/complete`;
    const res = await api.post<TaskDto>(path, { variables });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('completed');
    return task;
  }

  it('seeds both versions of the procedure, version 2 published', async () => {
    const res = await api.get<PageDto<{ key: string; version: number; status: string }>>(
      '/definitions?key=tach-thua-dat',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((d) => [d.version, d.status])).toEqual([
      [1, 'retired'],
      [2, 'published'],
    ]);
  });

  it('receives, checks (with one supplement), certifies, waits for tax and payment, signs and returns a dossier', async () => {
    // given: a citizen files at the provincial service centre
    const created = await api.post<DossierDto>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Nguyễn Văn An', idNumber: '087090001234', phone: '0912345678' },
      variables: { parcel: { sheet: 12, number: 345, area: 250.5 } },
    });
    expect(created.status).toBe(201);
    const dossier = created.body;
    expect(dossier.code).toMatch(/^000\.00\.02\.H20-\d{6}-\d{4}$/);
    expect(dossier.definitionVersion).toBe(2);
    expect(dossier.activeSteps).toEqual([
      expect.objectContaining({ nodeId: 't_tiep_nhan', waitingFor: 'task', unit: 'DTP-TTHCC' }),
    ]);

    // when: the desk receives it and the land registry branch finds papers missing
    await complete(dossier.id, 't_tiep_nhan');
    const check = await activeTask(dossier.id, 't_kiem_tra');
    expect(check.unit).toBe('DTP-VPDK-CL');
    expect(check.form.map((f) => f.id)).toContain('result');
    const badForm = await api.post(`/tasks/${check.id}/complete`, { variables: { result: 'maybe' } });
    expect(badForm.status).toBe(422);
    expect(badForm.contentType).toContain('application/problem+json');
    await complete(dossier.id, 't_kiem_tra', {
      result: 'missing_papers',
      reason: 'Thiếu bản vẽ sơ đồ thửa đất',
    });
    expect((await api.get<DossierDto>(`/dossiers/${dossier.code}`)).body.activeSteps).toEqual([
      expect.objectContaining({
        nodeId: 'rt_bo_sung',
        waitingFor: 'message',
        messageName: 'supplement-received',
      }),
    ]);
    // the treasury's confirmation arrives before the dossier waits for it: it is kept
    const early = await api.post('/messages', {
      name: 'payment-confirmed',
      dossierCode: dossier.code,
      variables: { paidAt: '2026-03-10' },
    });
    expect(early.status).toBe(202);
    expect(early.body).toMatchObject({ correlated: false, buffered: true, expiresAt: expect.any(String) });
    const supplemented = await api.post('/messages', {
      name: 'supplement-received',
      dossierCode: dossier.code,
      variables: { supplementedPapers: ['so-do'] },
    });
    expect(supplemented.status).toBe(200);

    // then the check comes back, passes, and the certificate path runs with the tax office's system
    await complete(dossier.id, 't_kiem_tra', { result: 'eligible' });
    await complete(dossier.id, 't_xac_nhan', { hasFinancialObligation: true, newParcelCount: 2 });
    const tax = await activeTask(dossier.id, 'st_thue');
    expect(tax).toMatchObject({ kind: 'external', topic: 'tax-assessment', unit: 'DTP-THUE-1' });
    await complete(dossier.id, 'st_thue', { taxAmount: 12500000 });
    // the kept confirmation is delivered as soon as the dossier waits for it (right after the answer)
    await waitFor(
      async () =>
        (await api.get<DossierDto>(`/dossiers/${dossier.id}`)).body.activeSteps[0]?.nodeId === 't_ky',
    );
    await complete(dossier.id, 't_ky');
    await complete(dossier.id, 'st_csdl');
    await complete(dossier.id, 't_tra_kq');

    const done = await api.get<DossierDto>(`/dossiers/${dossier.id}`);
    expect(done.body).toMatchObject({
      status: 'completed',
      activeSteps: [],
      result: { endEventId: 'end_done' },
    });
    expect(done.body.variables).toMatchObject({
      result: 'eligible',
      taxAmount: 12500000,
      hasFinancialObligation: true,
    });
    expect(done.body.endedAt).not.toBeNull();

    const history = await api.get<PageDto<{ type: string; nodeId: string | null }>>(
      `/dossiers/${dossier.id}/history?limit=200`,
    );
    const completedTasks = history.body.items.filter((e) => e.type === 'task.completed').map((e) => e.nodeId);
    expect(completedTasks).toEqual([
      't_tiep_nhan',
      't_kiem_tra',
      't_kiem_tra',
      't_xac_nhan',
      'st_thue',
      't_ky',
      'st_csdl',
      't_tra_kq',
    ]);
    expect(history.body.items.at(-1)?.type).toBe('instance.completed');

    // and a finished dossier accepts no more commands
    const again = await api.post(`/dossiers/${dossier.id}/cancel`, { reason: 'late' });
    expect(again.status).toBe(409);
  });

  it('keeps a running dossier on its version when a revised process is published', async () => {
    // given a dossier running on version 2
    const running = (
      await api.post<DossierDto>('/dossiers', {
        definitionKey: 'tach-thua-dat',
        applicant: { name: 'Trần Thị Bình' },
      })
    ).body;
    await complete(running.id, 't_tiep_nhan');

    // when the office publishes a revision (here: the check is allotted 2 days instead of 3)
    const v2 = readFileSync(join(__dirname, '../../processes/tach-thua-dat/v2.bpmn'), 'utf8');
    const revised = v2.replace(/(id="t_kiem_tra"[^>]*lt:allottedTime=")3d"/, '$12d"');
    expect(revised).not.toBe(v2);
    const deployed = await api.post<{ version: number; status: string }>('/definitions', revised);
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ version: 3, status: 'draft' });
    expect((await api.post(`/definitions/tach-thua-dat/versions/3/publish`)).status).toBe(200);

    // then the running dossier keeps version 2 and its steps, and new dossiers start on version 3
    const stillRunning = await activeTask(running.id, 't_kiem_tra');
    expect(stillRunning.allottedTime).toBe('3d');
    await complete(running.id, 't_kiem_tra', {
      result: 'not_eligible',
      reason: 'Diện tích nhỏ hơn diện tích tối thiểu',
    });
    await complete(running.id, 't_tra_ho_so');
    const refused = await api.get<DossierDto>(`/dossiers/${running.id}`);
    expect(refused.body).toMatchObject({
      status: 'completed',
      definitionVersion: 2,
      result: { endEventId: 'end_tu_choi' },
    });

    const fresh = (
      await api.post<DossierDto>('/dossiers', {
        definitionKey: 'tach-thua-dat',
        applicant: { name: 'Lê Văn Cường' },
      })
    ).body;
    expect(fresh.definitionVersion).toBe(3);
    await complete(fresh.id, 't_tiep_nhan');
    expect((await activeTask(fresh.id, 't_kiem_tra')).allottedTime).toBe('2d');
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${engine.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/definitions',
        '/api/v1/definitions/{key}/versions/{version}/publish',
        '/api/v1/dossiers',
        '/api/v1/dossiers/{idOrCode}',
        '/api/v1/tasks/{id}/complete',
        '/api/v1/external-tasks/{id}/complete',
        '/api/v1/messages',
      ]),
    );
  });
});

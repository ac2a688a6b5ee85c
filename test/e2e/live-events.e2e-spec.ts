import { Api, AutoApi } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { EventStreamClient } from '../support/event-stream';
import { sqlClient, startEngine, type EngineServer } from './support/engine-server';

jest.setTimeout(120_000);

/**
 * Two engine processes of the built engine on one database (as several machines, or ENGINE_WORKERS,
 * run them): the live inbox events of a command handled by one reach the streams opened on the other,
 * through PostgreSQL (task_events and its NOTIFY), not the first process's memory.
 */
describe('live inbox events across engine processes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: EngineServer;
  let b: EngineServer;
  let stream: EventStreamClient | undefined;
  let deskStream: EventStreamClient | undefined;
  let sql: ReturnType<typeof sqlClient> | undefined;

  const signIn = async (engine: EngineServer, username: string): Promise<Api> => {
    const res = await new Api(engine.baseUrl).post<{ accessToken: string }>('/auth/login', {
      username,
      password: 'demo',
    });
    expect(res.status).toBe(200);
    return Api.bearer(engine.baseUrl, res.body.accessToken);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // The first seeds the demo; the second starts on the seeded database.
    a = await startEngine(db.url, { SEED_DEMO: 'true' });
    b = await startEngine(db.url, { SEED_DEMO: 'false' });
  });
  afterAll(async () => {
    stream?.close();
    deskStream?.close();
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('delivers to a stream of process B the steps that commands in process A create and complete', async () => {
    // given the registry officer's stream open on process B
    stream = await EventStreamClient.open(b.baseUrl, await signIn(b, 'cv.vpdk'));
    expect(stream.status).toBe(200);

    // when the desk receives a dossier and passes it on, in process A
    const desk = await signIn(a, 'tiepnhan');
    const received = await desk.post<{ id: string; activeSteps: Array<{ taskId: string }> }>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Nguyễn Văn An', idNumber: '087090001234' },
      variables: { parcel: { sheet: 12, number: 345, area: 250.5 } },
    });
    expect(received.status).toBe(201);
    const passedOn = await desk.post<{ dossier: { activeSteps: Array<{ taskId: string }> } }>(
      `/tasks/${received.body.activeSteps[0]!.taskId}/complete`,
      {},
    );
    expect(passedOn.status).toBe(200);
    const review = passedOn.body.dossier.activeSteps[0]!.taskId;

    // then B's stream shows the registry's new step within a second
    const created = await stream.taskEvent(review, 'created', 1_000);
    expect(created).toMatchObject({ dossierId: received.body.id, unit: 'DTP-VPDK-CL' });

    // and its claim by a colleague signed in on A
    const colleague = await signIn(a, 'cv2.vpdk');
    expect((await colleague.post(`/tasks/${review}/claim`)).status).toBe(200);
    const claimed = await stream.taskEvent(review, 'claimed', 1_000);
    expect(claimed.assignee).toBe('cv2.vpdk');
    // and the desk's own step, of another unit, never reached the registry's stream
    expect(stream.taskEvents.map((e) => e.taskId)).not.toContain(received.body.activeSteps[0]!.taskId);
  });

  // External tasks (an agency system's work: the tax office, the cadastre update) are not in any
  // officer's inbox, so they give no live event of their own; what an inbox must see is the dossier
  // moving on: the user step that the external task's completion opens.
  it("delivers to process B the desk's return step that an agency system's completion in process A opens", async () => {
    // given a land-parcel dossier brought by process A to the cadastre update (an external task)
    sql = sqlClient(db.url);
    const api = new AutoApi(a.baseUrl, sql.query);
    type Dossier = { id: string; activeSteps: Array<{ nodeId: string; taskId: string }> };
    const received = await api.post<Dossier>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Trần Văn Đo Đạc' },
    });
    expect(received.status).toBe(201);
    const dossierId = received.body.id;
    const stepAt = async (nodeId: string): Promise<string> => {
      const d = (await api.get<Dossier>(`/dossiers/${dossierId}`)).body;
      const step = d.activeSteps.find((s) => s.nodeId === nodeId);
      if (!step) throw new Error(`no active step at ${nodeId}: ${JSON.stringify(d.activeSteps)}`);
      return step.taskId;
    };
    for (const [nodeId, variables] of [
      ['t_tiep_nhan', {}],
      ['t_kiem_tra', { result: 'eligible' }],
      ['t_xac_nhan', { hasFinancialObligation: false }],
      ['t_ky', {}],
    ] as const) {
      const done = await api.post(`/tasks/${await stepAt(nodeId)}/complete`, { variables });
      expect(done.status).toBe(200);
    }
    const cadastre = await stepAt('st_csdl');
    // and the desk's stream open on process B
    deskStream = await EventStreamClient.open(b.baseUrl, await signIn(b, 'tiepnhan'));
    expect(deskStream.status).toBe(200);

    // when the cadastre's system completes its task on process A
    const completed = await api.post<{ dossier: Dossier }>(`/external-tasks/${cadastre}/complete`, {
      variables: {},
    });
    expect(completed.status).toBe(200);
    const returnStep = completed.body.dossier.activeSteps.find((s) => s.nodeId === 't_tra_kq');
    expect(returnStep).toBeDefined();

    // then B's desk stream shows the return step within a second, and nothing of the external task
    const created = await deskStream.taskEvent(returnStep!.taskId, 'created', 1_000);
    expect(created).toMatchObject({ dossierId, unit: 'DTP-TTHCC' });
    expect(deskStream.taskEvents.map((e) => e.taskId)).not.toContain(cadastre);
  });
});

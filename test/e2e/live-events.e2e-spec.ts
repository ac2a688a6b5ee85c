import { Api } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { EventStreamClient } from '../support/event-stream';
import { startEngine, type EngineServer } from './support/engine-server';

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
});

import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type {
  DossierDto,
  PageDto,
  ReadinessDto,
  TaskCompletionDto,
  TaskListItemDto,
} from '@lienthong/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AutoApi } from '../support/api-client';
import { sqlClient, startEngine, type EngineServer } from './support/engine-server';

jest.setTimeout(180_000);

const TWO_STEPS = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="review" name="Thẩm định" lt:unit="DTP-VPDK-CL"/>
   <userTask id="sign" name="Ký duyệt" lt:unit="DTP-VPDK-CL"/>
   <endEvent id="e"/>
   ${chain('s', 'review', 'sign', 'e')}`,
  { id: 'doc-du-phong', attrs: 'lt:receivingUnit="DTP-TTHCC"' },
);

async function within<T>(ms: number, read: () => Promise<T | undefined>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return { value, ms: performance.now() - started };
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Pair {
  primaryUrl: string;
  standbyUrl: string;
  standbyAdminUrl: string;
}

/** test/e2e/support/replicated-pair.mjs in a process of its own: a primary and its hot standby. */
async function startPair(): Promise<{ pair: Pair; child: ChildProcess; lines: AsyncIterator<string> }> {
  const child = spawn(process.execPath, [join(__dirname, 'support/replicated-pair.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done === true) throw new Error('the replicated pair did not start');
  return { pair: JSON.parse(first.value as string) as Pair, child, lines };
}

describe('lists on a read standby (DATABASE_READ_URL), commands on the primary', () => {
  let started: Awaited<ReturnType<typeof startPair>> | undefined;
  let engine: EngineServer;
  let sql: ReturnType<typeof sqlClient>;
  let standby: ReturnType<typeof sqlClient>;
  let api: AutoApi;

  beforeAll(async () => {
    started = await startPair();
    engine = await startEngine(started.pair.primaryUrl, { DATABASE_READ_URL: started.pair.standbyUrl });
    sql = sqlClient(started.pair.primaryUrl);
    standby = sqlClient(started.pair.standbyAdminUrl);
    api = new AutoApi(engine.baseUrl, sql.query);
    const d = await api.post<{ key: string; version: number }>('/definitions', TWO_STEPS);
    expect((await api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`)).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await standby?.end().catch(() => undefined);
    await sql?.end();
    await engine?.stop();
    if (started) {
      const child = started.child;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end('stop\n');
      await exited;
    }
  });

  const openSteps = async (dossierId: string) =>
    (await api.get<PageDto<TaskListItemDto>>(`/tasks?unit=DTP-VPDK-CL&status=active&limit=200`)).body.items
      .filter((task) => task.dossierId === dossierId)
      .map((task) => task.nodeId);

  it("answers a command from the primary, and a list catches up after the standby's lag", async () => {
    // given a dossier received through the engine (its answer comes from the primary's transaction)
    const received = await api.post<DossierDto>('/dossiers', {
      definitionKey: 'doc-du-phong',
      applicant: { name: 'Lê Thị Bình' },
    });
    expect(received.status).toBe(201);
    // then reading it by id right after is never stale (the primary)
    expect((await api.get<DossierDto>(`/dossiers/${received.body.id}`)).status).toBe(200);
    // and the inbox list (the standby) shows its step after the replay lag
    const caughtUp = await within(5_000, async () =>
      (await openSteps(received.body.id)).includes('review') ? true : undefined,
    );
    console.log(
      `standby: a new step appeared in the list ${caughtUp.ms.toFixed(0)} ms after the command's answer`,
    );
    expect((await api.get<ReadinessDto>('/health/ready')).body.standby).toEqual({
      state: 'up',
      lagSeconds: expect.any(Number),
    });

    // when the standby stops replaying (a long report on it, or a slow disk) and the step is completed
    await standby.query('SELECT pg_wal_replay_pause()');
    const taskId = received.body.activeSteps[0]!.taskId!;
    const completed = await api.post<TaskCompletionDto>(`/tasks/${taskId}/complete`, {});

    // then the completion's answer and a read by id show the new state at once
    expect(completed.status).toBe(200);
    expect(completed.body.dossier.activeSteps.map((s) => s.nodeId)).toEqual(['sign']);
    const byId = await api.get<DossierDto>(`/dossiers/${received.body.id}`);
    expect(byId.body.activeSteps.map((s) => s.nodeId)).toEqual(['sign']);
    // while the list still shows what the standby has replayed: the step before
    expect(await openSteps(received.body.id)).toEqual(['review']);

    // and once replay resumes the list shows the new step
    await standby.query('SELECT pg_wal_replay_resume()');

    await within(5_000, async () => {
      const steps = await openSteps(received.body.id);
      return steps.length === 1 && steps[0] === 'sign' ? true : undefined;
    });
    expect(await (await fetch(`${engine.baseUrl}/metrics`)).text()).toMatch(/^lt_db_standby_lag_seconds \d/m);
  });

  it('serves the lists from the primary while the standby is down, and says so in /health/ready', async () => {
    // given the standby stopped
    await standby.end();
    started!.child.stdin!.write('stop-standby\n');
    expect((await started!.lines.next()).value).toBe('stopped');

    // when a dossier is received and the list is asked for
    const received = await api.post<DossierDto>('/dossiers', {
      definitionKey: 'doc-du-phong',
      applicant: { name: 'Trần Văn Cường' },
    });
    expect(received.status).toBe(201);

    // then the list answers, fresh, from the primary
    expect(await openSteps(received.body.id)).toEqual(['review']);
    // and the engine stays ready, the standby reported down
    const ready = await api.get<ReadinessDto>('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.standby).toEqual({ state: 'down', lagSeconds: null });
  });
});

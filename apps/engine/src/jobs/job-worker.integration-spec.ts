import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';
import { JobsRepository } from './jobs.repository';

jest.setTimeout(90_000);

const TIMER = bpmnFixture(
  `<startEvent id="s"/>
   <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></intermediateCatchEvent>
   <userTask id="after" lt:unit="DTP-VPDK-CL"/>
   ${chain('s', 'wait', 'after')}`,
  { id: 'hen-gio', attrs: 'lt:receivingUnit="DTP-TTHCC"' },
);

const BOUNDARY = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="sign" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/>
   <boundaryEvent id="late" attachedToRef="sign"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></boundaryEvent>
   <userTask id="escalated" lt:unit="DTP-VPDK" lt:candidateRole="leader"/><endEvent id="e"/>
   ${chain('s', 'sign', 'e')}${chain('late', 'escalated')}`,
  { id: 'leo-thang', attrs: 'lt:receivingUnit="DTP-TTHCC"' },
);

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('durable timers with two engine processes on one database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
    for (const xml of [TIMER, BOUNDARY]) {
      const d = await a.api.post<{ key: string; version: number }>('/definitions', xml);
      await a.api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`);
    }
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('fires every timer exactly once although both processes poll the same jobs table', async () => {
    // given 30 dossiers waiting on a 1-second timer, created through both processes
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).api.post<DossierDto>('/dossiers', {
          definitionKey: 'hen-gio',
          applicant: { name: `Người ${i}` },
        }),
      ),
    );
    const ids = created.map((r) => r.body.id);
    expect(created.every((r) => r.body.activeSteps[0]?.waitingFor === 'timer')).toBe(true);

    // when the timers come due
    await waitFor(async () => {
      const rows = (await a.query(
        `SELECT count(*)::int AS n FROM tasks WHERE node_id = 'after' AND dossier_id = ANY($1::uuid[])`,
        [ids],
      )) as Array<{ n: number }>;
      return rows[0]?.n === 30;
    }, 30_000);

    // then each fired once: one task each, one timer.fired event each, no job left
    const fired = (await a.query(
      `SELECT dossier_id, count(*)::int AS n FROM history_events WHERE type = 'timer.fired' AND dossier_id = ANY($1::uuid[]) GROUP BY dossier_id`,
      [ids],
    )) as Array<{ n: number }>;
    expect(fired).toHaveLength(30);
    expect(fired.every((r) => r.n === 1)).toBe(true);
    const tasks = (await a.query(
      `SELECT dossier_id FROM tasks WHERE node_id = 'after' AND dossier_id = ANY($1::uuid[])`,
      [ids],
    )) as unknown[];
    expect(tasks).toHaveLength(30);
    expect(await a.query(`SELECT id FROM jobs WHERE dossier_id = ANY($1::uuid[])`, [ids])).toEqual([]);
  });

  it('a stopped process loses nothing: the other fires the timers it would have fired', async () => {
    // given timers scheduled through process b, which then stops
    const c = await startTestApp({ databaseUrl: a.databaseUrl });
    const created = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        c.api.post<DossierDto>('/dossiers', {
          definitionKey: 'leo-thang',
          applicant: { name: `Người ${i}` },
        }),
      ),
    );
    await c.close();

    // when the timers come due, only a is running
    const ids = created.map((r) => r.body.id);
    await waitFor(async () => {
      const rows = (await a.query(
        `SELECT count(*)::int AS n FROM tasks WHERE node_id = 'escalated' AND dossier_id = ANY($1::uuid[])`,
        [ids],
      )) as Array<{ n: number }>;
      return rows[0]?.n === 5;
    }, 30_000);

    // then the interrupting boundary timer cancelled the signing step of each dossier
    const sign = (await a.query(
      `SELECT status FROM tasks WHERE node_id = 'sign' AND dossier_id = ANY($1::uuid[])`,
      [ids],
    )) as Array<{ status: string }>;
    expect(sign.map((s) => s.status)).toEqual(Array(5).fill('cancelled'));
  });

  it('completing a step in time cancels its boundary timer job', async () => {
    const dossier = (
      await a.api.post<DossierDto>('/dossiers', {
        definitionKey: 'leo-thang',
        applicant: { name: 'Kịp thời' },
      })
    ).body;
    expect(await a.query(`SELECT id FROM jobs WHERE dossier_id = $1`, [dossier.id])).toHaveLength(1);
    const taskId = dossier.activeSteps[0]?.taskId;
    expect((await a.api.post(`/tasks/${taskId}/complete`, {})).status).toBe(200);
    expect(await a.query(`SELECT id FROM jobs WHERE dossier_id = $1`, [dossier.id])).toEqual([]);
    expect((await a.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body.status).toBe('completed');
  });

  it('reopens its LISTEN lt_jobs by itself when the connection is cut (the database restarted)', async () => {
    const listeners = async () =>
      (await a.query(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'lienthong-jobs-listener' AND query = 'LISTEN lt_jobs'`,
      )) as Array<{ pid: number }>;
    // given the LISTEN of both processes
    const before = (await listeners()).map((r) => r.pid);
    expect(before).toHaveLength(2);

    // when their connections are cut, as a restart of PostgreSQL does
    await a.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [before]);

    // then each process listens again on a new connection
    await waitFor(async () => {
      const now = (await listeners()).map((r) => r.pid);
      return now.length === 2 && now.every((pid) => !before.includes(pid));
    }, 15_000);
  });

  it("records a failed attempt and names the job's dossier for the log line", async () => {
    // given a dossier waiting on its timer
    const dossier = (
      await a.api.post<DossierDto>('/dossiers', { definitionKey: 'hen-gio', applicant: { name: 'Nhật ký' } })
    ).body;
    const [job] = (await a.query(`SELECT id FROM jobs WHERE dossier_id = $1`, [dossier.id])) as Array<{
      id: string;
    }>;

    // when an attempt to fire it is recorded as failed
    const code = await a.app.get(JobsRepository).recordFailure(job!.id, 1, 'hỏng', 3600, false);

    // then the answer is the dossier's code (the warning carries it), and the job waits for its retry
    expect(code).toBe(dossier.code);
    expect(await a.query(`SELECT attempts, last_error FROM jobs WHERE id = $1`, [job!.id])).toEqual([
      { attempts: 1, last_error: 'hỏng' },
    ]);
  });
});

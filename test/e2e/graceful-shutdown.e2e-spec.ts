import { Client } from 'pg';
import type { DossierDto, TaskCompletionDto, TaskDto } from '@lienthong/contracts';
import { Api } from '../support/api-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startEngine, type EngineServer } from './support/engine-server';

jest.setTimeout(90_000);

/**
 * SIGTERM: the engine refuses new requests (503), lets the commands under way finish and answer, closes
 * its jobs, listeners and pool, and ends; nothing it held stays held (connections, row locks).
 */
describe('graceful shutdown', () => {
  let db: TestDatabase;
  let engine: EngineServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await startEngine(db.url, { SEED_DEMO: 'true', LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await engine?.stop('SIGKILL');
    await db?.drop();
  });

  it('finishes a completion under way, takes no new request, stops and holds nothing', async () => {
    // given a dossier at the desk's first step, and its row locked by someone else for a moment
    const login = await new Api(engine.baseUrl).post<{ accessToken: string }>('/auth/login', {
      username: 'tiepnhan',
      password: 'demo',
    });
    const desk = Api.bearer(engine.baseUrl, login.body.accessToken);
    const dossier = (
      await desk.post<DossierDto>('/dossiers', {
        definitionKey: 'tach-thua-dat',
        applicant: { name: 'Lý Thị Dừng' },
        variables: { parcel: { sheet: 1, number: 2, area: 90 } },
      })
    ).body;
    const [step] = (await desk.get<{ items: TaskDto[] }>(`/tasks?dossierId=${dossier.id}&status=active`)).body
      .items;
    const blocker = new Client({ connectionString: db.url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM dossiers WHERE id = $1 FOR UPDATE', [dossier.id]);

    // when the desk completes the step (it waits on the lock) and the engine is told to stop meanwhile
    const completion = desk.post<TaskCompletionDto>(`/tasks/${step!.id}/complete`, {});
    await waitFor(async () => {
      const { rows } = await blocker.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      return rows[0]!.n > 0;
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      engine.process.once('close', (code, signal) => resolve({ code, signal })),
    );
    engine.process.kill('SIGTERM');
    const during = await waitForRefusal(engine.baseUrl);
    await blocker.query('COMMIT');

    // then a request that came meanwhile was refused (503 while the port is still open), the completion under way answered 200,
    // the process exited as signalled, and nothing of it is left (connections, locks)
    if (during !== 'refused') {
      expect(during.status).toBe(503);
      expect(during.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(during.headers.get('retry-after')).toBe('1');
    }
    const answer = await completion;
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('completed');
    // (Nest re-raises the signal once the application is closed: the conventional end of a stopped service)
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    // (its output read to the end: the completion's log line names the dossier)
    expect(engine.output()).toMatch(
      new RegExp(`"url":"/api/v1/tasks/${step!.id}/complete".*"dossier":"${dossier.code}"`),
    );
    expect(await refused(engine.baseUrl)).toBe(true);
    const { rows } = await blocker.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(rows[0]!.n).toBe(0);
    // no error while stopping (but the refused request's own line)
    const errors = engine
      .output()
      .split('\n')
      .filter((line) => line.includes('"level":50') && !line.includes('"msg":"request completed"'));
    expect(errors).toEqual([]);
    await blocker.end();
  });
});

/** How the stopping engine takes a new request: refused at connection, or answered 503 (retried while served). */
async function waitForRefusal(baseUrl: string): Promise<'refused' | Response> {
  for (const end = Date.now() + 15_000; Date.now() < end;) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/health/live`, { headers: { connection: 'close' } });
      if (response.status === 503) return response;
    } catch {
      return 'refused';
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the engine kept serving new requests');
}

/** Whether a new connection to the engine is refused. */
async function refused(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/api/v1/health/live`, { headers: { connection: 'close' } });
    return false;
  } catch {
    return true;
  }
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + 15_000; !(await condition());) {
    if (Date.now() > end) throw new Error('condition not reached in 15 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

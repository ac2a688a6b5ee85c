import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createTestDatabase } from '../support/database';
import { startEngine, type EngineServer } from './support/engine-server';

jest.setTimeout(120_000);

interface Reply<T> {
  status: number;
  body: T;
}

/** One request on a connection of its own: node:cluster gives each new connection to the next worker. */
function request<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${baseUrl}/api/v1${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          try {
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Process ids of the children of `pid` (Linux). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Whether a process runs (an exited one may linger as a zombie until its new parent reaps it). */
function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * ENGINE_WORKERS=2: a primary forks two engine processes that share the port (development mode with the
 * demo seed: test mode has a per-process clock and refuses several workers). Requests on different
 * connections land on different workers; they agree on everything through the database.
 */
describe('engine cluster (ENGINE_WORKERS=2)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let engine: EngineServer;
  const tokens: Record<string, string> = {};
  let startedAt = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await startEngine(db.url, {
      LT_MODE: 'development',
      SEED_DEMO: 'true',
      ENGINE_WORKERS: '2',
      DEADLINE_SWEEP_MS: '0',
      LOG_LEVEL: 'info',
    });
    // The engine answers once its first worker listens; the primary says when all of them do.
    const until = Date.now() + 60_000;
    while (!/2 engine workers share/.test(engine.output()) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(engine.output()).toMatch(/2 engine workers share/);
    startedAt = Date.now();
    for (const username of ['tiepnhan', 'cv.vpdk']) {
      const res = await request<{ accessToken: string }>(engine.baseUrl, 'POST', '/auth/login', {
        username,
        password: 'demo',
      });
      expect(res.status).toBe(200);
      tokens[username] = res.body.accessToken;
    }
  });

  afterAll(async () => {
    await engine?.stop();
    await db?.drop();
  });

  it('exposes the metrics of both workers, summed by the primary, at /metrics', async () => {
    // given dossiers received on both workers (connections of their own)
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        request(
          engine.baseUrl,
          'POST',
          '/dossiers',
          { definitionKey: 'tach-thua-dat', applicant: { name: `Người đo ${i}` } },
          tokens['tiepnhan'],
        ),
      ),
    );

    // when Prometheus scrapes any worker
    const response = await fetch(`${engine.baseUrl}/metrics`);
    const text = await response.text();

    // then it sees every worker's commands (node:cluster gave each worker two of the four), and both pools
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const started = Number(/^lt_commands_total\{kind="start"\} (\d+)/m.exec(text)?.[1]);
    expect(started).toBe(4);
    const open = Number(/^lt_db_pool_connections\{state="open"\} (\d+)/m.exec(text)?.[1]);
    expect(open).toBeGreaterThanOrEqual(2);
  });

  it('runs two engine processes under the primary', () => {
    expect(childrenOf(engine.process.pid!)).toHaveLength(2);
  });

  it('serves dossiers across workers: unique codes, each readable on every connection', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request<{ id: string; code: string }>(
          engine.baseUrl,
          'POST',
          '/dossiers',
          {
            definitionKey: 'tach-thua-dat',
            applicant: { name: `Người nộp ${i}` },
            variables: { parcel: { sheet: 3, number: i, area: 100 } },
          },
          tokens['tiepnhan'],
        ),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(new Set(created.map((r) => r.body.code)).size).toBe(12);
    for (const { body } of created.slice(0, 4)) {
      const reads = await Promise.all(
        [0, 1].map(() =>
          request<{ code: string }>(
            engine.baseUrl,
            'GET',
            `/dossiers/${body.id}`,
            undefined,
            tokens['tiepnhan'],
          ),
        ),
      );
      expect(reads.map((r) => [r.status, r.body.code])).toEqual([
        [200, body.code],
        [200, body.code],
      ]);
    }
  });

  it('two completions of one step on two connections at once: one succeeds, the other is a 409', async () => {
    const dossier = await request<{ id: string; activeSteps: Array<{ taskId: string; nodeId: string }> }>(
      engine.baseUrl,
      'POST',
      '/dossiers',
      { definitionKey: 'tach-thua-dat', applicant: { name: 'Trần Văn Hai' }, variables: {} },
      tokens['tiepnhan'],
    );
    const step = dossier.body.activeSteps.find((s) => s.nodeId === 't_tiep_nhan');
    expect(step).toBeDefined();
    const answers = await Promise.all(
      [0, 1].map(() =>
        request(
          engine.baseUrl,
          'POST',
          `/tasks/${step!.taskId}/complete`,
          { variables: {} },
          tokens['tiepnhan'],
        ),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const after = await request<{ activeSteps: Array<{ nodeId: string }> }>(
      engine.baseUrl,
      'GET',
      `/dossiers/${dossier.body.id}`,
      undefined,
      tokens['cv.vpdk'],
    );
    expect(after.status).toBe(200);
    // exactly one step taken: the land registry's check is the one open step
    expect(after.body.activeSteps.map((s) => s.nodeId)).toEqual(['t_kiem_tra']);
  });

  it('a sign-out in one worker holds in the other', async () => {
    const login = await request<{ accessToken: string; refreshToken: string }>(
      engine.baseUrl,
      'POST',
      '/auth/login',
      { username: 'cv.vpdk', password: 'demo' },
    );
    const token = login.body.accessToken;
    const before = await Promise.all(
      [0, 1].map(() => request(engine.baseUrl, 'GET', '/auth/me', undefined, token)),
    );
    expect(before.map((r) => r.status)).toEqual([200, 200]);
    expect((await request(engine.baseUrl, 'POST', '/auth/logout', {}, token)).status).toBeLessThan(300);
    // the revocation travels by NOTIFY: allow it a moment to reach the other worker
    const until = Date.now() + 5_000;
    let statuses: number[] = [];
    do {
      statuses = (
        await Promise.all([0, 1].map(() => request(engine.baseUrl, 'GET', '/auth/me', undefined, token)))
      ).map((r) => r.status);
    } while (statuses.some((s) => s !== 401) && Date.now() < until);
    expect(statuses).toEqual([401, 401]);
  });

  it('replaces a worker that dies after it has run a while (10 s)', async () => {
    const workers = childrenOf(engine.process.pid!);
    const victim = workers[0]!;
    // a worker younger than 10 s that dies is a crash loop, not replaced: wait until both are older
    const age = Date.now() - startedAt;
    if (age < 10_500) await new Promise((r) => setTimeout(r, 10_500 - age));
    process.kill(victim, 'SIGKILL');

    const until = Date.now() + 30_000;
    let now: number[] = [];
    do {
      await new Promise((r) => setTimeout(r, 200));
      now = childrenOf(engine.process.pid!).filter(alive);
    } while ((now.length !== 2 || now.includes(victim)) && Date.now() < until);
    expect(now).toHaveLength(2);
    expect(now).not.toContain(victim);
    expect(engine.output()).toMatch(/starting another/);
    // and both serve (new connections go round the workers)
    const health = await Promise.all([0, 1, 2, 3].map(() => request(engine.baseUrl, 'GET', '/health')));
    expect(health.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('SIGTERM stops the primary and both workers', async () => {
    const workers = childrenOf(engine.process.pid!);
    expect(workers).toHaveLength(2);
    await engine.stop('SIGTERM');
    expect(workers.filter(alive)).toEqual([]);
    expect(engine.output()).not.toMatch(/not restarted/);
  });
});

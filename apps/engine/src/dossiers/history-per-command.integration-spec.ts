import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, HistoryEventDto, PageDto } from '@lienthong/contracts';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { Db } from '../database/db.service';
import { HistoryPerCommand1764810000000 } from '../database/migrations/1764810000000-history-per-command';
import { ExternalTasksRepository } from '../external-tasks/external-tasks.repository';
import type { LockedTaskDto } from '../external-tasks/external-tasks.service';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

/** Received at the desk, the cadastral system updates its records, the registry signs. */
const PROCESS = bpmnFixture(
  `<startEvent id="s"/>
   <serviceTask id="csdl" name="Cập nhật cơ sở dữ liệu địa chính" lt:unit="DTP-VPDK-CL" lt:topic="cadastre-history"/>
   <userTask id="ky" name="Ký xác nhận" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/>
   <endEvent id="e"/>${chain('s', 'csdl', 'ky', 'e')}`,
  { id: 'lich-su-lenh', attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d"' },
);
const TOPIC = { topicName: 'cadastre-history', lockDuration: 60_000 };

/**
 * The history, one row per command (ADR 0007, session 8; migration 1764810000000): what a command
 * wrote is one row of `history`, read as events through the view `history_events` and the API.
 */
describe('history: one row per command', () => {
  let t: TestApp;
  const cadastre = () => t.withKey('DTP-VPDK-CL', { topics: ['cadastre-history'] });

  beforeAll(async () => {
    t = await startTestApp();
    await t.api.post('/definitions', PROCESS);
    await t.api.post('/definitions/lich-su-lenh/versions/1/publish');
  });
  afterAll(async () => {
    await t?.close();
  });

  const receive = async (name: string) => {
    const res = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: 'lich-su-lenh',
      applicant: { name },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** The dossier's external task, locked by `worker`. */
  const fetchOf = async (dossier: DossierDto, worker: string) => {
    const locked = (
      await cadastre().post<LockedTaskDto[]>('/external-tasks/fetch-and-lock', {
        workerId: worker,
        maxTasks: 100,
        topics: [TOPIC],
      })
    ).body;
    const mine = locked.find((x) => x.dossierId === dossier.id);
    expect(mine).toBeDefined();
    return mine!;
  };
  const rowsOf = async (dossierId: string) =>
    (
      (await t.query(`SELECT count(*)::int AS n FROM history WHERE dossier_id = $1`, [dossierId])) as {
        n: number;
      }[]
    )[0]!.n;
  const historyOf = async (dossierId: string, query = 'limit=200') =>
    (await t.api.get<PageDto<HistoryEventDto>>(`/dossiers/${dossierId}/history?${query}`)).body;

  it('writes one row per command, its events in order; the API lists every event once, with an id per event', async () => {
    // given a dossier received (one command), its external task completed (another)
    const dossier = await receive('Nguyễn Thị Lệnh');
    const task = await fetchOf(dossier, 'may-1');
    const done = await cadastre().post(`/external-tasks/${task.id}/complete`, {
      workerId: 'may-1',
      variables: {},
    });
    expect(done.status).toBe(200);

    // when its history is read whole, and two events a page
    const whole = await historyOf(dossier.id);
    const paged: HistoryEventDto[] = [];
    let cursor: string | null = null;
    do {
      const page: PageDto<HistoryEventDto> = await historyOf(
        dossier.id,
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);

    // then two rows hold every event, in the order they happened
    expect(await rowsOf(dossier.id)).toBe(2);
    const stored = (await t.query(
      `SELECT history_id::text || '.' || n AS id, type FROM history_events WHERE dossier_id = $1 ORDER BY history_id, n`,
      [dossier.id],
    )) as { id: string; type: string }[];
    expect(stored.length).toBeGreaterThan(4);
    expect(whole.items.map((e) => ({ id: e.id, type: e.type }))).toEqual(stored);
    expect(whole.items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['task.created', 'task.completed', 'node.entered']),
    );
    expect(whole.items.findIndex((e) => e.type === 'task.completed' && e.taskId === task.id)).toBeGreaterThan(
      whole.items.findIndex((e) => e.type === 'task.created' && e.taskId === task.id),
    );
    for (const e of whole.items) expect(e.id).toMatch(/^\d+\.\d+$/);
    expect(new Set(whole.items.map((e) => e.id)).size).toBe(whole.items.length);
    // each event of a row carries the row's instant and actor
    const completion = whole.items.filter((e) => e.id.startsWith(`${whole.items.at(-1)!.id.split('.')[0]}.`));
    expect(new Set(completion.map((e) => `${e.at} ${e.actor}`)).size).toBe(1);
    expect(paged).toEqual(whole.items);
    // a cursor of another shape (an event id of before) is refused
    const stale = Buffer.from(JSON.stringify({ id: '42' })).toString('base64url');
    expect((await t.api.get(`/dossiers/${dossier.id}/history?cursor=${stale}`)).status).toBe(400);
  });

  it('keeps history append-only, on the table and on its partitions', async () => {
    await expect(t.query(`UPDATE history SET events = '[]'`)).rejects.toThrow(/append-only/);
    await expect(t.query(`DELETE FROM history_default`)).rejects.toThrow(/append-only/);
    await expect(t.query(`UPDATE history_events SET type = 'x'`)).rejects.toThrow(/cannot update view/);
  });

  it('a late callback on a stopped dossier changes nothing, and no history row is written to an ended dossier', async () => {
    // given a dossier whose external task an agency system holds, stopped meanwhile by the registry's leader
    const dossier = await receive('Trần Văn Muộn');
    const task = await fetchOf(dossier, 'may-2');
    const stop = await t.as('DTP-VPDK-CL', ['leader']).post(`/dossiers/${dossier.id}/stop`, {
      reason: 'Công dân rút hồ sơ',
    });
    expect(stop.status).toBe(200);
    const rows = await rowsOf(dossier.id);

    // when the agency system reports a failure, then completes, late
    const failed = await cadastre().post(`/external-tasks/${task.id}/failure`, {
      workerId: 'may-2',
      errorMessage: 'Mất kết nối',
      retries: 2,
    });
    const completed = await cadastre().post(`/external-tasks/${task.id}/complete`, {
      workerId: 'may-2',
      variables: {},
    });
    // and a history row is written for the task's dossier directly
    const written = await t.app.get(Db).transaction((sql) =>
      t.app.get(ExternalTasksRepository).insertHistory(
        sql,
        { id: task.id, dossier_id: dossier.id, node_id: 'csdl' },
        {
          type: 'task.failed',
          actor: 'may-2',
          data: {},
          at: new Date(),
        },
      ),
    );

    // then both are refused and nothing was added to its history
    expect([failed.status, completed.status]).toEqual([409, 409]);
    expect(written).toBe(false);
    expect(await rowsOf(dossier.id)).toBe(rows);
  });

  it('HistoryPerCommand down and up again keep every event, in order, one row per command', async () => {
    // given the history of the cases above
    const events = async () =>
      t.query(
        `SELECT dossier_id, at, actor, type, node_id, task_id, data FROM history_events ORDER BY dossier_id, history_id, n`,
      );
    const before = await events();
    const rows = (await t.query(`SELECT count(*)::int AS n FROM history`)) as { n: number }[];
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      // when the migration is reverted
      await runner.startTransaction();
      await new HistoryPerCommand1764810000000().down(runner);
      const plain = (await runner.query(
        `SELECT dossier_id, at, actor, type, node_id, task_id, data FROM history_events ORDER BY dossier_id, id`,
      )) as unknown[];
      const kind = (await runner.query(
        `SELECT relkind::text FROM pg_class WHERE relname = 'history_events'`,
      )) as {
        relkind: string;
      }[];
      // and run again
      await new HistoryPerCommand1764810000000().up(runner);
      await runner.commitTransaction();

      // then the reverted table held one row per event, the same events, and up grouped them again
      expect(kind).toEqual([{ relkind: 'p' }]);
      expect(plain).toEqual(before);
    } finally {
      await runner.release();
    }
    expect(await events()).toEqual(before);
    expect(await t.query(`SELECT count(*)::int AS n FROM history`)).toEqual(rows);
    // and a new command's row comes after every converted one
    const next = await receive('Lê Thị Sau');
    const [order] = (await t.query(
      `SELECT (SELECT min(id) FROM history WHERE dossier_id = $1) > (SELECT max(id) FROM history WHERE dossier_id <> $1) AS after`,
      [next.id],
    )) as { after: boolean }[];
    expect(order).toEqual({ after: true });
  });

  it("dates an external task's failure by the engine's clock, within the dossier's life (the test clock a year ahead)", async () => {
    // given the engine's clock held a year ahead of the machine's, and a dossier received then
    const ahead = new Date(Date.now() + 400 * 86_400_000);
    t.app.get(Clock).set(ahead);
    const dossier = await receive('Phạm Văn Xa');
    const task = await fetchOf(dossier, 'may-3');

    // when the agency system reports a failure
    const failed = await cadastre().post(`/external-tasks/${task.id}/failure`, {
      workerId: 'may-3',
      errorMessage: 'Hệ thống bận',
      retries: 1,
    });

    // then the dossier's history (read within its life) shows it, dated by the engine's clock
    expect(failed.status).toBe(200);
    const event = (await historyOf(dossier.id)).items.find((e) => e.type === 'task.failed');
    expect(event).toMatchObject({
      taskId: task.id,
      at: ahead.toISOString(),
      data: { errorMessage: 'Hệ thống bận' },
    });
  });
});

import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto } from '@lienthong/contracts';
import { deployAndPublish, EventStreamClient, startTestApp, type TestApp } from '../testing/test-app';
import { DeadlineSweeper } from '../deadlines/deadline-sweeper.service';
import { LiveEvents } from './live-events.service';
import { TaskEventsRepository } from './task-events.repository';

jest.setTimeout(60_000);

const KEY = 'truc-tiep-thu-nghiem';
/** The desk receives, the land registry's officer reviews, its leader signs. */
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiepNhan" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <userTask id="thamDinh" name="Thẩm định hồ sơ" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="2d"/>
   <userTask id="ky" name="Ký duyệt" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/>
   <endEvent id="e"/>
   ${chain('s', 'tiepNhan', 'thamDinh', 'ky', 'e')}`,
  { id: KEY, name: 'Thủ tục thử nghiệm cập nhật trực tiếp', attrs: 'lt:receivingUnit="DTP-TTHCC"' },
);
const LAND = 'DTP-VPDK-CL';

describe('live inbox events (server-sent)', () => {
  let t: TestApp;
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    await deployAndPublish(t.api, PROCEDURE, KEY);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t?.close();
  });

  async function open(unit: string, roles: string[], lastEventId?: string): Promise<EventStreamClient> {
    const stream = await EventStreamClient.open(t.baseUrl, t.as(unit, roles), { lastEventId });
    streams.push(stream);
    return stream;
  }

  async function activeTask(dossierId: string, nodeId: string): Promise<string> {
    const rows = (await t.query(
      `SELECT id FROM tasks WHERE dossier_id = $1 AND node_id = $2 AND status = 'active'`,
      [dossierId, nodeId],
    )) as Array<{ id: string }>;
    return rows[0]!.id;
  }

  /** A dossier received and passed on by the desk: its review step at the land registry. */
  async function atReview(): Promise<{ dossierId: string; review: string }> {
    const received = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: KEY,
      applicant: { name: 'Trần Văn Bình' },
    });
    expect(received.status).toBe(201);
    const desk = await activeTask(received.body.id, 'tiepNhan');
    expect((await t.as('DTP-TTHCC', ['reception']).post(`/tasks/${desk}/complete`)).status).toBe(200);
    return { dossierId: received.body.id, review: await activeTask(received.body.id, 'thamDinh') };
  }

  it('streams the steps of the unit as they appear, are claimed and completed', async () => {
    // given the land registry's officer and leader, and a tax officer, with their streams open
    const officer = await open(LAND, ['officer']);
    const leader = await open(LAND, ['leader']);
    const taxOfficer = await open('DTP-THUE-1', ['officer']);
    expect(officer.status).toBe(200);
    expect(officer.contentType).toMatch(/^text\/event-stream/);

    // when the desk passes a dossier on to the land registry
    const { dossierId, review } = await atReview();

    // then the review step appears in both of the registry's streams
    const created = await officer.taskEvent(review, 'created');
    expect(created).toMatchObject({ type: 'created', taskId: review, dossierId, unit: LAND, assignee: null });
    await leader.taskEvent(review, 'created');

    // when the officer claims it and completes it
    const officerApi = t.as(LAND, ['officer']);
    expect((await officerApi.post(`/tasks/${review}/claim`)).status).toBe(200);
    const claimed = await leader.taskEvent(review, 'claimed');
    expect(claimed.assignee).toBe('t.dtp-vpdk-cl.officer');
    expect((await officerApi.post(`/tasks/${review}/complete`)).status).toBe(200);

    // then both see it completed, and the leader's signing step appear (not the officer: it is the leader's role)
    await officer.taskEvent(review, 'completed');
    const signing = await activeTask(dossierId, 'ky');
    await leader.taskEvent(signing, 'created');
    expect(officer.taskEvents.some((e) => e.taskId === signing)).toBe(false);
    // and another unit's person got none of these events
    expect(taxOfficer.taskEvents).toEqual([]);
    // and the events' ids increase, as the SSE ids sent
    const ids = leader.events.filter((e) => e.event === 'task').map((e) => BigInt(e.id!));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });

  it('sends a reconnecting stream what it missed since Last-Event-ID', async () => {
    // given a stream that saw a step appear, then closed
    const first = await open(LAND, ['officer']);
    const { review } = await atReview();
    const seen = await first.next((e) => e.event === 'task' && e.data.includes(review));
    first.close();

    // when the step is claimed and completed while no stream is open
    const officerApi = t.as(LAND, ['officer']);
    expect((await officerApi.post(`/tasks/${review}/claim`)).status).toBe(200);
    expect((await officerApi.post(`/tasks/${review}/complete`)).status).toBe(200);
    const live = t.app.get(LiveEvents);
    const wanted = (
      (await t.query(`SELECT max(id)::text AS id FROM task_events`)) as Array<{ id: string }>
    )[0]!.id;
    while (BigInt(live.lastId) < BigInt(wanted)) await new Promise((r) => setTimeout(r, 20));

    // then the reconnection gets both events first, and not the one it had
    const again = await open(LAND, ['officer'], seen.id);
    await again.taskEvent(review, 'claimed');
    await again.taskEvent(review, 'completed');
    expect(again.events.some((e) => e.id === seen.id)).toBe(false);
  });

  it('streams the deadline sweep marking a step overdue', async () => {
    // given the officer's stream and a step due in two working days
    const officer = await open(LAND, ['officer']);
    const { review } = await atReview();
    await officer.taskEvent(review, 'created');

    // when the sweep runs a month later
    await t.app.get(DeadlineSweeper).sweep(new Date(Date.now() + 30 * 24 * 3600_000));

    // then the stream says the step is overdue
    const overdue = await officer.taskEvent(review, 'deadline');
    expect(overdue.deadlineStatus).toBe('overdue');
  });

  it('tells a stream whose missed events were purged to refetch (reset)', async () => {
    // given events the browser never saw, purged since
    const { review } = await atReview();
    const rows = (await t.query(`SELECT id::text AS id FROM task_events WHERE task_id = $1`, [
      review,
    ])) as Array<{
      id: string;
    }>;
    const created = BigInt(rows[0]!.id);
    await t.query(`DELETE FROM task_events WHERE id <= $1`, [created.toString()]);

    // when a browser reconnects with an id from before them
    const stream = await open(LAND, ['officer'], (created - 1n).toString());

    // then it is told to reset, with the last id as its new starting point
    const reset = await stream.next((e) => e.event === 'reset');
    expect(BigInt(reset.id!)).toBeGreaterThanOrEqual(created);
  });

  it('purges the events older than the cut-off, oldest first, and keeps the newer ones', async () => {
    // given three events of two days ago and one of now (task_events_at_idx is a BRIN index on `at`)
    const { dossierId, review } = await atReview();
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    for (let i = 0; i < 3; i++) {
      await t.query(
        `INSERT INTO task_events (at, type, task_id, dossier_id, unit) VALUES ($1, 'created', $2, $3, $4)`,
        [new Date(old.getTime() + i * 1000), review, dossierId, LAND],
      );
    }
    const before = new Date(Date.now() - 24 * 3600_000);
    const olderThanADay = async () =>
      Number(
        ((await t.query(`SELECT count(*)::int AS n FROM task_events WHERE at < $1`, [before])) as Array<{
          n: number;
        }>)[0]!.n,
      );
    const recent = (await t.query(`SELECT count(*)::int AS n FROM task_events WHERE at >= $1`, [
      before,
    ])) as Array<{ n: number }>;
    const stale = await olderThanADay();
    expect(stale).toBeGreaterThanOrEqual(3);

    // when the purge runs in batches of two
    const events = t.app.get(TaskEventsRepository);
    const first = await events.purge(before, 2);
    const rest = await events.purge(before, stale);

    // then every old event is gone, in batches, and every recent one is left
    expect([first, first + rest]).toEqual([2, stale]);
    expect(await olderThanADay()).toBe(0);
    expect(
      (await t.query(`SELECT count(*)::int AS n FROM task_events WHERE at >= $1`, [before])) as Array<{
        n: number;
      }>,
    ).toEqual(recent);
  });

  it('refuses a stream without a valid ticket (401 problem), and a ticket to an API key', async () => {
    const stream = (query: string) => fetch(`${t.baseUrl}/api/v1/events/stream${query}`);
    const officer = t.as(LAND, ['officer']);
    // an access token is not a ticket
    const token = (await t.principals.user(LAND, ['officer'])) as string;
    for (const query of ['', '?ticket=', '?ticket=abc', `?ticket=${token}`]) {
      const res = await stream(query);
      expect({ query, status: res.status }).toEqual({ query, status: 401 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/ticket/i);
    }
    // a ticket needs a signed-in caller, and a person
    expect((await t.anonymous.post('/events/ticket')).status).toBe(401);
    expect((await t.withKey(LAND).post('/events/ticket')).status).toBe(403);
    // a malformed Last-Event-ID is a 400
    const ticket = (await officer.post<{ ticket: string; expiresAt: string }>('/events/ticket')).body;
    expect(Date.parse(ticket.expiresAt)).toBeGreaterThan(Date.now());
    const bad = await fetch(`${t.baseUrl}/api/v1/events/stream?ticket=${ticket.ticket}`, {
      headers: { 'last-event-id': 'abc' },
    });
    expect(bad.status).toBe(400);
  });
});

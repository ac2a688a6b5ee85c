import type { ControlSheetDto, DeadlineEventDto, DossierDto } from '@lienthong/contracts';
import { AutoApi } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { sqlClient, startEngine, type EngineServer } from './support/engine-server';

jest.setTimeout(120_000);

const vn = (local: string) => `${local}+07:00`;
const iso = (local: string) => new Date(vn(local)).toISOString();

/**
 * The legal deadline of a land-parcel splitting dossier (12 working days, version 2 of
 * tach-thua-dat) across Tết 2026, restarted by a supplement request, paused over a weekend while
 * the applicant pays the tax, and classified at the end — asserted to the minute, with the
 * engine's clock moved by the test (test mode only).
 */
describe('tách thửa đất: legal deadline across Tết, a supplement and a tax payment', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let engine: EngineServer;
  let api: AutoApi;
  let sql: ReturnType<typeof sqlClient>;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await startEngine(db.url, { SEED_DEMO: 'true', DEADLINE_SWEEP_MS: '0' });
    sql = sqlClient(db.url);
    api = new AutoApi(engine.baseUrl, sql.query);
  });
  afterAll(async () => {
    await sql?.end();
    await engine?.stop();
    await db?.drop();
  });

  async function at(local: string): Promise<void> {
    const res = await api.request('PUT', '/test/clock', { now: vn(local) });
    expect(res.status).toBe(200);
  }

  async function dossier(id: string): Promise<DossierDto> {
    return (await api.get<DossierDto>(`/dossiers/${id}`)).body;
  }

  async function complete(id: string, nodeId: string, when: string, variables: Record<string, unknown> = {}) {
    await at(when);
    const step = (await dossier(id)).activeSteps.find((s) => s.nodeId === nodeId);
    if (!step?.taskId) throw new Error(`no active task at ${nodeId}`);
    const kind = nodeId.startsWith('st_') ? 'external-tasks' : 'tasks';
    const res = await api.post<{ outcome: string | null }>(`/${kind}/${step.taskId}/complete`, { variables });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('counts 12 working days, restarts them, pauses them and classifies every step', async () => {
    // Received on Tuesday 10/2/2026 09:00. Tết: off from Saturday 14/2 to Sunday 22/2.
    await at('2026-02-10T09:00:00');
    const created = await api.post<DossierDto>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Đặng Văn Giàu' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // 10/2 (from 09:00), 11, 12, 13/2, then 23/2 … 4/3: the twelfth working day ends Thursday 5/3 at 09:00
    expect(created.body).toMatchObject({
      dueAt: iso('2026-03-05T09:00:00'),
      appointmentAt: iso('2026-03-05T09:00:00'),
      clock: 'running',
    });

    expect(await complete(id, 't_tiep_nhan', '2026-02-10T10:00:00')).toMatchObject({ outcome: 'on_time' });
    // the check (3 days from 10/2 10:00, due 13/2 10:00) finds papers missing on Thursday 12/2
    expect(
      await complete(id, 't_kiem_tra', '2026-02-12T15:00:00', { result: 'missing_papers' }),
    ).toMatchObject({ outcome: 'early' });

    // The supplement arrives after Tết, on Tuesday 24/2 at 09:30: the 12 days start again from zero.
    await at('2026-02-24T09:30:00');
    expect((await api.post('/messages', { name: 'supplement-received', dossierId: id })).status).toBe(200);
    let now = await dossier(id);
    expect(now).toMatchObject({
      dueAt: iso('2026-03-12T09:30:00'),
      appointmentAt: iso('2026-03-12T09:30:00'),
    });
    expect(now.deadline.countingFrom).toBe(iso('2026-02-24T09:30:00'));

    await complete(id, 't_kiem_tra', '2026-02-25T10:00:00', { result: 'eligible' });
    // Friday 27/2 14:00: obligations arise; while the tax office determines them, the clock stops
    await complete(id, 't_xac_nhan', '2026-02-27T14:00:00', { hasFinancialObligation: true });
    now = await dossier(id);
    expect(now).toMatchObject({ clock: 'paused', dueAt: null, appointmentAt: iso('2026-03-12T09:30:00') });
    expect(now.deadline.remainingWorkingMinutes).toBe(4140);

    // the tax office's own 5 days keep running; its system answers the same afternoon
    expect(await complete(id, 'st_thue', '2026-02-27T16:00:00', { taxAmount: 8_400_000 })).toMatchObject({
      outcome: 'early',
    });
    expect((await dossier(id)).clock).toBe('paused');

    // The applicant pays over the weekend; the payment is confirmed on Monday 2/3 at 10:00.
    await at('2026-03-02T10:00:00');
    expect((await api.post('/messages', { name: 'payment-confirmed', dossierId: id })).status).toBe(200);
    now = await dossier(id);
    // 4140 working minutes were left: from Monday 10:00 they end on Thursday 12/3 at 16:30
    expect(now).toMatchObject({
      clock: 'running',
      dueAt: iso('2026-03-12T16:30:00'),
      appointmentAt: iso('2026-03-12T16:30:00'),
    });

    expect(await complete(id, 't_ky', '2026-03-04T09:00:00')).toMatchObject({ outcome: 'on_time' });
    expect(await complete(id, 'st_csdl', '2026-03-04T11:00:00')).toMatchObject({ outcome: 'early' });
    expect(await complete(id, 't_tra_kq', '2026-03-05T08:00:00')).toMatchObject({ outcome: 'late' });

    // Returned on Thursday 5/3, a week before the appointment: early.
    const done = await dossier(id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'early', clock: 'none' });

    const events = (await api.get<DeadlineEventDto[]>(`/dossiers/${id}/deadline-events`)).body;
    expect(events.map((e) => [e.kind, e.workingMinutes, e.previousDueAt, e.newDueAt])).toEqual([
      // 10/2 09:00 to 24/2 09:30 had counted for nothing: 40.5 working hours
      ['restarted', 2430, iso('2026-03-05T09:00:00'), iso('2026-03-12T09:30:00')],
      ['paused', null, null, null],
      // Friday 14:00–17:00 and Monday 07:30–10:00 were not counted
      ['resumed', 330, null, iso('2026-03-12T16:30:00')],
    ]);

    const sheet = (await api.get<ControlSheetDto>(`/dossiers/${id}/control-sheet`)).body;
    expect(sheet.dossier).toMatchObject({
      code: done.code,
      legalTimeLimit: '12d',
      receivedAt: iso('2026-02-10T09:00:00'),
      dueAt: iso('2026-03-12T16:30:00'),
      finishedAt: iso('2026-03-05T08:00:00'),
      outcome: 'early',
    });
    expect(
      sheet.steps.map((s) => [s.nodeId, s.unit, s.receivedAt, s.dueAt, s.finishedAt, s.outcome]),
    ).toEqual([
      [
        't_tiep_nhan',
        'DTP-TTHCC',
        iso('2026-02-10T09:00:00'),
        iso('2026-02-10T14:30:00'),
        iso('2026-02-10T10:00:00'),
        'on_time',
      ],
      [
        't_kiem_tra',
        'DTP-VPDK-CL',
        iso('2026-02-10T10:00:00'),
        iso('2026-02-13T10:00:00'),
        iso('2026-02-12T15:00:00'),
        'early',
      ],
      [
        't_kiem_tra',
        'DTP-VPDK-CL',
        iso('2026-02-24T09:30:00'),
        iso('2026-02-27T09:30:00'),
        iso('2026-02-25T10:00:00'),
        'early',
      ],
      [
        't_xac_nhan',
        'DTP-VPDK-CL',
        iso('2026-02-25T10:00:00'),
        iso('2026-03-04T10:00:00'),
        iso('2026-02-27T14:00:00'),
        'early',
      ],
      [
        'st_thue',
        'DTP-THUE-1',
        iso('2026-02-27T14:00:00'),
        iso('2026-03-06T14:00:00'),
        iso('2026-02-27T16:00:00'),
        'early',
      ],
      [
        't_ky',
        'DTP-VPDK-CL',
        iso('2026-03-02T10:00:00'),
        iso('2026-03-04T10:00:00'),
        iso('2026-03-04T09:00:00'),
        'on_time',
      ],
      [
        'st_csdl',
        'DTP-VPDK-CL',
        iso('2026-03-04T09:00:00'),
        iso('2026-03-05T09:00:00'),
        iso('2026-03-04T11:00:00'),
        'early',
      ],
      [
        't_tra_kq',
        'DTP-TTHCC',
        iso('2026-03-04T11:00:00'),
        iso('2026-03-04T16:30:00'),
        iso('2026-03-05T08:00:00'),
        'late',
      ],
    ]);
  });

  it('answers the working calendar', async () => {
    const add = await api.get<{ result: string }>(
      `/calendar/add?from=${encodeURIComponent(vn('2026-02-13T10:00:00'))}&duration=1d`,
    );
    expect(add.status).toBe(200);
    expect(add.body.result).toBe(iso('2026-02-23T10:00:00'));
    const bad = await api.get('/calendar/add?from=yesterday&duration=1d');
    expect(bad.status).toBe(400);
  });
});

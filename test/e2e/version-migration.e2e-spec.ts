import type {
  DefinitionSummaryDto,
  DossierDto,
  MigrationPlanDto,
  MigrationResultDto,
  PageDto,
} from '@lienthong/contracts';
import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import { AutoApi } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { sqlClient, startEngine, type EngineServer } from './support/engine-server';

jest.setTimeout(120_000);

const vn = (local: string) => `${local}+07:00`;
const iso = (local: string) => new Date(vn(local)).toISOString();
const KEY = 'cap-phep-thu-nghiem';

/** v1: a 2-day check, then the approval; 5 working days in all. */
const V1 = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="kiemTra" name="Kiểm tra hồ sơ" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="2d"/>
   <userTask id="pheDuyet" name="Phê duyệt" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader" lt:allottedTime="1d"/>
   <endEvent id="e"/>
   ${chain('s', 'kiemTra', 'pheDuyet', 'e')}`,
  { id: KEY, name: 'Cấp phép thử nghiệm', attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d"' },
);

/** v2 (decision 2045/QĐ-UBND): the check takes 3 days, a site visit comes before the approval; 8 days. */
const V2 = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="kiemTra" name="Kiểm tra hồ sơ" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="3d"/>
   <userTask id="thamTra" name="Thẩm tra thực địa" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="2d"/>
   <userTask id="pheDuyet" name="Phê duyệt" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader" lt:allottedTime="1d"/>
   <endEvent id="e"/>
   ${chain('s', 'kiemTra', 'thamTra', 'pheDuyet', 'e')}`,
  { id: KEY, name: 'Cấp phép thử nghiệm', attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="8d"' },
);

/**
 * Through the built engine: a publisher publishes v2 with its decision; a dossier received after runs on
 * v2 while an older one goes on on v1; a third running one is moved to v2, its due dates recomputed.
 */
describe('publishing a new version and moving a running dossier to it', () => {
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
    expect((await api.request('PUT', '/test/clock', { now: vn(local) })).status).toBe(200);
  }

  async function receive(): Promise<DossierDto> {
    const res = await api.post<DossierDto>('/dossiers', {
      definitionKey: KEY,
      applicant: { name: 'Vũ Thị Lan' },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function dossier(id: string): Promise<DossierDto> {
    return (await api.get<DossierDto>(`/dossiers/${id}`)).body;
  }

  async function complete(id: string): Promise<void> {
    const step = (await dossier(id)).activeSteps[0];
    if (!step?.taskId) throw new Error('no open step');
    expect((await api.post(`/tasks/${step.taskId}/complete`, { variables: {} })).status).toBe(200);
  }

  it('runs new dossiers on v2, keeps the older one on v1 and moves the third to v2 with its due dates recomputed', async () => {
    // given v1 published, and two dossiers received on Monday 7/12/2026 at 09:00
    await at('2026-12-07T09:00:00');
    const v1 = await api.post<{ version: number }>('/definitions', V1);
    expect((await api.post(`/definitions/${KEY}/versions/${v1.body.version}/publish`, {})).status).toBe(200);
    const older = await receive();
    const third = await receive();
    expect(third).toMatchObject({ definitionVersion: 1, dueAt: iso('2026-12-14T09:00:00') });

    // when the publisher publishes v2 on Tuesday with its decision
    await at('2026-12-08T08:00:00');
    const v2 = await api.post<{ version: number }>('/definitions', V2);
    const published = await api.post<DefinitionSummaryDto>(
      `/definitions/${KEY}/versions/${v2.body.version}/publish`,
      {
        decisionNumber: '2045/QĐ-UBND',
        decisionDate: '2026-12-08',
        effectiveFrom: '2026-12-08',
      },
    );

    // then it is the version in effect, with its decision
    expect(published.status).toBe(200);
    const versions = await api.get<PageDto<DefinitionSummaryDto>>(`/definitions/${KEY}/versions`);
    expect(versions.body.items.map((v) => [v.version, v.status, v.inEffect, v.decisionNumber])).toEqual([
      [2, 'published', true, '2045/QĐ-UBND'],
      [1, 'retired', false, null],
    ]);

    // when a dossier is received now, and the older one's check is done
    const newer = await receive();
    await complete(older.id);

    // then the new one runs on v2 and the older one goes on on v1 (its approval, not v2's site visit)
    expect(newer.definitionVersion).toBe(2);
    expect(newer.activeSteps.map((s) => s.nodeId)).toEqual(['kiemTra']);
    const olderNow = await dossier(older.id);
    expect([olderNow.definitionVersion, olderNow.activeSteps.map((s) => s.nodeId)]).toEqual([
      1,
      ['pheDuyet'],
    ]);

    // when the third dossier is moved to v2 after a preview
    const body = { definitionKey: KEY, sourceVersion: 1, targetVersion: 2, dossierIds: [third.id] };
    const plan = await api.post<MigrationPlanDto>('/migrations/plan', body);
    expect(plan.body.mapping).toEqual([
      {
        source: 'kiemTra',
        sourceName: 'Kiểm tra hồ sơ',
        target: 'kiemTra',
        targetName: 'Kiểm tra hồ sơ',
        mappedBy: 'id',
      },
    ]);
    const res = await api.post<MigrationResultDto>(
      '/migrations/execute',
      { ...body, expectedRevisions: { [third.id]: plan.body.dossiers[0]!.revision } },
      { 'Idempotency-Key': 'e2e-migration-1' },
    );

    // then it runs on v2: the check keeps its start (Monday 09:00) with 3 days, the dossier 8 days
    expect(res.body).toMatchObject({ migrated: 1, failed: 0 });
    const moved = await dossier(third.id);
    expect(moved).toMatchObject({ definitionVersion: 2, dueAt: iso('2026-12-17T09:00:00') });
    expect(moved.activeSteps).toEqual([
      expect.objectContaining({ nodeId: 'kiemTra', name: 'Kiểm tra hồ sơ' }),
    ]);
    const step = (
      await api.get<{ dueAt: string; allottedTime: string }>(`/tasks/${moved.activeSteps[0]!.taskId}`)
    ).body;
    expect(step).toMatchObject({ allottedTime: '3d', dueAt: iso('2026-12-10T09:00:00') });
    const history = await api.get<PageDto<{ type: string }>>(`/dossiers/${third.id}/history`);
    const events = history.body.items;
    expect(events.filter((e) => e.type === 'migrated')).toHaveLength(1);

    // and it goes on on v2: after the check comes the site visit
    await complete(third.id);
    expect((await dossier(third.id)).activeSteps.map((s) => s.nodeId)).toEqual(['thamTra']);
  });
});

import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, HistoryEventDto, PageDto, TaskDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(120_000);

const KEY = 'dung-giai-quyet';
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiepNhan" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <userTask id="thamDinh" name="Thẩm định hồ sơ" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer"/>
   <endEvent id="e"/>
   ${chain('s', 'tiepNhan', 'thamDinh', 'e')}`,
  {
    id: KEY,
    name: 'Thủ tục thử dừng giải quyết',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="3d"',
  },
);

/** POST /dossiers/{id}/stop: Thông báo dừng giải quyết hồ sơ. */
describe('stopping a dossier (dừng giải quyết)', () => {
  let t: TestApp;
  const registryLeader = () => t.as('DTP-VPDK-CL', ['leader']);
  const count = async (sql: string, params: unknown[]) =>
    ((await t.query(sql, params)) as Array<{ n: number }>)[0]!.n;

  async function atReview(name: string): Promise<DossierDto> {
    const res = await t.api.post<DossierDto>('/dossiers', { definitionKey: KEY, applicant: { name } });
    expect(res.status).toBe(201);
    const tasks = await t.api.get<PageDto<TaskDto>>(`/tasks?dossierId=${res.body.id}&status=active`);
    expect((await t.api.post(`/tasks/${tasks.body.items[0]!.id}/complete`, {})).status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    const deployed = await t.api.post<{ version: number }>('/definitions', PROCEDURE);
    expect(deployed.status).toBe(201);
    await t.api.post(`/definitions/${KEY}/versions/${deployed.body.version}/publish`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is stopped by the leader of the unit handling it: its open step ends, its history and audit say why', async () => {
    // given a dossier at the registry's review
    const dossier = await atReview('Nguyễn Văn Dừng');

    // when the registry's leader stops it
    const res = await registryLeader().post<DossierDto>(`/dossiers/${dossier.code}/stop`, {
      reason: '  Công dân không bổ sung hồ sơ trong thời hạn 15 ngày làm việc ',
      basis: 'Nghị định 297/2025/NĐ-CP',
    });

    // then
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'stopped',
      activeSteps: [],
      result: {
        reason: 'Công dân không bổ sung hồ sơ trong thời hạn 15 ngày làm việc',
        basis: 'Nghị định 297/2025/NĐ-CP',
      },
    });
    expect(res.body.endedAt).not.toBeNull();
    expect(
      await count(`SELECT count(*)::int AS n FROM tasks WHERE dossier_id = $1 AND status = 'active'`, [
        dossier.id,
      ]),
    ).toBe(0);
    const history = await t.api.get<PageDto<HistoryEventDto>>(`/dossiers/${dossier.id}/history?limit=100`);
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'instance.stopped',
      data: { reason: 'Công dân không bổ sung hồ sơ trong thời hạn 15 ngày làm việc' },
    });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'dossier.stop' AND dossier_id = $1 AND outcome = 'success'`,
        [dossier.id],
      ),
    ).toBe(1);
    // the statistics count it as stopped
    expect(await t.query(`SELECT end_kind FROM report_dossiers WHERE dossier_id = $1`, [dossier.id])).toEqual(
      [{ end_kind: 'stopped' }],
    );
    // an ended dossier cannot be stopped again
    const again = await registryLeader().post<{ detail: string }>(`/dossiers/${dossier.id}/stop`, {
      reason: 'Lần hai',
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
  });

  it('stops once for concurrent copies with the same Idempotency-Key', async () => {
    const dossier = await atReview('Trần Thị Một Lần');
    const headers = { 'idempotency-key': 'stop-race-1' };
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        registryLeader().post<DossierDto>(
          `/dossiers/${dossier.id}/stop`,
          { reason: 'Không bổ sung' },
          headers,
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM history_events WHERE dossier_id = $1 AND type = 'instance.stopped'`,
        [dossier.id],
      ),
    ).toBe(1);
  });

  it('needs a reason and a leader of a unit handling the dossier; another unit does not see it', async () => {
    const dossier = await atReview('Lê Văn Từ Chối');
    const path = `/dossiers/${dossier.id}/stop`;
    const blank = await registryLeader().post<{ errors: Array<{ path: string }> }>(path, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.map((e) => e.path)).toEqual(['reason']);
    expect((await registryLeader().post(path, {})).status).toBe(400);
    // an officer of the unit is not its leader
    expect((await t.as('DTP-VPDK-CL', ['officer']).post(path, { reason: 'Không bổ sung' })).status).toBe(403);
    // a leader of a unit that has nothing to do with it: as if it did not exist
    expect((await t.as('DTP-BHXH', ['leader']).post(path, { reason: 'Không bổ sung' })).status).toBe(404);
    // nothing changed
    expect((await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body.status).toBe('active');
    // the receiving desk's leader may stop it too
    expect((await t.as('DTP-TTHCC', ['leader']).post(path, { reason: 'Không bổ sung' })).status).toBe(200);
  });
});

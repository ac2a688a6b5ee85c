import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type {
  DefinitionSummaryDto,
  DefinitionVersionDto,
  DossierDto,
  HistoryEventDto,
  MigrationPlanDto,
  MigrationResultDto,
  PageDto,
  TaskDto,
} from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { BACK_OFFICE_USER, startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(90_000);

/** Monday 7/12/2026, 09:00 in Vietnam. */
const MONDAY = new Date('2026-12-07T02:00:00Z');
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

/** v1: reception, then a 2-day review; 5 working days in all. */
const v1 = (key: string) =>
  bpmnFixture(
    `<startEvent id="s"/>
     <userTask id="tiepNhan" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
     <userTask id="thamDinh" name="Thẩm định" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="2d"/>
     <endEvent id="e"/>
     ${chain('s', 'tiepNhan', 'thamDinh', 'e')}`,
    {
      id: key,
      name: 'Thủ tục chuyển phiên bản',
      attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d"',
    },
  );

/** v2 (the reorganisation): reception renamed, the review under a new id with 4 days, a signature; 7 days. */
const v2 = (key: string) =>
  bpmnFixture(
    `<startEvent id="s"/>
     <userTask id="tiepNhanHoSo" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
     <userTask id="thamDinhHoSo" name="Thẩm định" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="4d"/>
     <userTask id="kyDuyet" name="Ký duyệt" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/>
     <endEvent id="e"/>
     ${chain('s', 'tiepNhanHoSo', 'thamDinhHoSo', 'kyDuyet', 'e')}`,
    {
      id: key,
      name: 'Thủ tục chuyển phiên bản',
      attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="7d"',
    },
  );

describe('versions, publication with a decision and an effective date, moving running dossiers', () => {
  let t: TestApp;
  let clock: Clock;

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
  });
  beforeEach(() => clock.set(MONDAY));
  afterAll(async () => {
    await t?.close();
  });

  async function deploy(xml: string): Promise<number> {
    const res = await t.api.post<{ version: number }>('/definitions', xml);
    expect(res.status).toBe(201);
    return res.body.version;
  }

  async function publish(key: string, version: number, body: object = {}) {
    return t.api.post<DefinitionSummaryDto & { code?: string; detail?: string }>(
      `/definitions/${key}/versions/${version}/publish`,
      body,
    );
  }

  async function receive(key: string): Promise<DossierDto> {
    const res = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: key,
      applicant: { name: 'Lê Thị Hoa' },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function openTask(dossierId: string): Promise<TaskDto> {
    const res = await t.api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossierId}&status=active`);
    expect(res.body.items).toHaveLength(1);
    return res.body.items[0]!;
  }

  async function complete(dossierId: string): Promise<void> {
    const task = await openTask(dossierId);
    expect((await t.api.post(`/tasks/${task.id}/complete`, { variables: {} })).status).toBe(200);
  }

  async function dossier(
    id: string,
  ): Promise<{ definition_version: number; revision: number; state: unknown }> {
    const rows = (await t.query(`SELECT definition_version, revision, state FROM dossiers WHERE id = $1`, [
      id,
    ])) as Array<{
      definition_version: number;
      revision: number;
      state: unknown;
    }>;
    return rows[0]!;
  }

  /** A key with v1 published (and v2 deployed when asked), as of Monday. */
  async function procedure(key: string, withV2 = true): Promise<void> {
    await deploy(v1(key));
    expect((await publish(key, 1)).status).toBe(200);
    if (withV2) await deploy(v2(key));
  }

  /** `n` dossiers received on v1 of a procedure (v2 deployed) and past reception, at the review; then v2 published. */
  async function atReview(key: string, n: number): Promise<string[]> {
    await procedure(key);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = await receive(key);
      await complete(d.id);
      ids.push(d.id);
    }
    expect((await publish(key, 2)).status).toBe(200);
    return ids;
  }

  describe('publishing', () => {
    it('publishes with the decision reference, lists every version with who deployed and published it, and retires the previous one', async () => {
      // given
      await procedure('cpb-cong-bo');

      // when
      const res = await publish('cpb-cong-bo', 2, {
        decisionNumber: '1234/QĐ-UBND',
        decisionDate: '2026-12-04',
        effectiveFrom: '2026-12-07',
      });
      const list = await t.api.get<PageDto<DefinitionSummaryDto>>('/definitions/cpb-cong-bo/versions');

      // then
      expect(res.status).toBe(200);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          version: 2,
          status: 'published',
          createdBy: BACK_OFFICE_USER,
          publishedBy: BACK_OFFICE_USER,
          publishedAt: MONDAY.toISOString(),
          decisionNumber: '1234/QĐ-UBND',
          decisionDate: '2026-12-04',
          effectiveFrom: '2026-12-07',
          retiredAt: null,
          inEffect: true,
        }),
        expect.objectContaining({
          version: 1,
          status: 'retired',
          decisionNumber: null,
          effectiveFrom: '2026-12-07',
          retiredAt: MONDAY.toISOString(),
          inEffect: false,
        }),
      ]);
      expect((await t.api.get<{ xml: string }>('/definitions/cpb-cong-bo/versions/1')).body.xml).toBe(
        v1('cpb-cong-bo'),
      );
    });

    it('starts dossiers received before a future effective date on the previous version, and those received from that day on on the new one', async () => {
      // given v2 published on Monday, in effect from Thursday
      await procedure('cpb-hieu-luc');
      const published = await publish('cpb-hieu-luc', 2, {
        decisionNumber: '77/QĐ-UBND',
        decisionDate: '2026-12-07',
        effectiveFrom: '2026-12-10',
      });
      expect(published.body).toMatchObject({
        status: 'published',
        inEffect: false,
        effectiveFrom: '2026-12-10',
      });

      // when one dossier is received on Wednesday at 16:59 and one on Thursday at 07:00
      clock.set(new Date(vn('2026-12-09T23:59:00')));
      const before = await receive('cpb-hieu-luc');
      clock.set(new Date(vn('2026-12-10T00:00:00')));
      const after = await receive('cpb-hieu-luc');
      const versions = await t.api.get<PageDto<DefinitionSummaryDto>>('/definitions/cpb-hieu-luc/versions');

      // then
      expect(before.definitionVersion).toBe(1);
      expect(after.definitionVersion).toBe(2);
      expect(versions.body.items.map((v) => [v.version, v.status, v.inEffect])).toEqual([
        [2, 'published', true],
        [1, 'published', false],
      ]);
    });

    it('refuses a publisher-less role, an incomplete decision, a past effective date and XML no longer valid, leaving the draft', async () => {
      // given
      await procedure('cpb-tu-choi');
      const noUnit = v2('cpb-tu-choi').replace(' lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"', '');
      await t.query(`UPDATE definitions SET xml = $1 WHERE key = 'cpb-tu-choi' AND version = 2`, [noUnit]);
      const path = '/definitions/cpb-tu-choi/versions/2/publish';

      // when
      const officer = await t.as('DTP-VPDK-CL', ['officer']).post(path, {});
      const designer = await t.as('DTP-VP', ['designer']).post(path, {});
      const incomplete = await publish('cpb-tu-choi', 2, { decisionNumber: '1/QĐ-UBND' });
      const past = await publish('cpb-tu-choi', 2, { effectiveFrom: '2026-12-06' });
      const badDate = await publish('cpb-tu-choi', 2, { effectiveFrom: '2026-02-30' });
      const invalid = await publish('cpb-tu-choi', 2, {
        decisionNumber: '2/QĐ-UBND',
        decisionDate: '2026-12-07',
      });

      // then
      expect([officer.status, designer.status]).toEqual([403, 403]);
      expect([incomplete.status, incomplete.body.code]).toEqual([422, 'decision-incomplete']);
      expect([past.status, past.body.code]).toEqual([422, 'effective-date-past']);
      expect(badDate.status).toBe(400);
      expect([invalid.status, invalid.body.code]).toEqual([422, 'bpmn-invalid']);
      const rows = (await t.query(
        `SELECT status FROM definitions WHERE key = 'cpb-tu-choi' ORDER BY version`,
      )) as Array<{
        status: string;
      }>;
      expect(rows.map((r) => r.status)).toEqual(['published', 'draft']);
    });
  });

  describe('moving running dossiers', () => {
    const plan = (body: object) => t.api.post<MigrationPlanDto>('/migrations/plan', body);
    const execute = (body: object, key: string) =>
      t.api.post<MigrationResultDto>('/migrations/execute', body, { 'Idempotency-Key': key });

    it('proposes the mapping (same id, same name), lists the unmapped step and previews the new due dates', async () => {
      // given a dossier at reception and one at the review, v2 published
      await procedure('cpb-xem-truoc');
      const atReception = await receive('cpb-xem-truoc');
      const atReview = await receive('cpb-xem-truoc');
      await complete(atReview.id);
      expect((await publish('cpb-xem-truoc', 2)).status).toBe(200);

      // when
      const res = await plan({ definitionKey: 'cpb-xem-truoc', sourceVersion: 1, targetVersion: 2 });

      // then
      expect(res.status).toBe(200);
      expect(res.body.mapping).toEqual([
        {
          source: 'thamDinh',
          sourceName: 'Thẩm định',
          target: 'thamDinhHoSo',
          targetName: 'Thẩm định',
          mappedBy: 'name',
        },
        { source: 'tiepNhan', sourceName: 'Tiếp nhận', target: null, targetName: null, mappedBy: null },
      ]);
      expect(res.body.unmapped).toEqual(['tiepNhan']);
      expect(res.body.activeOnSource).toBe(2);
      const byId = (id: string) => res.body.dossiers.find((d) => d.id === id);
      const [first, second] = [byId(atReception.id), byId(atReview.id)];
      expect(first).toMatchObject({
        id: atReception.id,
        problems: ['Bước "Tiếp nhận" (tiepNhan) chưa được ánh xạ sang phiên bản mới.'],
      });
      expect(second).toMatchObject({
        id: atReview.id,
        problems: [],
        dueAt: vn('2026-12-14T09:00:00'),
        newDueAt: vn('2026-12-16T09:00:00'),
        steps: [
          {
            source: 'thamDinh',
            target: 'thamDinhHoSo',
            dueAt: vn('2026-12-09T09:00:00'),
            newDueAt: vn('2026-12-11T09:00:00'),
          },
        ],
      });

      // when the reception step is mapped by hand
      const manual = await plan({
        definitionKey: 'cpb-xem-truoc',
        sourceVersion: 1,
        targetVersion: 2,
        mapping: { tiepNhan: 'tiepNhanHoSo' },
      });

      // then
      expect(manual.body.unmapped).toEqual([]);
      expect(manual.body.dossiers.map((d) => d.problems)).toEqual([[], []]);
    });

    it('moves each dossier with its step, due dates recomputed, history and audit; a replay answers the same; an unmapped one is left as it was', async () => {
      // given
      await procedure('cpb-chuyen');
      const atReception = await receive('cpb-chuyen');
      const atReview = await receive('cpb-chuyen');
      await complete(atReview.id);
      expect((await publish('cpb-chuyen', 2)).status).toBe(200);
      const untouched = await dossier(atReception.id);
      const body = { definitionKey: 'cpb-chuyen', sourceVersion: 1, targetVersion: 2 };

      // when
      const res = await execute(body, 'chuyen-1');
      const replay = await execute(body, 'chuyen-1');

      // then
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ migrated: 1, skipped: 0, failed: 1 });
      expect(res.body.dossiers).toEqual([
        {
          id: atReception.id,
          code: atReception.code,
          outcome: 'failed',
          reason: 'Bước "Tiếp nhận" (tiepNhan) chưa được ánh xạ sang phiên bản mới.',
          newDueAt: null,
        },
        {
          id: atReview.id,
          code: atReview.code,
          outcome: 'migrated',
          reason: null,
          newDueAt: vn('2026-12-16T09:00:00'),
        },
      ]);
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(res.body);

      const moved = await t.api.get<DossierDto>(`/dossiers/${atReview.id}`);
      expect(moved.body).toMatchObject({ definitionVersion: 2, dueAt: vn('2026-12-16T09:00:00') });
      const task = await openTask(atReview.id);
      expect(task).toMatchObject({
        nodeId: 'thamDinhHoSo',
        name: 'Thẩm định',
        allottedTime: '4d',
        dueAt: vn('2026-12-11T09:00:00'),
      });
      const history = await t.api.get<PageDto<HistoryEventDto>>(`/dossiers/${atReview.id}/history`);
      const events = history.body.items;
      expect(events.filter((e) => e.type === 'migrated')).toEqual([
        expect.objectContaining({
          actor: BACK_OFFICE_USER,
          data: expect.objectContaining({
            fromVersion: 1,
            toVersion: 2,
            steps: [{ from: 'thamDinh', to: 'thamDinhHoSo', taskId: task.id }],
          }),
        }),
      ]);
      const audit = (await t.query(
        `SELECT action, dossier_id, outcome FROM audit_log WHERE action = 'dossier.migrate'`,
      )) as Array<{
        dossier_id: string;
      }>;
      expect(audit).toEqual([{ action: 'dossier.migrate', dossier_id: atReview.id, outcome: 'success' }]);
      expect(await dossier(atReception.id)).toEqual(untouched);

      // and the moved dossier goes on on v2: the review, then the new signature step
      await complete(atReview.id);
      expect((await openTask(atReview.id)).nodeId).toBe('kyDuyet');
    });

    it('leaves a dossier changed since the preview as it was and moves the others', async () => {
      // given three dossiers at the review
      const ids = await atReview('cpb-dong-thoi', 3);
      const body = { definitionKey: 'cpb-dong-thoi', sourceVersion: 1, targetVersion: 2, dossierIds: ids };
      const preview = await plan(body);
      const expectedRevisions = Object.fromEntries(preview.body.dossiers.map((d) => [d.id, d.revision]));

      // when an officer completes the review of the second one meanwhile
      await complete(ids[1]!);
      const changed = await dossier(ids[1]!);
      const res = await execute({ ...body, expectedRevisions }, 'dong-thoi-1');

      // then
      expect(res.body.dossiers.map((d) => d.outcome)).toEqual(['migrated', 'failed', 'migrated']);
      expect(res.body.dossiers[1]!.reason).toContain('đã được xử lý tiếp sau khi xem trước');
      expect(await dossier(ids[1]!)).toEqual(changed);
      expect((await dossier(ids[0]!)).definition_version).toBe(2);
    });

    it('reports dossiers already moved by an earlier execution (a retry under a new key) as skipped, writing nothing again', async () => {
      // given two dossiers at the review, v2 published, and the first one moved by a first execution
      const ids = await atReview('cpb-lan-hai', 2);
      const body = { definitionKey: 'cpb-lan-hai', sourceVersion: 1, targetVersion: 2, dossierIds: ids };
      const preview = await plan(body);
      const expectedRevisions = Object.fromEntries(preview.body.dossiers.map((d) => [d.id, d.revision]));
      const first = await execute({ ...body, dossierIds: [ids[0]!], expectedRevisions }, 'lan-hai-1');
      expect(first.body).toMatchObject({ migrated: 1, skipped: 0, failed: 0 });
      const afterFirst = await dossier(ids[0]!);

      // when the answer is lost and the publisher executes the same plan again under a new key
      const second = await execute({ ...body, expectedRevisions }, 'lan-hai-2');

      // then the moved one is skipped, the other one moved, nothing written twice
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ migrated: 1, skipped: 1, failed: 0 });
      expect(second.body.dossiers[0]).toEqual({
        id: ids[0],
        code: expect.any(String),
        outcome: 'skipped',
        reason: 'Hồ sơ đã ở phiên bản 2, không chuyển lại.',
        newDueAt: null,
      });
      expect(second.body.dossiers[1]).toMatchObject({ id: ids[1], outcome: 'migrated' });
      expect(await dossier(ids[0]!)).toEqual(afterFirst);
      const events = (await t.query(
        `SELECT dossier_id, count(*)::int AS n FROM history_events WHERE type = 'migrated' AND dossier_id = ANY($1::uuid[]) GROUP BY dossier_id`,
        [ids],
      )) as Array<{ dossier_id: string; n: number }>;
      expect(events.map((e) => e.n)).toEqual([1, 1]);

      // and the versions list counts them on v2, the plan says they are there already
      const versions = await t.api.get<PageDto<DefinitionVersionDto>>('/definitions/cpb-lan-hai/versions');
      expect(versions.body.items.map((v) => [v.version, v.runningDossiers])).toEqual([
        [2, 2],
        [1, 0],
      ]);
      const again = await plan(body);
      expect(again.body.dossiers.map((d) => d.problems)).toEqual([
        ['Hồ sơ đã ở phiên bản 2, không chuyển lại.'],
        ['Hồ sơ đã ở phiên bản 2, không chuyển lại.'],
      ]);
    });

    it('moves a dossier once when two publishers execute the same plan at the same time: the other reports it skipped', async () => {
      // given
      const ids = await atReview('cpb-hai-nguoi', 4);
      const body = { definitionKey: 'cpb-hai-nguoi', sourceVersion: 1, targetVersion: 2, dossierIds: ids };

      // when
      const [a, b] = await Promise.all([execute(body, 'hai-nguoi-a'), execute(body, 'hai-nguoi-b')]);

      // then every dossier was moved by exactly one of them, and none failed
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.failed + b.body.failed).toBe(0);
      expect(a.body.migrated + b.body.migrated).toBe(4);
      expect(a.body.skipped + b.body.skipped).toBe(4);
      for (const [i, id] of ids.entries()) {
        expect([a.body.dossiers[i]!.outcome, b.body.dossiers[i]!.outcome].sort()).toEqual([
          'migrated',
          'skipped',
        ]);
        expect((await dossier(id)).definition_version).toBe(2);
      }
      const events = (await t.query(
        `SELECT count(*)::int AS n FROM history_events WHERE type = 'migrated' AND dossier_id = ANY($1::uuid[])`,
        [ids],
      )) as Array<{ n: number }>;
      expect(events).toEqual([{ n: 4 }]);
    });

    it('refuses a target that is not published, the same version, no Idempotency-Key, and roles other than publisher', async () => {
      // given
      await procedure('cpb-loi');
      const body = { definitionKey: 'cpb-loi', sourceVersion: 1, targetVersion: 2 };

      // when
      const draft = await plan(body);
      const same = await plan({ ...body, targetVersion: 1 });
      const missing = await plan({ ...body, targetVersion: 9 });
      const noKey = await t.api.post('/migrations/execute', body);
      const officer = await t.as('DTP-VPDK-CL', ['officer', 'leader']).post('/migrations/plan', body);
      const designer = await t
        .as('DTP-VP', ['designer'])
        .post('/migrations/execute', body, { 'Idempotency-Key': 'x' });

      // then
      expect([draft.status, (draft.body as unknown as { code: string }).code]).toEqual([
        409,
        'target-not-published',
      ]);
      expect([same.status, missing.status, noKey.status]).toEqual([422, 404, 400]);
      expect([officer.status, designer.status]).toEqual([403, 403]);
    });
  });
});

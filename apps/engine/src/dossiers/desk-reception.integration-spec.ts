import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type {
  AwaitingReturnDto,
  DossierDto,
  DossierPathDto,
  DossierSummaryDto,
  PageDto,
  ReceptionGuidanceDto,
  TaskCompletionDto,
  TaskDto,
  VariableChangeDto,
} from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(120_000);

const KEY = 'tu-choi-thu-nghiem';
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiepNhan" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <userTask id="kiemTra" name="Kiểm tra hồ sơ" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer"/>
   <userTask id="traKq" name="Trả kết quả" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <endEvent id="e"/>
   ${chain('s', 'tiepNhan', 'kiemTra', 'traKq', 'e')}`,
  {
    id: KEY,
    name: 'Thủ tục thử nghiệm từ chối tiếp nhận',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="3d"',
  },
);

/** The desk's refusals and supplement guidances, its search by applicant, and the dossier view's data. */
describe('desk: refusal, supplement guidance, dossier view', () => {
  let t: TestApp;
  const desk = () => t.as('DTP-TTHCC', ['reception']);
  const registry = () => t.as('DTP-VPDK-CL', ['officer']);
  const otherUnit = () => t.as('DTP-BHXH', ['officer', 'reception']);
  const count = async (sql: string, params: unknown[]) =>
    ((await t.query(sql, params)) as Array<{ n: number }>)[0]!.n;

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    const deployed = await t.api.post<{ version: number }>('/definitions', PROCEDURE);
    expect(deployed.status).toBe(201);
    await t.api.post(`/definitions/${KEY}/versions/${deployed.body.version}/publish`);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('POST /dossiers/refusals', () => {
    it('records a refused dossier with its code and reasons, and no process, audited', async () => {
      // when the desk refuses a dossier with two reasons
      const res = await desk().post<DossierDto>('/dossiers/refusals', {
        definitionKey: KEY,
        applicant: { name: 'Phạm Văn Từ', idNumber: '087090001111' },
        channel: 'desk',
        reasons: ['Thửa đất đang có tranh chấp', '  Không thuộc thẩm quyền  '],
      });

      // then it has a code of the unit's daily sequence, status refused, the reasons, and no step
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'refused', definitionKey: KEY, activeSteps: [] });
      expect(res.body.code).toMatch(/^[0-9A-Z.]+-\d{6}-\d{4}$/);
      expect(res.body.result?.reason).toBe('Thửa đất đang có tranh chấp\nKhông thuộc thẩm quyền');
      expect(await count(`SELECT count(*)::int AS n FROM tasks WHERE dossier_id = $1`, [res.body.id])).toBe(
        0,
      );
      const history = await desk().get<PageDto<{ type: string; data: unknown; actor: string }>>(
        `/dossiers/${res.body.code}/history`,
      );
      expect(history.body.items).toEqual([
        expect.objectContaining({
          type: 'refused',
          data: { reasons: ['Thửa đất đang có tranh chấp', 'Không thuộc thẩm quyền'] },
        }),
      ]);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'dossier.refuse' AND dossier_id = $1 AND outcome = 'success'`,
          [res.body.id],
        ),
      ).toBe(1);
      // and the refused dossier is listed under its status; no command can act on it
      const list = await desk().get<PageDto<DossierSummaryDto>>(
        `/dossiers?status=refused&definitionKey=${KEY}`,
      );
      expect(list.body.items.map((d) => d.code)).toContain(res.body.code);
      expect((await desk().post(`/dossiers/${res.body.code}/cancel`, {})).status).toBe(409);
    });

    it('refuses bad input (400), another desk (403) and an unknown procedure (404), writing nothing', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM dossiers WHERE status = 'refused'`, []);
      const body = { definitionKey: KEY, applicant: { name: 'Lê Thị Sai' }, reasons: ['Thiếu thẩm quyền'] };
      const noReason = await desk().post<{ errors: Array<{ path: string }> }>('/dossiers/refusals', {
        ...body,
        reasons: [],
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((e) => e.path)).toContain('reasons');
      expect((await desk().post('/dossiers/refusals', { ...body, reasons: ['  '] })).status).toBe(400);
      expect((await desk().post('/dossiers/refusals', { ...body, applicant: { name: '' } })).status).toBe(
        400,
      );
      expect((await registry().post('/dossiers/refusals', body)).status).toBe(403);
      expect((await otherUnit().post('/dossiers/refusals', body)).status).toBe(403);
      expect((await desk().post('/dossiers/refusals', { ...body, definitionKey: 'khong-co' })).status).toBe(
        404,
      );
      expect((await desk().post('/dossiers/refusals', { ...body, receivingUnit: 'KHONG-CO' })).status).toBe(
        422,
      );
      expect(await count(`SELECT count(*)::int AS n FROM dossiers WHERE status = 'refused'`, [])).toBe(
        before,
      );
    });

    it('records one refusal for concurrent copies with the same Idempotency-Key', async () => {
      const headers = { 'idempotency-key': 'refuse-race-1' };
      const body = { definitionKey: KEY, applicant: { name: 'Đỗ Văn Một Lần' }, reasons: ['Hồ sơ giả mạo'] };
      const answers = await Promise.all(
        [1, 2, 3].map(() => desk().post<DossierDto>('/dossiers/refusals', body, headers)),
      );
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.code)).size).toBe(1);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM dossiers WHERE applicant->>'name' = 'Đỗ Văn Một Lần'`,
          [],
        ),
      ).toBe(1);
      // the same key for another request is refused
      expect((await desk().post('/dossiers/refusals', { ...body, reasons: ['Khác'] }, headers)).status).toBe(
        409,
      );
    });
  });

  describe('supplement guidance at reception', () => {
    it('numbers, keeps and finds a guidance of the desk; another desk does not see it', async () => {
      const res = await desk().post<ReceptionGuidanceDto>('/dossiers/reception-guidance', {
        definitionKey: KEY,
        applicant: { name: 'Võ Thị Bổ Sung', phone: '0912345678' },
        items: ['Bản sao Giấy chứng nhận: chưa chứng thực', 'Sơ đồ thửa đất: thiếu chữ ký'],
        contact: 'Bộ phận Một cửa, 0277 3851 234',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        definitionKey: KEY,
        procedureName: 'Thủ tục thử nghiệm từ chối tiếp nhận',
        receivingUnit: 'DTP-TTHCC',
        items: ['Bản sao Giấy chứng nhận: chưa chứng thực', 'Sơ đồ thửa đất: thiếu chữ ký'],
        contact: 'Bộ phận Một cửa, 0277 3851 234',
      });
      expect(res.body.code).toMatch(/^HD-[0-9A-Z.]+-\d{6}-\d{4}$/);
      const second = await desk().post<ReceptionGuidanceDto>('/dossiers/reception-guidance', {
        definitionKey: KEY,
        applicant: { name: 'Võ Văn Hai' },
        items: ['Tờ khai'],
      });
      expect(Number(second.body.code.slice(-4))).toBe(Number(res.body.code.slice(-4)) + 1);

      expect(
        (await desk().get<ReceptionGuidanceDto>(`/dossiers/reception-guidance/${res.body.code}`)).body.id,
      ).toBe(res.body.id);
      const found = await desk().get<PageDto<ReceptionGuidanceDto>>('/dossiers/reception-guidance?q=bổ sung');
      expect(found.body.items.map((g) => g.code)).toEqual([res.body.code]);
      const folded = await desk().get<PageDto<ReceptionGuidanceDto>>(
        '/dossiers/reception-guidance?q=BO SUNG',
      );
      expect(folded.body.items.map((g) => g.code)).toEqual([res.body.code]);
      expect((await otherUnit().get(`/dossiers/reception-guidance/${res.body.code}`)).status).toBe(404);
      expect((await otherUnit().get<PageDto<unknown>>('/dossiers/reception-guidance')).body.items).toEqual(
        [],
      );
      // not a dossier
      expect(
        await count(
          `SELECT count(*)::int AS n FROM dossiers WHERE applicant->>'name' = 'Võ Thị Bổ Sung'`,
          [],
        ),
      ).toBe(0);
    });

    it('needs at least one item (400) and the desk of the procedure (403)', async () => {
      const body = { definitionKey: KEY, applicant: { name: 'Ai Đó' }, items: ['Tờ khai'] };
      expect((await desk().post('/dossiers/reception-guidance', { ...body, items: [] })).status).toBe(400);
      expect((await registry().post('/dossiers/reception-guidance', body)).status).toBe(403);
    });
  });

  describe('search and the dossier view', () => {
    let dossier: DossierDto;

    beforeAll(async () => {
      dossier = (
        await desk().post<DossierDto>('/dossiers', {
          definitionKey: KEY,
          applicant: { name: 'Huỳnh Thị Tìm Kiếm' },
          variables: { parcel: { number: 12 } },
        })
      ).body;
      // the desk hands it over; the registry checks it
      const steps = async () =>
        (await t.api.get<{ items: TaskDto[] }>(`/tasks?dossierId=${dossier.id}&status=active`)).body.items;
      const [reception] = await steps();
      expect((await desk().post(`/tasks/${reception!.id}/complete`, {})).status).toBe(200);
      const [check] = await steps();
      expect(
        (await registry().post(`/tasks/${check!.id}/complete`, { variables: { eligible: true } })).status,
      ).toBe(200);
    });

    it('finds the unit dossiers by part of the applicant name, any case, with or without diacritics', async () => {
      const search = async (who: { get: typeof t.api.get }, q: string) =>
        (
          await who.get<PageDto<DossierSummaryDto>>(
            `/dossiers?definitionKey=${KEY}&applicant=${encodeURIComponent(q)}`,
          )
        ).body.items.map((d) => d.code);
      expect(await search(desk(), 'tìm kiếm')).toEqual([dossier.code]);
      expect(await search(desk(), 'HUỲNH THỊ')).toEqual([dossier.code]);
      expect(await search(desk(), 'huynh thi tim kiem')).toEqual([dossier.code]);
      expect(await search(desk(), 'HUYNH THI')).toEqual([dossier.code]);
      // the name only, literally (`%` is not a wildcard; the code is the code's filter)
      expect(await search(desk(), '%')).toEqual([]);
      expect(await search(desk(), dossier.code.slice(-11))).toEqual([]);
      expect(await search(otherUnit(), 'tìm kiếm')).toEqual([]);
    });

    it('marks the path: finished nodes and flows, the current step, with the version XML', async () => {
      const res = await registry().get<DossierPathDto>(`/dossiers/${dossier.code}/path`);
      expect(res.status).toBe(200);
      expect(res.body.bpmnXml).toContain('id="kiemTra"');
      expect(res.body.finishedIds).toEqual(expect.arrayContaining(['s', 'tiepNhan', 'kiemTra']));
      expect(res.body.finishedIds).not.toContain('traKq');
      expect(res.body.activeIds).toEqual(['traKq']);
      expect(res.body.lateIds).toEqual([]);
    });

    it('lists who set which variable at which step', async () => {
      const res = await desk().get<VariableChangeDto[]>(`/dossiers/${dossier.code}/variable-history`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({ name: 'parcel', value: { number: 12 }, source: 'reception', nodeId: null }),
        expect.objectContaining({
          name: 'eligible',
          value: true,
          source: 'step',
          nodeId: 'kiemTra',
          nodeName: 'Kiểm tra hồ sơ',
        }),
      ]);
    });

    it('answers 404 to a unit that never held the dossier, as if it did not exist', async () => {
      for (const path of ['', '/path', '/variable-history', '/history', '/control-sheet']) {
        const res = await otherUnit().get<{ status: number }>(`/dossiers/${dossier.code}${path}`);
        expect(res.status).toBe(404);
      }
      expect((await desk().get('/dossiers/KHONG-CO-0001/path')).status).toBe(404);
    });

    it('lists the result waiting at the desk and returns it to who collects it, once', async () => {
      // the desk's list of results to return
      const waiting = await desk().get<PageDto<AwaitingReturnDto>>(
        `/dossiers/awaiting-return?q=${encodeURIComponent('tim kiem')}`,
      );
      expect(waiting.status).toBe(200);
      expect(waiting.body.items).toEqual([
        expect.objectContaining({
          stepName: 'Trả kết quả',
          dossier: expect.objectContaining({ code: dossier.code }),
        }),
      ]);
      expect((await otherUnit().get<PageDto<unknown>>('/dossiers/awaiting-return')).body.items).toEqual([]);

      // bad input, another unit, then two copies of the return with one key
      expect((await desk().post(`/dossiers/${dossier.code}/return`, { collectorName: ' ' })).status).toBe(
        400,
      );
      expect(
        (await otherUnit().post(`/dossiers/${dossier.code}/return`, { collectorName: 'X' })).status,
      ).toBe(404);
      const body = {
        collectorName: 'Huỳnh Văn Nhận',
        collectorIdNumber: '087090002222',
        relation: 'Người được ủy quyền',
      };
      const headers = { 'idempotency-key': 'return-1' };
      const answers = await Promise.all(
        [1, 2].map(() => desk().post<TaskCompletionDto>(`/dossiers/${dossier.code}/return`, body, headers)),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers[0]!.body.dossier.status).toBe('completed');
      expect(answers[1]!.body).toEqual(answers[0]!.body);

      // the dossier ended; its variables name the collector and the officer
      const ended = await desk().get<DossierDto>(`/dossiers/${dossier.code}`);
      expect(ended.body.status).toBe('completed');
      expect(ended.body.variables['resultCollector']).toMatchObject({
        ...body,
        returnedBy: expect.any(String),
      });
      const changes = await desk().get<VariableChangeDto[]>(`/dossiers/${dossier.code}/variable-history`);
      expect(changes.body.at(-1)).toMatchObject({ name: 'resultCollector', nodeId: 'traKq', source: 'step' });
      expect(
        await count(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'dossier.return' AND dossier_id = $1 AND outcome = 'success'`,
          [dossier.id],
        ),
      ).toBe(1);
      // nothing left to return
      expect((await desk().post(`/dossiers/${dossier.code}/return`, body)).status).toBe(409);
    });
  });

  describe("a desk's daily counter past 9,999", () => {
    it('numbers the 10,000th dossier of the day with five digits, after four-digit codes, never twice', async () => {
      // given the desk's counter of today at 9,998 (the day of a dossier just received)
      const first = await desk().post<DossierDto>('/dossiers', {
        definitionKey: KEY,
        applicant: { name: 'Trương Văn Đếm' },
      });
      expect(first.status).toBe(201);
      await t.query(
        `UPDATE dossier_sequences SET last_value = 9998
          WHERE unit_code = 'DTP-TTHCC' AND day = (SELECT max(day) FROM dossier_sequences WHERE unit_code = 'DTP-TTHCC')`,
        [],
      );

      // when three more are received, the last one refused
      const receive = (name: string) =>
        desk().post<DossierDto>('/dossiers', { definitionKey: KEY, applicant: { name } });
      const a = await receive('Trương Văn Một');
      const b = await receive('Trương Văn Hai');
      const c = await desk().post<DossierDto>('/dossiers/refusals', {
        definitionKey: KEY,
        applicant: { name: 'Trương Văn Ba' },
        channel: 'desk',
        reasons: ['Không thuộc thẩm quyền'],
      });

      // then 9999, 10000 and 10001 of the same day's prefix, all received (no 409 on a duplicate code)
      expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
      const prefix = first.body.code.replace(/\d{4}$/, '');
      expect([a.body.code, b.body.code, c.body.code]).toEqual([
        `${prefix}9999`,
        `${prefix}10000`,
        `${prefix}10001`,
      ]);
      // and a citizen finds a five-digit code as any other
      expect((await t.api.get(`/public/dossiers/${b.body.code}`)).status).toBe(200);
      expect((await t.api.get(`/public/dossiers/${a.body.code}`)).status).toBe(200);
    });
  });
});

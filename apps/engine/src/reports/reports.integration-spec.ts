import { Workbook } from 'exceljs';
import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type {
  DossierDto,
  LateListDto,
  LateStepDto,
  PageDto,
  Report06aDto,
  Report06aRowDto,
  ReportDossierDto,
  ReportNowDto,
  ReportSettingDto,
  StepReportDto,
  Indicators766Dto,
} from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { startTestApp, type TestApp, memberOf } from '../testing/test-app';
import { FIGURE_NAMES } from './reports.dto';
import { ReportsRepository } from './reports.repository';
import { ReportStepsRollup } from './report-steps-rollup.service';

jest.setTimeout(120_000);

const vn = (local: string) => new Date(`${local}+07:00`);

// 3 working days; the review and the tax office have a day each, the desk and the signature no allotted time.
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="receive" name="Tiếp nhận" lt:unit="DTP-TTHCC"/>
   <userTask id="review" name="Thẩm định" lt:unit="DTP-VPDK-CL" lt:allottedTime="1d"/>
   <userTask id="tax" name="Xác định nghĩa vụ tài chính" lt:unit="DTP-THUE-1" lt:allottedTime="1d"/>
   <userTask id="sign" name="Ký" lt:unit="DTP-VPDK-CL"/>
   <endEvent id="e"/>
   ${chain('s', 'receive', 'review', 'tax', 'sign', 'e')}`,
  { id: 'thong-ke', attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="3d"' },
);

const STEPS = ['receive', 'review', 'tax', 'sign'] as const;

describe('statistics: form 06a, drill-downs, late lists, Decision 766, exports', () => {
  let t: TestApp;
  let clock: Clock;
  const code = new Map<string, string>();

  async function receive(name: string, at: string, channel: 'desk' | 'online' = 'desk'): Promise<DossierDto> {
    clock.set(vn(at));
    const res = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: 'thong-ke',
      applicant: { name: `Người nộp ${name}` },
      channel,
    });
    expect(res.status).toBe(201);
    code.set(name, res.body.code);
    return res.body;
  }

  async function complete(dossier: DossierDto, nodeId: string, at: string): Promise<void> {
    clock.set(vn(at));
    const current = await t.api.get<DossierDto>(`/dossiers/${dossier.id}`);
    const step = current.body.activeSteps.find((s) => s.nodeId === nodeId);
    expect(step?.taskId).toBeDefined();
    expect((await t.api.post(`/tasks/${step?.taskId}/complete`, {})).status).toBe(200);
  }

  /** Completes the steps in order at the given instants. */
  async function walk(dossier: DossierDto, ...at: string[]): Promise<void> {
    for (const [i, instant] of at.entries()) await complete(dossier, STEPS[i]!, instant);
  }

  async function sweep(at: string): Promise<void> {
    clock.set(vn(at));
    expect((await t.api.put('/test/sweep', {})).status).toBe(200);
  }

  const march = (extra = '') => t.api.get<Report06aDto>(`/reports/06a?from=2026-03-01&to=2026-03-31${extra}`);

  /** Every dossier code behind a figure (all pages). */
  async function drill(query: string, route = '/reports/06a/dossiers'): Promise<string[]> {
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: PageDto<ReportDossierDto> } = await t.api.get<
        PageDto<ReportDossierDto>
      >(`${route}?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      codes.push(...res.body.items.map((i) => i.code));
      cursor = res.body.nextCursor;
    } while (cursor);
    return codes;
  }

  const codes = (...names: string[]) => names.map((n) => code.get(n)).sort();

  /** Every dossier code due soon or overdue now (all pages). */
  const drillNow = (query: string) => drill(query, '/reports/now/dossiers');

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    clock = t.app.get(Clock);
    const d = await t.api.post<{ key: string; version: number }>('/definitions', PROCEDURE);
    expect((await t.api.post(`/definitions/${d.body.key}/versions/${d.body.version}/publish`)).status).toBe(
      200,
    );

    // K: February only.
    const k = await receive('K', '2026-02-10T08:00:00');
    await walk(k, '2026-02-10T08:10:00', '2026-02-10T09:00:00', '2026-02-10T10:00:00', '2026-02-10T11:00:00');
    // A: received in February (due 3/3 09:00), resolved on its due day in March: carried over, on time.
    const a = await receive('A', '2026-02-26T09:00:00');
    await walk(a, '2026-02-26T09:10:00', '2026-02-26T10:00:00', '2026-02-27T09:00:00', '2026-03-03T08:00:00');
    // B: online, resolved the same day: early.
    const b = await receive('B', '2026-03-02T08:00:00', 'online');
    await walk(b, '2026-03-02T08:10:00', '2026-03-02T09:00:00', '2026-03-02T10:00:00', '2026-03-02T11:00:00');
    // C: late at the tax office (another agency).
    const c = await receive('C', '2026-03-09T08:00:00');
    await walk(c, '2026-03-09T08:10:00', '2026-03-09T09:00:00', '2026-03-11T09:00:00', '2026-03-13T09:00:00');
    // D: late at the review (the lead agency).
    const dd = await receive('D', '2026-03-16T08:00:00');
    await walk(
      dd,
      '2026-03-16T08:10:00',
      '2026-03-18T09:00:00',
      '2026-03-18T10:00:00',
      '2026-03-20T09:00:00',
    );
    // I: an apology and a new date (extended: late), the tax step late.
    const i = await receive('I', '2026-03-10T08:00:00');
    await walk(i, '2026-03-10T08:10:00', '2026-03-10T09:00:00');
    clock.set(vn('2026-03-11T08:00:00'));
    const ext = await t.api.post(`/dossiers/${i.id}/extension`, {
      newDueAt: vn('2026-03-20T17:00:00').toISOString(),
      reason: 'Chờ cơ quan thuế xác định nghĩa vụ tài chính',
      unit: 'DTP-THUE-1',
    });
    expect(ext.status).toBe(200);
    await complete(i, 'tax', '2026-03-12T09:00:00');
    await complete(i, 'sign', '2026-03-16T09:00:00');
    // E: withdrawn by the applicant.
    const e = await receive('E', '2026-03-20T08:00:00');
    clock.set(vn('2026-03-23T09:00:00'));
    expect((await t.api.post(`/dossiers/${e.id}/cancel`, { reason: 'Công dân rút hồ sơ' })).status).toBe(200);
    // R: refused at reception (Phiếu từ chối tiếp nhận).
    clock.set(vn('2026-03-18T08:00:00'));
    const r = await t.as('DTP-TTHCC', ['reception']).post<DossierDto>('/dossiers/refusals', {
      definitionKey: 'thong-ke',
      applicant: { name: 'Người nộp R' },
      reasons: ['Không thuộc thẩm quyền giải quyết'],
    });
    expect(r.status).toBe(201);
    code.set('R', r.body.code);
    // S: stopped at the review by the registry's leader (not supplemented in time).
    const st = await receive('S', '2026-03-17T08:00:00');
    await complete(st, 'receive', '2026-03-17T08:10:00');
    clock.set(vn('2026-03-24T09:00:00'));
    const stop = await t.as('DTP-VPDK-CL', ['leader']).post(`/dossiers/${st.id}/stop`, {
      reason: 'Công dân không bổ sung hồ sơ trong thời hạn',
      basis: 'Nghị định 297/2025/NĐ-CP',
    });
    expect(stop.status).toBe(200);
    // F: open past its due instant (30/3 08:00) at the end of March: overdue.
    const f = await receive('F', '2026-03-25T08:00:00');
    await complete(f, 'receive', '2026-03-25T08:10:00');
    // H: paused (waiting for the applicant) at the end of March.
    const h = await receive('H', '2026-03-26T08:00:00');
    clock.set(vn('2026-03-26T09:00:00'));
    expect(
      (await t.api.post(`/dossiers/${h.id}/pause`, { reason: 'Chờ công dân bổ sung giấy tờ' })).status,
    ).toBe(200);
    await sweep('2026-03-30T09:00:00');
    // G and L: open within time; M: April.
    await receive('G', '2026-03-30T08:00:00');
    await receive('L', '2026-03-31T16:00:00');
    await receive('M', '2026-04-01T08:00:00');
    await sweep('2026-04-01T09:00:00');
  });
  afterAll(async () => {
    await t?.close();
  });

  const MARCH: Partial<Report06aRowDto> = {
    total: 12,
    received: 11,
    receivedOnline: 1,
    receivedDeskOrPostal: 10,
    carriedOver: 1,
    resolved: 5,
    resolvedEarly: 1,
    resolvedOnTime: 1,
    resolvedLate: 3,
    lateInsideLead: 1,
    lateOtherAgency: 2,
    lateApplicant: 0,
    inProgress: 4,
    inProgressWithinTime: 3,
    inProgressOverdue: 1,
    pausedUncounted: 0,
    withdrawn: 1,
    refused: 1,
    stopped: 1,
    onTimeRate: 40,
  };

  it('counts every figure of form 06a for March across the period boundaries', async () => {
    // when
    const res = await march();

    // then
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ key: '*', label: 'Tổng cộng', ...MARCH });
    expect(res.body.rows).toEqual([expect.objectContaining({ key: 'DTP-TTHCC', ...MARCH })]);
    expect(res.body.setting).toMatchObject({
      countPausedInProgress: true,
      criticismFrom: 5,
      disciplineFrom: 10,
    });
    // and February: K and A received, K resolved early, A carried on into March
    const feb = await t.api.get<Report06aDto>('/reports/06a?from=2026-02-01&to=2026-02-28');
    expect(feb.body.totals).toMatchObject({
      received: 2,
      carriedOver: 0,
      resolved: 1,
      resolvedEarly: 1,
      inProgress: 1,
    });
  });

  it('drills every figure down to exactly its dossiers', async () => {
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=carriedOver')).toEqual(codes('A'));
    expect((await drill('from=2026-03-01&to=2026-03-31&figure=resolvedLate')).sort()).toEqual(
      codes('C', 'D', 'I'),
    );
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=lateInsideLead')).toEqual(codes('D'));
    expect((await drill('from=2026-03-01&to=2026-03-31&figure=lateOtherAgency')).sort()).toEqual(
      codes('C', 'I'),
    );
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=inProgressOverdue')).toEqual(codes('F'));
    expect((await drill('from=2026-03-01&to=2026-03-31&figure=inProgressWithinTime')).sort()).toEqual(
      codes('G', 'H', 'L'),
    );
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=withdrawn')).toEqual(codes('E'));
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=refused')).toEqual(codes('R'));
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=stopped')).toEqual(codes('S'));
    expect(
      await drill('from=2026-03-01&to=2026-03-31&figure=receivedOnline&groupBy=unit&key=DTP-TTHCC'),
    ).toEqual(codes('B'));
    // every figure of every row equals the length of its list
    const report = (await march('&groupBy=procedure')).body;
    for (const row of [...report.rows, report.totals]) {
      for (const figure of FIGURE_NAMES) {
        const group = row.key === '*' ? '' : `&groupBy=procedure&key=${row.key}`;
        expect([
          figure,
          (await drill(`from=2026-03-01&to=2026-03-31&figure=${figure}${group}`)).length,
        ]).toEqual([figure, row[figure]]);
      }
    }
  });

  it('groups form 06a by the officer who handled the dossier at its lead agency', async () => {
    // when
    const res = await march('&groupBy=officer');

    // then the registry's officer finished the last registry step of the resolved ones; nobody took
    // one of the others (withdrawn, refused, stopped or still waiting at a step nobody claimed)
    expect(res.status).toBe(200);
    const registryOfficer = memberOf('DTP-VPDK-CL');
    expect(res.body.rows.map((r) => [r.key, r.label, r.total, r.resolved, r.stopped])).toEqual([
      ['', '(chưa phân công)', 7, 0, 1],
      [registryOfficer, registryOfficer, 5, 5, 0],
    ]);
    expect(
      (
        await drill(
          `from=2026-03-01&to=2026-03-31&figure=resolved&groupBy=officer&key=${encodeURIComponent(registryOfficer)}`,
        )
      ).sort(),
    ).toEqual(codes('A', 'B', 'C', 'D', 'I'));
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=stopped&groupBy=officer&key=')).toEqual(
      codes('S'),
    );
  });

  it('reports the steps of each unit and officer against their allotted time', async () => {
    const res = await t.api.get<StepReportDto>('/reports/steps?from=2026-03-01&to=2026-03-31&groupBy=unit');
    expect(res.status).toBe(200);
    const byUnit = new Map(res.body.rows.map((r) => [r.key, r]));
    // tax: B, C (late), D, I (late) finished in March; F's review still open and overdue
    expect(byUnit.get('DTP-THUE-1')).toMatchObject({
      finished: 4,
      late: 2,
      lateRate: 50,
      allottedMinutes: 4 * 480,
    });
    expect(byUnit.get('DTP-VPDK-CL')).toMatchObject({ finished: 9, late: 1, open: 1, openOverdue: 1 });
    const officers = await t.api.get<StepReportDto>(
      '/reports/steps?from=2026-03-01&to=2026-03-31&groupBy=officer',
    );
    expect(officers.body.rows).toContainEqual(
      expect.objectContaining({ key: memberOf('DTP-THUE-1'), late: 2 }),
    );
    // while March is not over, a step is overdue once its due instant has passed, not before: F's review
    // (due on 26/3 about 08:10) at 07:00 that day
    clock.set(vn('2026-03-26T07:00:00'));
    const early = await t.api.get<StepReportDto>('/reports/steps?from=2026-03-01&to=2026-03-31&groupBy=unit');
    expect(early.body.rows.find((r) => r.key === 'DTP-VPDK-CL')).toMatchObject({ open: 1, openOverdue: 0 });
    clock.set(vn('2026-04-01T09:00:00'));
  });

  it('lists the late units and officers of the month with their level, apologies and late steps', async () => {
    const res = await t.api.get<LateListDto>('/reports/late-list?month=2026-03');
    expect(res.status).toBe(200);
    expect(res.body.units).toEqual([
      expect.objectContaining({
        key: 'DTP-THUE-1',
        finished: 4,
        late: 2,
        lateRate: 50,
        level: 'discipline_review',
        apologies: 1,
      }),
      expect.objectContaining({
        key: 'DTP-VPDK-CL',
        finished: 9,
        late: 1,
        lateRate: 11.11,
        level: 'discipline_review',
        apologies: 0,
      }),
    ]);
    expect(res.body.officers).toEqual([
      expect.objectContaining({ key: memberOf('DTP-THUE-1'), unit: 'DTP-THUE-1', late: 2 }),
      expect.objectContaining({ key: memberOf('DTP-VPDK-CL'), unit: 'DTP-VPDK-CL', late: 1 }),
    ]);
    const steps = await t.api.get<PageDto<LateStepDto>>(
      '/reports/late-list/steps?month=2026-03&unit=DTP-THUE-1',
    );
    expect(steps.body.items.map((s) => s.dossierCode).sort()).toEqual(codes('C', 'I'));
    expect(steps.body.items.find((s) => s.dossierCode === code.get('I'))?.apology).toMatchObject({
      unit: 'DTP-THUE-1',
      reason: 'Chờ cơ quan thuế xác định nghĩa vụ tài chính',
    });
  });

  it('computes the progress indicators of Decision 766 per unit and month', async () => {
    const res = await t.api.get<Indicators766Dto>('/reports/766?from=2026-02-01&to=2026-03-31');
    expect(res.status).toBe(200);
    expect(res.body.source).toContain('766/QĐ-TTg');
    expect(res.body.rows).toEqual([
      expect.objectContaining({ unit: 'DTP-TTHCC', month: '2026-02', resolved: 1, onTimeRate: 100 }),
      expect.objectContaining({
        unit: 'DTP-TTHCC',
        month: '2026-03',
        resolved: 5,
        resolvedOnTime: 2,
        onTimeRate: 40,
        inProgress: 4,
        inProgressOverdue: 1,
        // (3 late + 1 overdue) / (5 resolved + 4 in progress)
        overdueRate: 44.44,
      }),
    ]);
    // 2.b, office hours 07:30-11:30 and 13:00-17:00 (480 working minutes a day). February: K, 10/2
    // 08:00 -> 11:00, 180 min (0.375 working day), 3 h (0.125 day).
    // March: A Thu 26/2 09:00 -> Tue 3/3 08:00, 390 + 480 + 480 + 30 = 1380 min over a weekend, 119 h;
    // B 2/3 08:00 -> 11:00, 180 min, 3 h; C Mon 9/3 08:00 -> Fri 13/3 09:00 and D Mon 16/3 08:00 ->
    // Fri 20/3 09:00, 450 + 3 × 480 + 90 = 1980 min, 97 h; I Tue 10/3 08:00 -> Mon 16/3 09:00 over a
    // weekend, 1980 min, 145 h. Means: 7500 / 5 = 1500 min = 3.125 working days; 461 / 5 = 92.2 h = 3.84 days.
    expect(res.body.byProcedure).toEqual([
      {
        procedure: 'thong-ke',
        name: null,
        month: '2026-02',
        resolved: 1,
        averageWorkingDays: 0.4,
        averageCalendarDays: 0.1,
      },
      {
        procedure: 'thong-ke',
        name: null,
        month: '2026-03',
        resolved: 5,
        averageWorkingDays: 3.1,
        averageCalendarDays: 3.8,
      },
    ]);
  });

  it('computes indicator 2.b of Decision 766 for the procedure and units asked only', async () => {
    const other = await t.api.get<Indicators766Dto>('/reports/766?from=2026-03-01&to=2026-03-31&procedure=khac');
    expect(other.status).toBe(200);
    expect(other.body.byProcedure).toEqual([]);
    // a leader of the tax office (no dossier received there) sees none
    const leader = await t
      .as('DTP-THUE-1', ['leader'])
      .get<Indicators766Dto>('/reports/766?from=2026-03-01&to=2026-03-31');
    expect(leader.status).toBe(200);
    expect(leader.body.byProcedure).toEqual([]);
    const mine = await t.api.get<Indicators766Dto>(
      '/reports/766?from=2026-03-01&to=2026-03-31&procedure=thong-ke&unit=DTP-TTHCC',
    );
    expect(mine.body.byProcedure).toEqual([
      expect.objectContaining({ month: '2026-03', resolved: 5, averageWorkingDays: 3.1 }),
    ]);
  });

  it('exports form 06a as XLSX and CSV with Vietnamese headers and a Vietnamese file name', async () => {
    // when
    const res = await fetch(`${t.baseUrl}/api/v1/reports/06a?from=2026-03-01&to=2026-03-31&format=xlsx`, {
      headers: { authorization: `Bearer ${await t.principals.user('DTP', ['publisher'])}` },
    });

    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Báo cáo mẫu 06a từ 2026-03-01 đến 2026-03-31.xlsx')}`,
    );
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Mẫu 06a')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(String(values(1)[0])).toContain('Mẫu 06a');
    expect(values(5).slice(0, 4)).toEqual([
      'STT',
      'Đơn vị',
      'Số hồ sơ nhận giải quyết',
      'Số hồ sơ nhận giải quyết',
    ]);
    expect(values(6).slice(2, 6)).toEqual([
      'Tổng số',
      'Số kỳ trước chuyển qua',
      'Mới tiếp nhận trực tuyến',
      'Mới tiếp nhận trực tiếp, dịch vụ bưu chính',
    ]);
    expect(values(5).slice(13, 16)).toEqual(['Rút hồ sơ', 'Từ chối tiếp nhận', 'Dừng giải quyết']);
    // total 12, carried 1, online 1, desk 10 | resolved 5, early 1, on time 1, late 3 | in progress 4, 3, 1
    // | withdrawn 1, refused 1, stopped 1
    expect(values(7).slice(2, 16)).toEqual([12, 1, 1, 10, 5, 1, 1, 3, 4, 3, 1, 1, 1, 1]);
    expect(values(8)[1]).toBe('Tổng cộng');
    expect(values(8).at(-1)).toBe(40);

    const csv = await fetch(`${t.baseUrl}/api/v1/reports/06a?from=2026-03-01&to=2026-03-31&format=csv`, {
      headers: { authorization: `Bearer ${await t.principals.user('DTP', ['publisher'])}` },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await csv.text();
    expect(text).toContain('Số hồ sơ đã giải quyết - Trả quá hạn');
    expect(text.split('\r\n')[4]).toMatch(/^1,[^,]+,12,1,1,10,5,1,1,3,4,3,1,1,1,1,/);
  });

  it('exports the late list as XLSX that reads back with its headers and figures', async () => {
    // when
    const res = await fetch(`${t.baseUrl}/api/v1/reports/late-list?month=2026-03&format=xlsx`, {
      headers: { authorization: `Bearer ${await t.principals.user('DTP', ['publisher'])}` },
    });

    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Danh sách trễ hạn tháng 2026-03.xlsx')}`,
    );
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Danh sách trễ hạn')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('DANH SÁCH CƠ QUAN, CÁN BỘ CÓ HỒ SƠ TRỄ HẠN THÁNG 03/2026');
    expect(String(values(2)[0])).toContain('từ 5% phê bình, từ 10% xem xét kỷ luật');
    expect(values(5)).toEqual([
      'STT',
      'Loại',
      'Cơ quan / cán bộ',
      'Đơn vị',
      'Số bước đã xử lý',
      'Số bước trễ hạn',
      'Tỷ lệ trễ hạn (%)',
      'Mức',
      'Số lần phê bình trong năm',
      'Đề nghị xem xét kỷ luật',
      'Phiếu xin lỗi',
    ]);
    // the tax office: 4 steps, 2 late (50 %), discipline review, 1 apology; then the registry; then the officers
    expect(values(7).slice(1)).toEqual([
      'Cơ quan',
      expect.any(String),
      'DTP-THUE-1',
      4,
      2,
      50,
      'Xem xét kỷ luật',
      0,
      '',
      1,
    ]);
    expect(values(8).slice(3, 7)).toEqual(['DTP-VPDK-CL', 9, 1, 11.11]);
    expect(values(9).slice(0, 6)).toEqual([1, 'Cán bộ', memberOf('DTP-THUE-1'), 'DTP-THUE-1', 4, 2]);
    expect(values(10).slice(1, 4)).toEqual(['Cán bộ', memberOf('DTP-VPDK-CL'), 'DTP-VPDK-CL']);
  });

  it('shows leaders their unit and below, hides the others, refuses officers', async () => {
    const leader = t.as('DTP-THUE-1', ['leader']);
    const own = await leader.get<Report06aDto>('/reports/06a?from=2026-03-01&to=2026-03-31');
    expect(own.status).toBe(200);
    // the tax office received no dossier
    expect(own.body.totals.total).toBe(0);
    expect((await leader.get('/reports/06a?from=2026-03-01&to=2026-03-31&unit=DTP-TTHCC')).status).toBe(404);
    const officer = await t.as('DTP-TTHCC', ['officer']).get('/reports/06a?from=2026-03-01&to=2026-03-31');
    expect(officer.status).toBe(403);
    expect(officer.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a period that does not exist or runs backwards', async () => {
    const bad = await t.api.get<{ detail: string }>('/reports/06a?from=2026-02-30&to=2026-03-31');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('2026-02-30');
    expect((await t.api.get('/reports/06a?from=2026-03-31&to=2026-03-01')).status).toBe(400);
    expect((await t.api.get('/reports/06a?from=2026-3-1&to=2026-03-31')).status).toBe(400);
    expect((await t.api.get('/reports/06a/dossiers?from=2026-03-01&to=2026-03-31&figure=nope')).status).toBe(
      400,
    );
  });

  it('applies the setting in force on the period, and names it', async () => {
    // given a province setting from 1 March 2026: paused dossiers are not counted, stricter thresholds
    await t.query(
      `INSERT INTO report_settings (effective_from, count_paused_in_progress, criticism_from, discipline_from, criticisms_for_discipline, basis)
       VALUES ('2026-03-01', false, 10, 50, 3, 'Quyết định của tỉnh (thử nghiệm)')`,
    );

    // when
    const res = await march();
    const list = await t.api.get<LateListDto>('/reports/late-list?month=2026-03');

    // then H is paused at the end of March and no longer in progress
    expect(res.body.setting).toMatchObject({ effectiveFrom: '2026-03-01', countPausedInProgress: false });
    expect(res.body.totals).toMatchObject({
      inProgress: 3,
      inProgressWithinTime: 2,
      pausedUncounted: 1,
      total: 12,
    });
    expect(await drill('from=2026-03-01&to=2026-03-31&figure=pausedUncounted')).toEqual(codes('H'));
    // and the late list uses the new thresholds: 11.11% is now a criticism, 50% a discipline review
    expect(list.body.units.map((u) => [u.key, u.level, u.criticismsThisYear])).toEqual([
      ['DTP-THUE-1', 'discipline_review', 0],
      ['DTP-VPDK-CL', 'criticism', 1],
    ]);
    // February keeps the default
    const feb = await t.api.get<Report06aDto>('/reports/06a?from=2026-02-01&to=2026-02-28');
    expect(feb.body.setting.countPausedInProgress).toBe(true);
  });

  it('adds a setting from a date through the API, closing the one in force, never rewriting history', async () => {
    // given the engine's day is 10 April 2026
    clock.set(vn('2026-04-10T09:00:00'));
    const office = t.as('DTP', ['publisher']);
    const setting = {
      effectiveFrom: '2026-04-15',
      countPausedInProgress: true,
      criticismFrom: 4,
      disciplineFrom: 8,
      criticismsForDiscipline: 2,
      basis: 'Quyết định 99/QĐ-UBND của tỉnh (thử nghiệm)',
    };

    // when the province office adds a setting from 15 April
    const res = await office.put<ReportSettingDto>('/reports/settings', setting);

    // then it is in force from then, and the previous one ends the day before
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...setting, effectiveTo: null });
    const all = await office.get<ReportSettingDto[]>('/reports/settings');
    expect(all.body.map((r) => [r.effectiveFrom, r.effectiveTo])).toEqual([
      ['2026-04-15', null],
      ['2026-03-01', '2026-04-14'],
      ['2000-01-01', null],
    ]);
    const april = await t.api.get<Report06aDto>('/reports/06a?from=2026-04-15&to=2026-04-30');
    expect(april.body.setting).toMatchObject({ effectiveFrom: '2026-04-15', criticismFrom: 4 });
    const early = await t.api.get<Report06aDto>('/reports/06a?from=2026-04-01&to=2026-04-14');
    expect(early.body.setting).toMatchObject({ effectiveFrom: '2026-03-01', effectiveTo: '2026-04-14' });
    expect(
      await t.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.setting' AND outcome = 'success'`,
      ),
    ).toEqual([{ n: 1 }]);

    // and what is refused changes nothing
    const past = await office.put<{ code: string }>('/reports/settings', {
      ...setting,
      effectiveFrom: '2026-04-01',
    });
    expect([past.status, past.body.code]).toEqual([422, 'effective-date-past']);
    const same = await office.put('/reports/settings', { ...setting, effectiveFrom: '2026-04-15' });
    expect(same.status).toBe(409);
    const backwards = await office.put('/reports/settings', {
      ...setting,
      effectiveFrom: '2026-05-01',
      criticismFrom: 20,
    });
    expect(backwards.status).toBe(400);
    expect((await office.put('/reports/settings', { ...setting, basis: ' ' })).status).toBe(400);
    const leader = await t
      .as('DTP-TTHCC', ['leader'])
      .put('/reports/settings', { ...setting, effectiveFrom: '2026-06-01' });
    expect(leader.status).toBe(403);
    expect((await office.get<ReportSettingDto[]>('/reports/settings')).body).toHaveLength(3);
  });

  it('counts the open dossiers due soon and overdue now, each down to its dossiers', async () => {
    // given the last sweep ran on 1 April 09:00 (F overdue since 30 March)
    clock.set(vn('2026-04-01T09:00:00'));

    // when
    const now = await t.api.get<ReportNowDto>('/reports/now');
    const overdue = await drillNow('deadline=overdue');
    const dueSoon = await drillNow('deadline=due_soon');

    // then every count equals its list, and agrees with the dossiers' deadline marks
    expect(now.status).toBe(200);
    const marks = (await t.query(
      `SELECT code, deadline_status FROM dossiers WHERE status = 'active' AND definition_key = 'thong-ke'`,
    )) as Array<{ code: string; deadline_status: string }>;
    const marked = (status: string) =>
      marks
        .filter((m) => m.deadline_status === status)
        .map((m) => m.code)
        .sort();
    expect(now.body).toMatchObject({ open: marks.length, overdue: overdue.length, dueSoon: dueSoon.length });
    expect(overdue.sort()).toEqual(marked('overdue'));
    expect(overdue).toContain(code.get('F'));
    expect(dueSoon.sort()).toEqual(marked('due_soon'));
    // G, H, L, M are open, F overdue: five
    expect(now.body.open).toBe(5);
    // a leader of the tax office sees none of the desk's dossiers
    const leader = await t.as('DTP-THUE-1', ['leader']).get<ReportNowDto>('/reports/now');
    expect(leader.body).toMatchObject({ open: 0, dueSoon: 0, overdue: 0 });
  });

  it('gives the same step figures whatever day the step days are rolled up to, and after a rebuild', async () => {
    const reports = () =>
      Promise.all([
        march('&groupBy=procedure'),
        t.api.get('/reports/steps?from=2026-03-01&to=2026-03-31&groupBy=officer'),
        t.api.get('/reports/steps?from=2026-03-01&to=2026-03-31&groupBy=unit'),
        t.api.get('/reports/late-list?month=2026-03'),
        t.api.get('/reports/late-list?month=2026-02'),
      ]).then((answers) => answers.map((a) => a.body));
    const stepDays = () =>
      t.query(`SELECT count(*)::int AS n, coalesce(sum(finished), 0)::int AS finished FROM report_step_days`);
    const finishedBefore = async (day: string) =>
      (
        (await t.query(
          `SELECT count(*)::int AS n FROM tasks WHERE status = 'completed' AND unit IS NOT NULL AND completed_at < $1`,
          [vn(`${day}T00:00:00`)],
        )) as Array<{ n: number }>
      )[0]?.n;
    const rollup = t.app.get(ReportStepsRollup);
    // nothing rolled up yet: every step read from tasks (the reports read at one instant: a step due
    // before the end of a period not over yet is overdue only once its due instant has passed)
    expect(await t.app.get(ReportsRepository).stepsRolledUntil()).toBeNull();
    clock.set(vn('2026-04-10T09:00:00'));
    const before = await reports();
    // the watermark in the middle of March (one hour past the 16th's end), then after April 1st
    expect(await rollup.rollUp(vn('2026-03-17T01:00:00'))).toBeGreaterThan(0);
    expect(await t.app.get(ReportsRepository).stepsRolledUntil()).toBe('2026-03-17');
    expect(await reports()).toEqual(before);
    expect((await stepDays())[0]).toMatchObject({ finished: await finishedBefore('2026-03-17') });
    // less than the margin past a day's end: that day is not rolled up yet
    await rollup.rollUp(vn('2026-04-10T00:30:00'));
    expect(await t.app.get(ReportsRepository).stepsRolledUntil()).toBe('2026-04-09');
    expect(await reports()).toEqual(before);
    // a watermark never goes back
    expect(await t.app.get(ReportsRepository).rollUpSteps('2026-03-01')).toBe(0);
    expect(await t.app.get(ReportsRepository).stepsRolledUntil()).toBe('2026-04-09');
    const rolled = await stepDays();
    expect(rolled[0]).toMatchObject({ finished: await finishedBefore('2026-04-09') });
    // the rebuild refills the same days from the history
    await t.query(`SELECT lt_report_rebuild(), lt_report_steps_rebuild()`);
    expect(await reports()).toEqual(before);
    expect(await stepDays()).toEqual(rolled);
    expect(await t.app.get(ReportsRepository).stepsRolledUntil()).toBe('2026-04-09');
  });
});

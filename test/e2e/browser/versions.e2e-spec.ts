import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { SignInPage } from './pages/sign-in.page';
import { VersionsPage } from './pages/versions.page';
import { screenshot } from './screenshots';

jest.setTimeout(120_000);

const KEY = 'xac-nhan-phien-ban';
const NAME = 'Xác nhận thử phiên bản';
const STEPS = ['s', 'kiemTra', 'pheDuyet', 'e'] as const;
const procedure = (unit: string, days: string, form: string) =>
  drawn(
    bpmnFixture(
      `<startEvent id="s"/>
     <userTask id="kiemTra" name="Kiểm tra hồ sơ" lt:unit="${unit}" lt:candidateRole="officer" lt:allottedTime="${days}">
       <extensionElements><lt:form>${form}</lt:form></extensionElements>
     </userTask>
     <userTask id="pheDuyet" name="Phê duyệt" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/>
     <endEvent id="e"/>
     ${chain(...STEPS)}`,
      { id: KEY, name: NAME, attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d"' },
    ),
    STEPS,
  );

/** The steps of a `chain` drawn left to right (what the designer saves; bpmnFixture has no diagram). */
function drawn(xml: string, ids: readonly string[]): string {
  const events = new Set([ids[0], ids.at(-1)]);
  const box = (id: string, i: number) =>
    events.has(id) ? { x: 120 + i * 180, y: 142, w: 36, h: 36 } : { x: 90 + i * 180, y: 120, w: 100, h: 80 };
  const shapes = ids.map((id, i) => {
    const b = box(id, i);
    return `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}"/></bpmndi:BPMNShape>`;
  });
  const edges = ids.slice(1).map((id, i) => {
    const [a, b] = [box(ids[i]!, i), box(id, i + 1)];
    return `<bpmndi:BPMNEdge id="f_${ids[i]}_${id}_di" bpmnElement="f_${ids[i]}_${id}"><di:waypoint x="${a.x + a.w}" y="160"/><di:waypoint x="${b.x}" y="160"/></bpmndi:BPMNEdge>`;
  });
  const diagram = `<bpmndi:BPMNDiagram id="diagram" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${KEY}">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>`;
  return xml.replace('</definitions>', `${diagram}</definitions>`);
}

/** Vietnam's date `days` after today, `YYYY-MM-DD`. */
const vnDay = (days: number) =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const shown = (day: string) => day.split('-').reverse().join('/');

/**
 * A designer looks at a procedure's versions in Chromium: v1 in effect with a running dossier, v2
 * published from a later day; opens v1 read-only, compares v1 with v2 and reads the changes in words.
 */
describe('the versions page of the designer', () => {
  let demo: DemoEngine;
  let browser: Browser;
  let base: string;
  const effective = vnDay(7);

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoEngine(), launchBrowser()]);
    base = demo.engine.baseUrl;
    const publisher = await demo.as('banhanh');
    const v1 = procedure(
      'DTP-VPDK-CL',
      '3d',
      '<lt:formField id="ketQua" label="Kết quả kiểm tra" type="string"/>',
    );
    const v2 = procedure(
      'DTP-VPDK',
      '2d',
      '<lt:formField id="ketQua" label="Kết quả kiểm tra" type="string" required="true"/>',
    );
    expect((await publisher.post('/definitions', v1)).status).toBe(201);
    expect((await publisher.post(`/definitions/${KEY}/versions/1/publish`, {})).status).toBe(200);
    const received = await (
      await demo.as('tiepnhan')
    ).post('/dossiers', {
      definitionKey: KEY,
      applicant: { name: 'Huỳnh Văn Tài' },
    });
    expect(received.status).toBe(201);
    expect((await publisher.post('/definitions', v2)).status).toBe(201);
    const published = await publisher.post(`/definitions/${KEY}/versions/2/publish`, {
      decisionNumber: '3107/QĐ-UBND',
      decisionDate: vnDay(0),
      effectiveFrom: effective,
    });
    expect(published.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function signedIn(username: string): Promise<VersionsPage> {
    const page = await browser.newPage();
    await page.goto(`${base}/dang-nhap`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn(username, 'demo'));
    await page.waitForURL(`${base}/thiet-ke`);
    const versions = new VersionsPage(page);
    await versions.open(base);
    return versions;
  }

  it('lists the versions, opens one read-only and compares v1 with v2 in words and on both diagrams', async () => {
    // given
    const versions = await signedIn('banhanh');
    const page = versions.page;
    await screenshot(page, 'versions-procedures');

    // when
    await versions.openProcedure(NAME);

    // then
    const rows = await versions.rows();
    expect(rows.map((r) => [r[0], r[1], r[4], r[5], r[6]])).toEqual([
      [
        'v2',
        `Áp dụng từ ${shown(effective)}`,
        `Số 3107/QĐ-UBND, ngày ${shown(vnDay(0))}`,
        shown(effective),
        '0',
      ],
      ['v1', 'Đang áp dụng', '—', expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/), '1'],
    ]);
    expect(rows[0]![2]).toMatch(/^banhanh · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screenshot(page, 'versions-list');

    // when
    const diagram = await versions.view(1);

    // then v1 is drawn, read-only (no palette, no context pad)
    await diagram.locator('.djs-element[data-element-id="kiemTra"]').waitFor();
    expect(await diagram.locator('.djs-palette').count()).toBe(0);
    await screenshot(page, 'versions-read-only');

    // when
    const changes = (await versions.compare(1, 2)).map((t) => t.replace(/\s+/g, ' ').trim());

    // then
    expect(changes).toEqual([
      'Sửa Kiểm tra hồ sơ: đơn vị DTP-VPDK-CL → DTP-VPDK; thời gian 3 → 2 ngày; biểu mẫu: trường "Kết quả kiểm tra": bắt buộc không → có',
    ]);
    await versions.marked('left', 'kiemTra', 'lt-diff-changed').waitFor();
    await versions.marked('right', 'kiemTra', 'lt-diff-changed').waitFor();
    await screenshot(page, 'versions-compare');
    await page.close();
  });

  it('compares the two seeded versions of the land-parcel procedure: the shorter legal time limit among many changes', async () => {
    // given
    const versions = await signedIn('thietke');
    const page = versions.page;
    await versions.openProcedure('Tách thửa hoặc hợp thửa đất');

    // when
    const changes = (await versions.compare(1, 2)).map((t) => t.replace(/\s+/g, ' ').trim());

    // then
    expect(changes).toContainEqual(
      expect.stringMatching(/^Sửa Tách thửa hoặc hợp thửa đất: .*thời hạn giải quyết 15 → 12 ngày/),
    );
    expect(changes.filter((c) => c.startsWith('Thêm ')).length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.startsWith('Bỏ ')).length).toBeGreaterThan(0);
    await screenshot(page, 'versions-compare-land-parcel');
    await page.close();
  });
});

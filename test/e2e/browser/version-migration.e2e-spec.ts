import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { MigrationPage } from './pages/migration.page';
import { SignInPage } from './pages/sign-in.page';
import { screenshot } from './screenshots';

jest.setTimeout(120_000);

const KEY = 'cap-phep-thu-nghiem';
const procedure = (checkId: string, checkName: string, days: string, limit: string) =>
  bpmnFixture(
    `<startEvent id="s"/>
     <userTask id="${checkId}" name="${checkName}" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="${days}"/>
     <userTask id="pheDuyet" name="Phê duyệt" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/>
     <endEvent id="e"/>
     ${chain('s', checkId, 'pheDuyet', 'e')}`,
    {
      id: KEY,
      name: 'Cấp phép thử nghiệm',
      attrs: `lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="${limit}"`,
    },
  );

/**
 * The publisher (banhanh) moves two running dossiers to a new version in Chromium: the step renamed in
 * v2 is unmapped, mapped by hand, the preview shows the new due dates, and the move is confirmed.
 */
describe('moving running dossiers to a new version in the browser', () => {
  let demo: DemoEngine;
  let browser: Browser;
  let base: string;
  const codes: string[] = [];

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoEngine(), launchBrowser()]);
    base = demo.engine.baseUrl;
    const publisher = await demo.as('banhanh');
    const desk = await demo.as('tiepnhan');
    expect(
      (await publisher.post('/definitions', procedure('kiemTra', 'Kiểm tra hồ sơ', '2d', '5d'))).status,
    ).toBe(201);
    expect((await publisher.post(`/definitions/${KEY}/versions/1/publish`, {})).status).toBe(200);
    for (const name of ['Trương Văn Minh', 'Đỗ Thị Ngọc']) {
      const received = await desk.post<{ code: string }>('/dossiers', {
        definitionKey: KEY,
        applicant: { name },
      });
      expect(received.status).toBe(201);
      codes.push(received.body.code);
    }
    expect(
      (
        await publisher.post(
          '/definitions',
          procedure('kiemTraXacMinh', 'Kiểm tra, xác minh hồ sơ', '3d', '8d'),
        )
      ).status,
    ).toBe(201);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const published = await publisher.post(`/definitions/${KEY}/versions/2/publish`, {
      decisionNumber: '2045/QĐ-UBND',
      decisionDate: today,
      effectiveFrom: today,
    });
    expect(published.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('maps the renamed step by hand, previews the new due dates and moves both dossiers after confirmation', async () => {
    // given
    const page = await browser.newPage();
    await page.goto(`${base}/dang-nhap`);
    await new SignInPage(page).waitUntilShown().then((p) => p.signIn('banhanh', 'demo'));
    await page.waitForURL(`${base}/thiet-ke`);
    const migration = await new MigrationPage(page).open(base);

    // when
    await migration.choose('Cấp phép thử nghiệm', 1, 2);

    // then the renamed step is unmapped and both dossiers are held back
    expect(await migration.mappingRows()).toEqual([
      ['Kiểm tra hồ sơ (kiemTra)', 'Chọn bước ở phiên bản mới', 'Chưa ánh xạ'],
    ]);
    const held = await migration.previewRows();
    expect(held.map((r) => [r[0], r[4]])).toEqual(
      codes.map((c) => [c, 'Bước "Kiểm tra hồ sơ" (kiemTra) chưa được ánh xạ sang phiên bản mới.']),
    );
    await screenshot(page, 'migration-unmapped');

    // when the step is mapped by hand
    await migration.map('Kiểm tra hồ sơ', 'Kiểm tra, xác minh hồ sơ');

    // then both can move, with their new due dates
    const preview = await migration.previewRows();
    expect(preview.map((r) => [r[0], r[1], r[4]])).toEqual(
      codes.map((c) => [
        c,
        'Kiểm tra hồ sơ (kiemTra) → Kiểm tra, xác minh hồ sơ (kiemTraXacMinh)',
        'Chuyển được',
      ]),
    );
    expect(preview[0]![2]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} → \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screenshot(page, 'migration-preview');

    // when
    await migration.migrate();

    // then
    const results = await migration.resultRows();
    expect(results.map((r) => [r[0], r[1], r[3]])).toEqual(codes.map((c) => [c, 'Đã chuyển', '']));
    await screenshot(page, 'migration-done');
    const desk = await demo.as('tiepnhan');
    const moved = await desk.get<{ definitionVersion: number }>(`/dossiers/${codes[0]}`);
    expect(moved.body.definitionVersion).toBe(2);
  });
});

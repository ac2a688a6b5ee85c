import { analyzeBpmn } from '@lienthong/bpmn';
import type { DefinitionDto, DefinitionSummaryDto, DraftDto, PageDto } from '@lienthong/contracts';
import { demoInBrowser } from './demo-in-browser';
import { DesignerPanelPage } from './pages/designer-panel.page';
import { DesignerPage } from './pages/designer.page';
import { SignInPage } from './pages/sign-in.page';
import { screenshot } from './screenshots';

jest.setTimeout(180_000);

/** A small procedure with what the land-parcel one lacks: a timer, a call activity, a message event. */
const WAITS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:lt="https://lienthong.vn/schema/bpmn/1.0" id="defs" targetNamespace="urn:lienthong:test">
  <bpmn:message id="msg_thue" name="thong-bao-thue" />
  <bpmn:process id="thu-cho-doi" name="Thử các bước chờ" isExecutable="true" lt:legalTimeLimit="10d">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="cho_hen" name="Chờ hẹn">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition id="td" />
    </bpmn:intermediateCatchEvent>
    <bpmn:callActivity id="goi_dang_ky" name="Đăng ký biến động" calledElement="dang-ky-khai-sinh-lien-thong" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="3d">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:intermediateCatchEvent id="cho_thue" name="Chờ thông báo thuế">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:messageEventDefinition id="md" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="cho_hen" />
    <bpmn:sequenceFlow id="f2" sourceRef="cho_hen" targetRef="goi_dang_ky" />
    <bpmn:sequenceFlow id="f3" sourceRef="goi_dang_ky" targetRef="cho_thue" />
    <bpmn:sequenceFlow id="f4" sourceRef="cho_thue" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="thu-cho-doi">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="120" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="cho_hen_di" bpmnElement="cho_hen"><dc:Bounds x="200" y="120" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="goi_dang_ky_di" bpmnElement="goi_dang_ky"><dc:Bounds x="300" y="98" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="cho_thue_di" bpmnElement="cho_thue"><dc:Bounds x="470" y="120" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="570" y="120" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="138" /><di:waypoint x="200" y="138" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="236" y="138" /><di:waypoint x="300" y="138" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="400" y="138" /><di:waypoint x="470" y="138" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="506" y="138" /><di:waypoint x="570" y="138" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/**
 * The designer's properties panel in Chromium against the built engine: a user task's form edited with
 * its live preview, multi-instance, published and run by the engine as edited; timers, call-activity
 * mappings and message names written as the engine reads them; the replace menu opens, in Vietnamese.
 */
describe('the designer properties panel in the browser', () => {
  const env = demoInBrowser();

  async function signedIn(username: string): Promise<{ designer: DesignerPage; panel: DesignerPanelPage }> {
    const page = await env.browser.newPage();
    await page.goto(`${env.base}/dang-nhap`);
    await (await new SignInPage(page).waitUntilShown()).signIn(username, 'demo');
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    const designer = new DesignerPage(page);
    await designer.open(env.base);
    return { designer, panel: new DesignerPanelPage(page) };
  }

  it('edits a step form with its live preview and multi-instance; the published version runs as edited', async () => {
    const { designer, panel } = await signedIn('banhanh');
    // a publisher reaches the moving of running dossiers from the designer
    const link = designer.page.getByRole('link', { name: /Chuyển hồ sơ đang giải quyết sang phiên bản mới/ });
    expect(await link.getAttribute('href')).toBe('/thiet-ke/chuyen-phien-ban');
    await screenshot(designer.page, 'panel-home');
    await designer.startFrom('Tách thửa', 'Đang áp dụng');
    const page = designer.page;
    await screenshot(page, 'panel-fit');

    // the procedure code is picked from the catalogue (processes/catalogue.json), not from deployed versions
    await designer.canvas.click({ position: { x: 700, y: 80 } });
    await designer.openLtGroup();
    const codes = await designer.properties.locator('select[name="lt-procedureCode"] option').allInnerTexts();
    expect(codes).toEqual(
      expect.arrayContaining([
        '1.001193 — Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
        '1.012784 — Tách thửa hoặc hợp thửa đất',
      ]),
    );

    await designer.select('t_ky');
    await panel.openFormEditor();
    await panel.addField({ label: 'Số Giấy chứng nhận', id: 'soGiayChungNhan', required: true });
    // the preview follows the typing: the label as the officer will read it
    await panel.preview.getByText('Số Giấy chứng nhận').waitFor();
    await panel.addField({ label: 'Ngày ký', id: 'ngayKy', type: 'Ngày' });
    await panel.preview.getByPlaceholder('dd/mm/yyyy').waitFor();
    await panel.addField({
      label: 'Ý kiến của lãnh đạo',
      id: 'yKien',
      type: 'Chọn một trong danh sách',
      options: ['approved', 'rejected'],
    });
    await panel.preview.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    await panel.preview.getByRole('radio', { name: 'Không đồng ý' }).waitFor();

    // a duplicated id is refused as it is typed, and nothing can be applied until it is fixed
    await panel.addField({ label: 'Trùng', id: 'ngayKy' });
    await panel.field(4).getByText('Mã ngayKy đã dùng cho trường khác.').waitFor();
    const apply = panel.formEditor.getByRole('button', { name: 'Áp dụng vào bước' });
    expect(await apply.isDisabled()).toBe(true);
    await screenshot(page, 'panel-form-editor');
    await panel.field(4).getByRole('button', { name: 'Xoá trường 4' }).click();
    // reordered with the keyboard: the date goes last
    await panel.field(2).getByRole('button', { name: 'Đưa trường 2 xuống' }).press('Enter');
    expect(await panel.formEditor.getByLabel('Mã của trường 3').inputValue()).toBe('ngayKy');
    await panel.applyForm();
    const summary = (await panel.openGroup('lt-form')).locator('.lt-form-summary-text');
    expect(await summary.innerText()).toBe('3 trường: Số Giấy chứng nhận, Ý kiến của lãnh đạo, Ngày ký.');

    // the signing step done by two leaders in parallel; the completion condition checked as FEEL
    const mi = await panel.openGroup('lt-multi-instance');
    await panel.selectEntry('lt-loop-mode', 'parallel');
    await panel.fillEntry('lt-loop-cardinality', '2');
    await panel.fillEntry('lt-loop-completion', '=nrOfCompletedInstances >=');
    await panel
      .entryError('lt-loop-completion')
      .filter({ hasText: 'Biểu thức FEEL chưa đúng cú pháp' })
      .waitFor();
    await panel.fillEntry('lt-loop-completion', '=nrOfCompletedInstances >= 2');
    await panel.entryError('lt-loop-completion').waitFor({ state: 'detached' });
    await mi.scrollIntoViewIfNeeded();
    await screenshot(page, 'panel-multi-instance');
    await designer.errorCount.filter({ hasText: /^0 lỗi$/ }).waitFor();
    await designer.save();
    await designer.waitSaved();

    // published; the engine's version holds the form and the loop as the panel wrote them
    const api = await env.demo.as('banhanh');
    const before = await api.get<PageDto<DefinitionSummaryDto>>('/definitions/tach-thua-dat/versions');
    const latest = Math.max(...before.body.items.map((v) => v.version));
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-');
    await page.getByRole('button', { name: 'Ban hành…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban hành quy trình' });
    await dialog.getByLabel('Số quyết định phê duyệt quy trình nội bộ').fill('2202/QĐ-UBND');
    for (const label of ['Ngày ký quyết định', 'Ngày có hiệu lực']) {
      await dialog.getByLabel(label).fill(`${d}/${m}/${y}`);
      await dialog.getByLabel(label).press('Enter');
    }
    await dialog.getByRole('button', { name: 'Ban hành' }).click();
    await dialog.waitFor({ state: 'detached' });
    const version = await api.get<DefinitionDto>(`/definitions/tach-thua-dat/versions/${latest + 1}`);
    expect(version.status).toBe(200);
    const { graph, issues } = await analyzeBpmn(version.body.xml);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(graph?.nodes['t_ky']).toMatchObject({
      kind: 'userTask',
      form: [
        { id: 'soGiayChungNhan', label: 'Số Giấy chứng nhận', type: 'string', required: true },
        {
          id: 'yKien',
          label: 'Ý kiến của lãnh đạo',
          type: 'enum',
          required: false,
          options: ['approved', 'rejected'],
        },
        { id: 'ngayKy', label: 'Ngày ký', type: 'date', required: false },
      ],
      multiInstance: {
        sequential: false,
        cardinality: '2',
        completionCondition: 'nrOfCompletedInstances >= 2',
      },
    });
    await page.close();
  });

  it('writes timers, call-activity mappings and message names as the engine reads them', async () => {
    const { designer, panel } = await signedIn('thietke');
    await designer.importFile(env.base, 'thu-cho-doi.bpmn', WAITS);
    const page = designer.page;
    const draftId = new URL(page.url()).searchParams.get('ban-nhap') ?? '';

    // a timer in working days; a wrong value is said at once
    await designer.select('cho_hen');
    await panel.openGroup('lt-timer');
    await panel.fillEntry('lt-timer-value', 'hai ngày');
    await panel.entryError('lt-timer-value').filter({ hasText: '2d: 2 ngày làm việc' }).waitFor();
    await panel.fillEntry('lt-timer-value', '2d');
    await panel.entryError('lt-timer-value').waitFor({ state: 'detached' });
    await panel.entry('lt-timer-value').getByText('Tính theo ngày, giờ làm việc').waitFor();
    await screenshot(page, 'panel-timer');

    // the call activity: one variable passed in, one taken back
    await designer.select('goi_dang_ky');
    const inGroup = await panel.openGroup('lt-call-in');
    await inGroup.getByRole('button', { name: '+ Thêm biến truyền vào' }).click();
    await panel.fillEntry(`goi_dang_ky-in-0-source`, '=applicant.name');
    await panel.fillEntry(`goi_dang_ky-in-0-target`, 'tenNguoiYeuCau');
    const outGroup = await panel.openGroup('lt-call-out');
    await outGroup.getByRole('button', { name: '+ Thêm biến nhận về' }).click();
    await panel.fillEntry(`goi_dang_ky-out-0-source`, 'soDinhDanh');
    await panel.fillEntry(`goi_dang_ky-out-0-target`, 'so dinh danh');
    await panel.entryError('goi_dang_ky-out-0-target').filter({ hasText: 'Tên biến viết liền' }).waitFor();
    await panel.fillEntry(`goi_dang_ky-out-0-target`, 'soDinhDanhTre');
    await panel.entryError('goi_dang_ky-out-0-target').waitFor({ state: 'detached' });
    await screenshot(page, 'panel-call-activity');

    // the message: picked among the diagram's names, or a new one typed
    await designer.select('cho_thue');
    await panel.openGroup('lt-message');
    const names = await panel
      .entry('lt-messageName')
      .locator('datalist option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(names).toEqual(['thong-bao-thue']);
    await panel.fillEntry('lt-messageName', 'thong-bao-thue');
    await screenshot(page, 'panel-message');

    await designer.save();
    await designer.waitSaved();
    const { body } = await (await env.demo.as('thietke')).get<DraftDto>(`/drafts/${draftId}`);
    const checked = await (
      await env.demo.as('thietke')
    ).post<{ valid: boolean; issues: unknown[] }>('/definitions/validate', body.xml);
    expect(checked.body).toMatchObject({ valid: true, issues: [] });
    const { graph } = await analyzeBpmn(body.xml);
    expect(graph?.nodes['cho_hen']).toMatchObject({
      kind: 'timerCatch',
      timer: { kind: 'duration', expression: '2d', working: true },
    });
    expect(graph?.nodes['goi_dang_ky']).toMatchObject({
      kind: 'callActivity',
      inputs: [{ source: 'applicant.name', target: 'tenNguoiYeuCau' }],
      outputs: [{ source: 'soDinhDanh', target: 'soDinhDanhTre' }],
    });
    expect(graph?.nodes['cho_thue']).toMatchObject({ kind: 'messageCatch', messageName: 'thong-bao-thue' });
    // the existing message reused, none added
    expect(body.xml.match(/<bpmn:message /g)).toHaveLength(1);
    await page.close();
  });

  it('shows warnings amber and errors red on the elements; opens the replace menu in Vietnamese', async () => {
    const { designer, panel } = await signedIn('thietke');
    await designer.startFrom('Tách thửa', 'Đang áp dụng');
    const iconColour = (id: string) =>
      designer.page
        .locator(`.djs-overlays[data-container-id="${id}"] .bjsl-icon`)
        .evaluate(
          (icon) =>
            (
              globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
            ).getComputedStyle(icon).backgroundColor,
        );

    // a step appended at the end: no unit (an error, red), then only its open end (a warning, amber)
    await designer.select('t_tra_kq');
    await designer.appendStep();
    const added = await designer.selectedId();
    await designer.problem('unit-missing', added).waitFor();
    expect(await iconColour(added)).toBe('rgb(207, 19, 34)');
    await designer.openLtGroup();
    await designer.pickUnit('DTP-VPDK-CL');
    await designer.problem('unit-missing', added).waitFor({ state: 'detached' });
    await designer.problem('no-outgoing', added).waitFor();
    await designer.page.locator(`.djs-overlays[data-container-id="${added}"] .bjsl-icon-warning`).waitFor();
    expect(await iconColour(added)).toBe('rgb(212, 136, 6)');
    await screenshot(designer.page, 'panel-warning-amber');
    await designer.select('t_ky');
    const menu = await panel.openReplaceMenu();
    expect(await menu.locator('.djs-popup-title').innerText()).toBe('Đổi loại phần tử');
    const labels = await menu.locator('.entry .djs-popup-label').allInnerTexts();
    expect(labels).toEqual(expect.arrayContaining(['Bước do hệ thống xử lý', 'Gọi quy trình khác']));
    expect(await menu.isVisible()).toBe(true);
    await screenshot(designer.page, 'panel-replace-menu');
    await menu.locator('.entry').filter({ hasText: 'Bước do hệ thống xử lý' }).click();
    await menu.waitFor({ state: 'detached' });
    await designer.problem('topic-missing', 't_ky').waitFor();
    await designer.page.close();
  });

  it('offers the modeler’s own tools from the keyboard: undo/redo, copy/paste, search (Ctrl+F), the minimap', async () => {
    const { designer } = await signedIn('thietke');
    await designer.startFrom('Tách thửa', 'Đang áp dụng');
    const page = designer.page;
    const signing = page.locator('.lt-canvas .djs-element.djs-shape').filter({ hasText: 'Ký cấp' });

    // undo and redo of an appended step (Ctrl+Z, Ctrl+Y, the canvas focused)
    await designer.select('t_tra_kq');
    await designer.appendStep();
    const added = await designer.selectedId();
    // (the new step's name is being typed: Escape leaves it unnamed, the canvas keeps the focus)
    await page.keyboard.press('Escape');
    await designer.canvas.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await designer.shape(added).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+y');
    await designer.shape(added).waitFor();

    // copy and paste of a step: a second "Ký cấp Giấy chứng nhận", placed where the pointer clicks
    await designer.select('t_ky');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    const box = await designer.canvas.boundingBox();
    if (!box) throw new Error('the canvas is not shown');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 60);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 60);
    await signing.nth(1).waitFor();
    expect(await signing.count()).toBe(2);

    // search in the diagram, in Vietnamese: a step found by its name and selected
    await designer.canvas.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    const search = page.getByLabel('Tìm trong sơ đồ');
    await search.waitFor();
    await search.pressSequentially('Ký cấp');
    await page.locator('.djs-search-results').getByText('Ký cấp Giấy chứng nhận').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.lt-canvas .djs-element.selected[data-element-id="t_ky"]').waitFor();
    await screenshot(page, 'panel-search');

    // the minimap opens from its button
    await page.getByTitle('Mở bản đồ thu nhỏ').click();
    await page.locator('.djs-minimap.open').waitFor();
    await page.close();
  });
});

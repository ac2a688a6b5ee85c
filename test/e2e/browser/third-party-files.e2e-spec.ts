import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createModdle } from '@lienthong/bpmn';
import { canonicalTree } from '@lienthong/bpmn/testing';
import { demoInBrowser } from './demo-in-browser';
import { DesignerPage } from './pages/designer.page';
import { SignInPage } from './pages/sign-in.page';
import { screenshot } from './screenshots';

jest.setTimeout(120_000);

const dir = join(__dirname, '..', '..', '..', 'apps', 'web', 'src', 'designer', 'testing', 'third-party');
const tree = async (xml: string) => {
  const { rootElement, warnings } = await createModdle().fromXML(xml, 'bpmn:Definitions');
  expect(warnings).toEqual([]);
  return canonicalTree(rootElement);
};

/**
 * Files of other tools opened in the designer in Chromium (bpmn-js itself, not only bpmn-moddle in
 * Node): every shape of the file is drawn, and the file the designer exports reads as the same model.
 */
describe('files of other modelling tools in the designer, in the browser', () => {
  const env = demoInBrowser();

  it.each(['bpmn-io-events.bpmn', 'signavio-collaboration.bpmn', 'vendor-deep-extensions.bpmn'])(
    '%s: drawn whole, exported as the same model',
    async (file) => {
      // given
      const original = readFileSync(join(dir, file), 'utf8');
      const page = await env.browser.newPage();
      await page.goto(`${env.base}/dang-nhap`);
      await new SignInPage(page).waitUntilShown().then((p) => p.signIn('thietke', 'demo'));
      await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
      const designer = new DesignerPage(page);

      // when
      await designer.importFile(env.base, file, original);
      const exported = await designer.export();

      // then every shape and edge of the file's diagram is on the canvas
      const drawn = [...original.matchAll(/bpmnElement="([^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((id) => !/^(Process_|sid-collab)/.test(id));
      for (const id of drawn) {
        await page.locator(`.lt-canvas .djs-element[data-element-id="${id}"]`).waitFor({ state: 'attached' });
      }
      expect(await tree(exported)).toEqual(await tree(original));
      await screenshot(page, `designer-${file.replace('.bpmn', '')}`);
      await page.close();
    },
  );

  it('shows what bpmn-js warned about when it opened a file, in Vietnamese, element by element', async () => {
    // given a file with a flow to a missing step (so not drawn either), an undeclared message and an
    // element BPMN lacks
    const name = 'unresolved-reference.bpmn';
    const xml = readFileSync(join(dir, '..', 'with-warnings', name), 'utf8');
    const page = await env.signedIn('thietke', '/thiet-ke');
    const designer = new DesignerPage(page);
    await page.getByRole('heading', { name: 'Thiết kế quy trình' }).waitFor();

    // when it is imported
    await designer.importFile(env.base, name, xml);

    // then the diagram opens, with a notice (not a refusal) counting the warnings
    await designer.shape('Task_kiem_tra').waitFor();
    await designer.importWarnings.waitFor();
    expect(await designer.importWarnings.innerText()).toContain('Tệp có 4 cảnh báo khi mở');
    // and its list, opened from the keyboard, names each element with a Vietnamese gist
    const list = await designer.importWarningList();
    expect(list).toEqual([
      'Task_la phần tử <bpmn:approvalTask> không có trong chuẩn BPMN 2.0 nên bị bỏ qua.',
      'Task_cho tham chiếu tới "Message_khong_co" (thông điệp) không có trong tệp nên bị bỏ.',
      'Flow_2 tham chiếu tới "Task_da_xoa" (điểm đích của luồng) không có trong tệp nên bị bỏ.',
      'Flow_2 đường nối thiếu điểm nguồn hoặc điểm đích nên không được vẽ.',
    ]);
    await screenshot(page, 'designer-import-warnings');

    // and it goes away when closed
    await designer.importWarnings.getByRole('button', { name: 'Đóng thông báo cảnh báo' }).click();
    await designer.importWarnings.waitFor({ state: 'detached' });
    await page.close();
  });
});

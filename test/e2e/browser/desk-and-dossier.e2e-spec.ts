import { demoInBrowser } from './demo-in-browser';
import { dossierAtTheRegistry, dossierWaitingForReturn } from './dossiers';
import { DeskPage } from './pages/desk.page';
import { DossierViewPage } from './pages/dossier.page';
import { screenshot } from './screenshots';

jest.setTimeout(180_000);

/**
 * In Chromium, against the built engine with the demo seed: the desk refuses a dossier or guides a
 * supplement, returns a result to who collects it; the dossier view shows the path a dossier took, and
 * "Không tìm thấy hồ sơ" to an officer of a unit that never held it.
 */
describe('the desk and the dossier view in the browser', () => {
  const app = demoInBrowser();
  const signedIn = (username: string, path: string) => app.signedIn(username, path);

  async function deskPage(): Promise<DeskPage> {
    const desk = new DeskPage(await signedIn('tiepnhan', '/mot-cua'));
    await desk.heading.waitFor();
    return desk;
  }

  it('refuses to receive a dossier with reasons, and the slip shows its code and the reasons', async () => {
    const desk = await deskPage();
    await desk.fill({ procedure: 'tách thửa', name: 'Lê Văn Từ Chối', idNumber: '087090003333' });

    await desk.refuse(['Thửa đất đang có tranh chấp', 'Không có giấy chứng nhận quyền sử dụng đất']);
    await screenshot(desk.page, 'desk-refusal-slip');

    const title = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';
    const code = await desk.slipLine(title, 'Mã hồ sơ');
    expect(code).toMatch(/^[0-9A-Z.]+-\d{6}-\d{4}$/);
    expect(await desk.slipLine(title, 'Lý do từ chối')).toBe(
      'Thửa đất đang có tranh chấp Không có giấy chứng nhận quyền sử dụng đất',
    );
    expect(await desk.slipLine(title, 'Người nộp')).toBe('Lê Văn Từ Chối · 087090003333');
    // the engine has it, refused, with no step
    const refused = await (
      await app.demo.as('tiepnhan')
    ).get<{ status: string; activeSteps: unknown[] }>(`/dossiers/${code}`);
    expect(refused.body).toMatchObject({ status: 'refused', activeSteps: [] });
    // and the list finds it by the applicant's name, typed with or without diacritics (as the inbox)
    await desk.page.getByRole('button', { name: 'Tiếp nhận hồ sơ khác' }).click();
    expect(await desk.search('Từ Chối')).toEqual([code]);
    expect(await desk.search('le van tu choi')).toEqual([code]);
    await screenshot(desk.page, 'desk-search-without-diacritics');
    await desk.page.close();
  });

  it('gives a supplement guidance listing the missing papers once, found again later', async () => {
    const desk = await deskPage();
    await desk.fill({ procedure: 'tách thửa', name: 'Phạm Thị Bổ Sung' });
    await desk.guide(
      ['Bản vẽ trích đo: thiếu chữ ký', 'Tờ khai: ghi sai diện tích'],
      'Chị Lan, 0277 3851 234',
    );
    await screenshot(desk.page, 'desk-guidance-slip');
    const title = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ';
    expect(await desk.slipLine(title, 'Số phiếu')).toMatch(/^HD-[0-9A-Z.]+-\d{6}-\d{4}$/);
    expect(await desk.slipLine(title, 'Giấy tờ cần bổ sung')).toBe(
      'Bản vẽ trích đo: thiếu chữ ký Tờ khai: ghi sai diện tích',
    );
    expect(await desk.slipLine(title, 'Nơi lập phiếu')).toContain('Liên hệ: Chị Lan, 0277 3851 234');

    // found again by the applicant's name, its slip shown to print again
    const number = await desk.slipLine(title, 'Số phiếu');
    await desk.page.getByRole('button', { name: 'Tiếp nhận hồ sơ khác' }).click();
    expect(await desk.guidances('Bổ Sung')).toEqual([number]);
    expect(await desk.guidances('pham thi bo sung')).toEqual([number]);
    await desk.page.getByRole('button', { name: `Xem phiếu ${number}` }).click();
    await desk.page.getByRole('dialog', { name: 'Phiếu hướng dẫn bổ sung' }).getByText(title).waitFor();
    await screenshot(desk.page, 'desk-guidance-found-again');
    await desk.page.close();
  });

  it('returns a result and records who collected it', async () => {
    const code = await dossierWaitingForReturn(app.demo, 'Đặng Văn Nhận');
    const desk = await deskPage();
    expect(await desk.waitingForReturn('Đặng Văn')).toEqual([code]);
    expect(await desk.waitingForReturn('dang van nhan')).toEqual([code]);
    await screenshot(desk.page, 'desk-return-list');

    await desk.returnResult(code, {
      name: 'Đặng Thị Ủy Quyền',
      idNumber: '087090004444',
      relation: 'Người được ủy quyền',
    });
    await screenshot(desk.page, 'desk-return-done');

    expect(await desk.waitingForReturn('Đặng Văn')).toEqual([]);
    const dossier = await (
      await app.demo.as('tiepnhan')
    ).get<{ status: string; variables: Record<string, unknown> }>(`/dossiers/${code}`);
    expect(dossier.body.status).toBe('completed');
    expect(dossier.body.variables['resultCollector']).toMatchObject({
      collectorName: 'Đặng Thị Ủy Quyền',
      collectorIdNumber: '087090004444',
      relation: 'Người được ủy quyền',
      returnedBy: 'tiepnhan',
    });
    await desk.page.close();
  });

  it('shows the path a land-parcel dossier took: finished and current steps marked, the control record', async () => {
    const code = await dossierAtTheRegistry(app.demo, 'Võ Thị Đường Đi');
    const view = await new DossierViewPage(await signedIn('cv.vpdk', `/ho-so/${code}`)).waitUntilShown();
    await screenshot(view.page, 'dossier-view');

    expect(await view.detail('Thủ tục')).toBe('Tách thửa hoặc hợp thửa đất (phiên bản 2)');
    expect(await view.detail('Người nộp')).toContain('Võ Thị Đường Đi');
    expect(await view.detail('Tính thời gian')).toMatch(/^Đang tính từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await view.marked('lt-finished')).toEqual(
      expect.arrayContaining(['start', 't_tiep_nhan', 'f_nop']),
    );
    expect(await view.marked('lt-active')).toEqual(['t_kiem_tra']);
    expect(await view.marked('lt-finished')).not.toContain('t_kiem_tra');
    const rows = await view.controlRows();
    expect(rows).toEqual([
      expect.objectContaining({ step: 'Tiếp nhận hồ sơ', officer: 'tiepnhan' }),
      expect.objectContaining({
        step: 'Kiểm tra hồ sơ, điều kiện tách thửa, hợp thửa',
        finished: 'Đang xử lý',
      }),
    ]);
    expect(rows[0]!.outcome).toMatch(/^(Trước hạn|Đúng hạn|Quá hạn)$/);
    await view.page.close();
  });

  it('answers "Không tìm thấy hồ sơ" to an officer of a unit that never held the dossier', async () => {
    const code = await dossierAtTheRegistry(app.demo, 'Ngô Văn Riêng Tư');
    const view = await new DossierViewPage(await signedIn('cv.thue', `/ho-so/${code}`));
    await view.notFound.waitFor();
    await screenshot(view.page, 'dossier-not-found');
    expect(await view.page.getByText('Ngô Văn Riêng Tư').count()).toBe(0);
    expect(await view.page.getByText(code, { exact: false }).count()).toBe(1); // only in "Không có hồ sơ mã …"
    await view.page.close();
  });
});

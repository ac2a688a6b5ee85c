import type { DossierDto, PageDto, TaskCompletionDto, TaskDto } from '@lienthong/contracts';
import { Api } from '../support/api-client';
import { startDemoEngine, type DemoEngine } from './support/demo-engine';

jest.setTimeout(120_000);

/**
 * The demo province's own people drive a land-parcel dossier through the built engine, each signing in
 * with the demo password and doing only their part: the provincial desk receives and returns it, the land
 * registry branch's officer claims and checks it, the tax office's system (an API key an admin creates)
 * assesses the tax, the branch's leader signs. Officers of other units see nothing of it; a citizen looks
 * it up by its code without signing in.
 */
describe('the demo accounts drive a land-parcel dossier, each within their rights', () => {
  let demo: DemoEngine;
  const as = (username: string) => demo.as(username);
  const engine = {
    get baseUrl(): string {
      return demo.engine.baseUrl;
    },
  };

  beforeAll(async () => {
    demo = await startDemoEngine();
  });
  afterAll(async () => {
    await demo?.stop();
  });

  async function inbox(api: Api, kind: 'tasks' | 'external-tasks' = 'tasks'): Promise<TaskDto[]> {
    const res = await api.get<PageDto<TaskDto>>(`/${kind}?status=active`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('receives, checks, assesses, signs and returns the dossier, each step by the right person', async () => {
    // given: the provincial service centre's desk receives a dossier
    const desk = await as('tiepnhan');
    const received = await desk.post<DossierDto>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Trương Văn Tâm', idNumber: '087090005678' },
      variables: { parcel: { sheet: 8, number: 112, area: 310 } },
    });
    expect(received.status).toBe(201);
    const dossier = received.body;
    const intake = (await inbox(desk)).find((t) => t.dossierId === dossier.id)!;
    expect((await desk.post(`/tasks/${intake.id}/complete`, {})).status).toBe(200);

    // when: an officer of the land registry branch finds it in the inbox, claims it and checks it
    const officer = await as('cv.vpdk');
    const check = (await inbox(officer)).find(
      (t) => t.dossierId === dossier.id && t.nodeId === 't_kiem_tra',
    )!;
    expect(check).toBeDefined();
    const claimed = await officer.post<TaskDto>(`/tasks/${check.id}/claim`);
    expect(claimed.body.assignee).toBe('cv.vpdk');
    // a colleague may not complete what is claimed; the tax officer may not even see it
    expect(
      (
        await (
          await as('cv2.vpdk')
        ).post(`/tasks/${check.id}/complete`, { variables: { result: 'eligible' } })
      ).status,
    ).toBe(403);
    expect((await (await as('cv.thue')).get(`/dossiers/${dossier.id}`)).status).toBe(404);
    expect(
      (await officer.post(`/tasks/${check.id}/complete`, { variables: { result: 'eligible' } })).status,
    ).toBe(200);
    const certify = (await inbox(officer)).find(
      (t) => t.dossierId === dossier.id && t.nodeId === 't_xac_nhan',
    )!;
    const certified = await officer.post<TaskCompletionDto>(`/tasks/${certify.id}/complete`, {
      variables: { hasFinancialObligation: true, newParcelCount: 2 },
    });
    expect(certified.body.dossier.activeSteps).toEqual([
      expect.objectContaining({ nodeId: 'st_thue', unit: 'DTP-THUE-1' }),
    ]);

    // and the tax office's system, with the key an admin gives it, assesses the tax
    const admin = await as('admin');
    const created = await admin.post<{ key: string }>('/api-keys', {
      name: 'Hệ thống quản lý thuế - Thuế cơ sở 1',
      unitCode: 'DTP-THUE-1',
      topics: ['tax-assessment'],
    });
    expect(created.status).toBe(201);
    const taxSystem = Api.bearer(engine.baseUrl, created.body.key);
    const assessment = (await inbox(taxSystem, 'external-tasks')).find((t) => t.dossierId === dossier.id)!;
    expect((await officer.post(`/external-tasks/${assessment.id}/complete`, {})).status).toBe(404);
    expect(
      (
        await taxSystem.post(`/external-tasks/${assessment.id}/complete`, {
          variables: { taxAmount: 9_800_000 },
        })
      ).status,
    ).toBe(200);
    // the tax office's system may not announce the payment to the land registry's step; the branch does
    expect(
      (await taxSystem.post('/messages', { name: 'payment-confirmed', dossierCode: dossier.code })).status,
    ).toBe(403);
    expect(
      (await officer.post('/messages', { name: 'payment-confirmed', dossierCode: dossier.code })).status,
    ).toBe(200);

    // the branch's leader signs (an officer may not)
    const sign = (await inbox(await as('ld.vpdk'))).find(
      (t) => t.dossierId === dossier.id && t.nodeId === 't_ky',
    )!;
    expect((await officer.post(`/tasks/${sign.id}/complete`, {})).status).toBe(403);
    expect((await (await as('ld.vpdk')).post(`/tasks/${sign.id}/complete`, {})).status).toBe(200);

    // the cadastral update is the land registry's system's
    const cadastre = Api.bearer(
      engine.baseUrl,
      (
        await admin.post<{ key: string }>('/api-keys', {
          name: 'Hệ thống địa chính',
          unitCode: 'DTP-VPDK-CL',
          topics: ['cadastre-update'],
        })
      ).body.key,
    );
    const update = (await inbox(cadastre, 'external-tasks')).find((t) => t.dossierId === dossier.id)!;
    expect((await cadastre.post(`/external-tasks/${update.id}/complete`, {})).status).toBe(200);

    // then a citizen looks the dossier up by its code, without signing in, and sees where it is
    const lookup = await new Api(engine.baseUrl).get<Record<string, unknown>>(
      `/public/dossiers/${dossier.code}`,
    );
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({
      code: dossier.code,
      procedureName: 'Tách thửa hoặc hợp thửa đất',
      status: 'active',
      receivedBy: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp',
      currentSteps: [
        { name: expect.any(String), unitName: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp' },
      ],
    });
    expect(JSON.stringify(lookup.body)).not.toContain('Trương Văn Tâm');

    // and the desk returns the result
    const giveBack = (await inbox(desk)).find((t) => t.dossierId === dossier.id && t.nodeId === 't_tra_kq')!;
    expect((await desk.post(`/tasks/${giveBack.id}/complete`, {})).status).toBe(200);
    expect((await desk.get<DossierDto>(`/dossiers/${dossier.id}`)).body.status).toBe('completed');

    // the admin reads who did what
    const audit = await admin.get<PageDto<{ action: string; actorId: string; outcome: string }>>(
      `/audit?dossierId=${dossier.id}&limit=50`,
    );
    const trail = audit.body.items.map((e) => `${e.actorId} ${e.action} ${e.outcome}`).reverse();
    expect(trail).toEqual(
      expect.arrayContaining([
        'tiepnhan dossier.receive success',
        'cv.vpdk task.claim success',
        'cv2.vpdk task.complete denied',
        'cv.vpdk task.complete success',
        'ld.vpdk task.complete success',
      ]),
    );
    expect(trail[0]).toBe('tiepnhan dossier.receive success');
  });

  it('answers an unknown code of the public lookup with 404, and every other endpoint without sign-in with 401', async () => {
    const anonymous = new Api(engine.baseUrl);
    expect((await anonymous.get('/public/dossiers/000.00.02.H20-990101-9999')).status).toBe(404);
    expect((await anonymous.get('/public/dossiers/%27%20OR%201=1')).status).toBe(404);
    expect((await anonymous.get('/dossiers')).status).toBe(401);
    expect((await anonymous.post('/auth/login', { username: 'tiepnhan', password: 'sai' })).status).toBe(401);
  });
});

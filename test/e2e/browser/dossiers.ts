import { Api } from '../../support/api-client';
import type { DemoEngine } from '../support/demo-engine';

/**
 * A land-parcel dossier received through the API at the provincial desk (`tiepnhan`) and passed on to the
 * land registry branch: its first step done. Returns its code.
 */
export async function dossierAtTheRegistry(demo: DemoEngine, applicant = 'Nguyễn Văn An'): Promise<string> {
  const desk = await demo.as('tiepnhan');
  const received = await desk.post<{ code: string; activeSteps: Array<{ taskId: string }> }>('/dossiers', {
    definitionKey: 'tach-thua-dat',
    applicant: { name: applicant, idNumber: '087090001234' },
    variables: { parcel: { sheet: 12, number: 345, area: 250.5 } },
  });
  expect(received.status).toBe(201);
  const done = await desk.post(`/tasks/${received.body.activeSteps[0]!.taskId}/complete`, {});
  expect(done.status).toBe(200);
  return received.body.code;
}

/**
 * A land-parcel dossier taken through every step but the last (`dossierAtTheRegistry`, then checked and
 * certified without financial obligation, signed, the cadastre updated by the registry's system): its
 * result waits at the desk (`t_tra_kq`). Returns its code.
 */
export async function dossierWaitingForReturn(demo: DemoEngine, applicant: string): Promise<string> {
  const code = await dossierAtTheRegistry(demo, applicant);
  const stepAt = async (as: string, nodeId: string) => {
    const api = await demo.as(as);
    const dossier = await api.get<{ activeSteps: Array<{ nodeId: string; taskId?: string }> }>(
      `/dossiers/${code}`,
    );
    const step = dossier.body.activeSteps.find((s) => s.nodeId === nodeId);
    expect(step?.taskId).toBeDefined();
    return { api, taskId: step!.taskId! };
  };
  const complete = async (as: string, nodeId: string, variables: Record<string, unknown> = {}) => {
    const { api, taskId } = await stepAt(as, nodeId);
    expect((await api.post(`/tasks/${taskId}/complete`, { variables })).status).toBe(200);
  };
  await complete('cv.vpdk', 't_kiem_tra', { result: 'eligible' });
  await complete('cv.vpdk', 't_xac_nhan', { hasFinancialObligation: false, newParcelCount: 2 });
  await complete('ld.vpdk', 't_ky');
  const admin = await demo.as('admin');
  const key = await admin.post<{ key: string }>('/api-keys', {
    name: `Hệ thống địa chính ${code}`,
    unitCode: 'DTP-VPDK-CL',
    topics: ['cadastre-update'],
  });
  expect(key.status).toBe(201);
  const cadastre = Api.bearer(demo.engine.baseUrl, key.body.key);
  const { taskId } = await stepAt('cv.vpdk', 'st_csdl');
  expect((await cadastre.post(`/external-tasks/${taskId}/complete`, {})).status).toBe(200);
  return code;
}

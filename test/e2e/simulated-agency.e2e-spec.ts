import type { DossierDto, PageDto, TaskDto } from '@lienthong/contracts';
import { demoAgencyKeys, startSimulatedAgency, type SimulatedAgency } from '../simulated-agency/agency';
import type { Api } from '../support/api-client';
import { startDemoEngine, type DemoEngine } from './support/demo-engine';

jest.setTimeout(120_000);

/**
 * The simulated agency (the land registry's and the tax office's systems, as `DEMO_AGENCY=true npm start`
 * runs them) takes its steps of a land-parcel dossier through the agency API; people do only theirs.
 */
describe('a land-parcel dossier with the simulated agency systems', () => {
  let demo: DemoEngine;
  let agency: SimulatedAgency;
  const log: string[] = [];
  const as = (username: string) => demo.as(username);

  beforeAll(async () => {
    demo = await startDemoEngine();
    agency = startSimulatedAgency({
      baseUrl: demo.engine.baseUrl,
      keys: await demoAgencyKeys(demo.engine.baseUrl),
      delayMs: 50,
      log: (line) => log.push(line),
    });
  });
  afterAll(async () => {
    await agency?.stop();
    await demo?.stop();
  });

  async function stepOf(api: Api, dossierId: string, nodeId: string): Promise<TaskDto> {
    const end = Date.now() + 20_000;
    for (;;) {
      const items = (await api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossierId}&status=active`)).body
        .items;
      const found = items.find((t) => t.nodeId === nodeId);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no step ${nodeId}; agency log:\n${log.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('flows from receipt to return while the agency systems assess the tax, confirm the payment and update the cadastre', async () => {
    const desk = await as('tiepnhan');
    const officer = await as('cv.vpdk');
    const leader = await as('ld.vpdk');
    const dossier = (
      await desk.post<DossierDto>('/dossiers', {
        definitionKey: 'tach-thua-dat',
        applicant: { name: 'Kiều Thị Nga' },
        variables: { parcel: { sheet: 3, number: 58, area: 120 } },
      })
    ).body;
    await desk.post(`/tasks/${(await stepOf(desk, dossier.id, 't_tiep_nhan')).id}/complete`, {});
    await officer.post(`/tasks/${(await stepOf(officer, dossier.id, 't_kiem_tra')).id}/complete`, {
      variables: { result: 'eligible' },
    });
    await officer.post(`/tasks/${(await stepOf(officer, dossier.id, 't_xac_nhan')).id}/complete`, {
      variables: { hasFinancialObligation: true, newParcelCount: 2 },
    });
    // the tax office's system assesses, the payment is confirmed: the leader's step comes by itself
    await leader.post(`/tasks/${(await stepOf(leader, dossier.id, 't_ky')).id}/complete`, {});
    // the land registry's system updates the cadastre: the desk returns the result
    await desk.post(`/tasks/${(await stepOf(desk, dossier.id, 't_tra_kq')).id}/complete`, {});

    const done = (await desk.get<DossierDto>(`/dossiers/${dossier.id}`)).body;
    expect(done.status).toBe('completed');
    expect(done.variables).toMatchObject({ taxAmount: 6_000_000, paidAmount: 6_000_000, newParcels: 2 });
    expect(log).toEqual(
      expect.arrayContaining([
        `mo-phong-thue: ${dossier.code} tax-assessment done`,
        `mo-phong-kho-bac: ${dossier.code} payment-confirmed`,
        `mo-phong-dia-chinh: ${dossier.code} cadastre-update done`,
      ]),
    );
  });
});

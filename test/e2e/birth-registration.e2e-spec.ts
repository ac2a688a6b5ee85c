import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierDto, PageDto, TaskCompletionDto, TaskDto } from '@lienthong/contracts';
import { Api } from '../support/api-client';
import { startDemoEngine, type DemoEngine } from './support/demo-engine';

jest.setTimeout(120_000);

const KEY = 'dang-ky-khai-sinh-lien-thong';
const folder = join(__dirname, '../../processes', KEY);

interface CatalogueEntry {
  key: string;
  versions: Array<{ file: string }>;
}

/**
 * The inter-agency birth registration (liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo
 * hiểm y tế cho trẻ em dưới 6 tuổi), seeded from processes/, driven to its end over HTTP by the demo
 * commune's people and the two agencies' systems: the commune's desk receives the dossier, its civil
 * status officer registers the birth, the commune's leader signs, then the commune police's residence
 * system and the social insurance's card system work in parallel, and the desk returns the results.
 */
describe('đăng ký khai sinh liên thông, end to end over HTTP', () => {
  let demo: DemoEngine;
  const as = (username: string) => demo.as(username);

  beforeAll(async () => {
    demo = await startDemoEngine();
  });
  afterAll(async () => {
    await demo?.stop();
  });

  async function stepOf(api: Api, dossierId: string, nodeId: string, kind: 'tasks' | 'external-tasks') {
    const res = await api.get<PageDto<TaskDto>>(`/${kind}?status=active&dossierId=${dossierId}`);
    expect(res.status).toBe(200);
    const task = res.body.items.find((t) => t.nodeId === nodeId);
    if (!task)
      throw new Error(`${nodeId} is not in this inbox: ${res.body.items.map((t) => t.nodeId).join(', ')}`);
    return task;
  }

  /** An agency system: an API key of its unit for its topic, and one fetch-and-lock. */
  async function agencySystem(unitCode: string, topic: string) {
    const admin = await as('admin');
    const created = await admin.post<{ key: string }>('/api-keys', {
      name: `Hệ thống ${unitCode}`,
      unitCode,
      topics: [topic],
    });
    expect(created.status).toBe(201);
    const system = Api.bearer(demo.engine.baseUrl, created.body.key);
    return {
      system,
      async fetch(dossierCode: string): Promise<TaskDto> {
        const locked = await system.post<TaskDto[]>('/external-tasks/fetch-and-lock', {
          workerId: `${unitCode}-1`,
          maxTasks: 10,
          topics: [{ topicName: topic, lockDuration: 60_000 }],
        });
        expect(locked.status).toBe(200);
        const task = locked.body.find((t) => t.dossierCode === dossierCode);
        if (!task) throw new Error(`no ${topic} task locked for ${dossierCode}`);
        return task;
      },
    };
  }

  it('seeds every version of the procedure in its folder, the last one published', async () => {
    const catalogue = JSON.parse(
      readFileSync(join(__dirname, '../../processes/catalogue.json'), 'utf8'),
    ) as CatalogueEntry[];
    const files = catalogue.find((p) => p.key === KEY)?.versions.map((v) => v.file);
    expect(files).toEqual(
      readdirSync(folder)
        .filter((f) => f.endsWith('.bpmn'))
        .sort()
        .map((f) => `${KEY}/${f}`),
    );
    const seeded = await (
      await as('tiepnhan.mytho')
    ).get<PageDto<{ version: number; status: string }>>(`/definitions?key=${KEY}`);
    expect(seeded.body.items.map((d) => d.status)).toEqual([
      ...Array.from({ length: files!.length - 1 }, () => 'retired'),
      'published',
    ]);
  });

  it('registers the birth, the residence and the health insurance card, and returns the results', async () => {
    // given: parents file at the commune's service centre
    const desk = await as('tiepnhan.mytho');
    const received = await desk.post<DossierDto>('/dossiers', {
      definitionKey: KEY,
      applicant: { name: 'Nguyễn Thị Hoa', idNumber: '087190004321' },
      variables: { child: { name: 'Nguyễn Minh Khang', birthDate: '2026-01-05', sex: 'male' } },
    });
    expect(received.status).toBe(201);
    const dossier = received.body;
    expect(dossier.code).toMatch(/^000\.31\.40\.H20-\d{6}-\d{4}$/);
    expect(dossier.activeSteps).toEqual([
      expect.objectContaining({ nodeId: 't_tiep_nhan', unit: 'XMT-TTHCC' }),
    ]);
    expect(dossier.appointmentAt).not.toBeNull();

    // when: the desk checks the papers and hands it to the commune's civil status officer
    await desk.post(`/tasks/${dossier.activeSteps[0]!.taskId}/complete`, {});
    const officer = await as('cv.mytho');
    const register = await stepOf(officer, dossier.id, 't_khai_sinh', 'tasks');
    expect(register.unit).toBe('XMT-VP');
    // the child's personal identification number is required
    expect((await officer.post(`/tasks/${register.id}/complete`, { variables: {} })).status).toBe(422);
    const registered = await officer.post<TaskCompletionDto>(`/tasks/${register.id}/complete`, {
      variables: { personalIdNumber: '087226001234', birthRegisteredOn: '2026-01-12' },
    });
    expect(registered.status).toBe(200);

    // the commune's leader signs the birth certificate (the officer, of another division, does not even see the step)
    const leader = await as('ld.mytho');
    const sign = await stepOf(leader, dossier.id, 't_ky', 'tasks');
    expect((await officer.post(`/tasks/${sign.id}/complete`, {})).status).toBe(404);
    const signed = await leader.post<TaskCompletionDto>(`/tasks/${sign.id}/complete`, {});
    expect(signed.status).toBe(200);
    expect(signed.body.dossier.activeSteps.map((s) => [s.nodeId, s.unit]).sort()).toEqual([
      ['st_bhyt', 'DTP-BHXH'],
      ['st_thuong_tru', 'XMT-CA'],
    ]);

    // then the police's residence system and the social insurance's system work in parallel
    const police = await agencySystem('XMT-CA', 'residence-registration');
    const insurance = await agencySystem('DTP-BHXH', 'health-insurance-card');
    const residence = await police.fetch(dossier.code);
    expect(residence).toMatchObject({
      nodeId: 'st_thuong_tru',
      variables: expect.objectContaining({ personalIdNumber: '087226001234' }),
    });
    const card = await insurance.fetch(dossier.code);
    expect(card.nodeId).toBe('st_bhyt');
    // neither system may complete the other's step
    expect(
      (await police.system.post(`/external-tasks/${card.id}/complete`, { workerId: 'XMT-CA-1' })).status,
    ).toBe(404);
    const cardDone = await insurance.system.post<TaskCompletionDto>(`/external-tasks/${card.id}/complete`, {
      workerId: 'DTP-BHXH-1',
      variables: { healthInsuranceNumber: 'TE1878722600123' },
    });
    expect(cardDone.status).toBe(200);
    // the join waits for the residence registration
    expect(cardDone.body.dossier.activeSteps.map((s) => s.nodeId)).toContain('st_thuong_tru');
    expect(cardDone.body.dossier.activeSteps.map((s) => s.nodeId)).not.toContain('t_tra_kq');
    const residenceDone = await police.system.post<TaskCompletionDto>(
      `/external-tasks/${residence.id}/complete`,
      {
        workerId: 'XMT-CA-1',
        variables: { residenceRegisteredOn: '2026-01-13' },
      },
    );
    expect(residenceDone.status).toBe(200);
    expect(residenceDone.body.dossier.activeSteps).toEqual([
      expect.objectContaining({ nodeId: 't_tra_kq', unit: 'XMT-TTHCC' }),
    ]);

    // and the desk returns the birth certificate, the residence notice and the card
    const returned = await desk.post<TaskCompletionDto>(
      `/tasks/${residenceDone.body.dossier.activeSteps[0]!.taskId}/complete`,
      {},
    );
    expect(returned.status).toBe(200);
    const done = await desk.get<DossierDto>(`/dossiers/${dossier.id}`);
    expect(done.body).toMatchObject({
      status: 'completed',
      activeSteps: [],
      result: { endEventId: 'end_done' },
      variables: expect.objectContaining({
        personalIdNumber: '087226001234',
        healthInsuranceNumber: 'TE1878722600123',
        residenceRegisteredOn: '2026-01-13',
      }),
    });
    const history = await desk.get<PageDto<{ type: string; nodeId: string | null }>>(
      `/dossiers/${dossier.id}/history?limit=200`,
    );
    const completed = history.body.items.filter((e) => e.type === 'task.completed').map((e) => e.nodeId);
    expect(completed).toEqual(['t_tiep_nhan', 't_khai_sinh', 't_ky', 'st_bhyt', 'st_thuong_tru', 't_tra_kq']);
    expect(history.body.items.at(-1)?.type).toBe('instance.completed');

    // the parents look it up by its code without signing in; the land registry sees nothing of it
    const lookup = await new Api(demo.engine.baseUrl).get<Record<string, unknown>>(
      `/public/dossiers/${dossier.code}`,
    );
    expect(lookup.body).toMatchObject({
      code: dossier.code,
      status: 'completed',
      receivedBy: 'Trung tâm Phục vụ hành chính công xã Mỹ Thọ',
      currentSteps: [],
    });
    expect((await (await as('cv.vpdk')).get(`/dossiers/${dossier.id}`)).status).toBe(404);
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DossierDto, PageDto, TaskDto } from '@lienthong/contracts';
import { type Api } from '../support/api-client';
import { startDemoEngine, type DemoEngine } from './support/demo-engine';

jest.setTimeout(120_000);

/**
 * The official Camunda 7 worker library (npm `camunda-external-task-client-js`), unchanged, works the tax
 * step of a land-parcel dossier through the engine's `/engine-rest` API, authenticated by an interceptor
 * that adds the tax office's API key.
 */
describe('camunda-external-task-client-js against the engine', () => {
  let demo: DemoEngine;
  const as = (username: string) => demo.as(username);

  beforeAll(async () => {
    demo = await startDemoEngine();
  });
  afterAll(async () => {
    await demo?.stop();
  });

  function runWorker(apiKey: string, count: number): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(__dirname, 'support/camunda-worker.mjs')], {
        env: { ...process.env, ENGINE: demo.engine.baseUrl, API_KEY: apiKey, COUNT: String(count) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  it('fetches, reads typed variables and completes the tax step with typed variables', async () => {
    // given a dossier at the tax step, and the tax office's key
    const desk = await as('tiepnhan');
    const officer = await as('cv.vpdk');
    const dossier = (
      await desk.post<DossierDto>('/dossiers', {
        definitionKey: 'tach-thua-dat',
        applicant: { name: 'Lưu Quang Huy' },
        variables: { parcel: { sheet: 4, number: 77, area: 180 } },
      })
    ).body;
    const step = async (api: Api, nodeId: string) =>
      (await api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossier.id}&status=active`)).body.items.find(
        (t) => t.nodeId === nodeId,
      )!;
    await desk.post(`/tasks/${(await step(desk, 't_tiep_nhan')).id}/complete`, {});
    await officer.post(`/tasks/${(await step(officer, 't_kiem_tra')).id}/complete`, {
      variables: { result: 'eligible' },
    });
    await officer.post(`/tasks/${(await step(officer, 't_xac_nhan')).id}/complete`, {
      variables: { hasFinancialObligation: true, newParcelCount: 2 },
    });
    const key = (
      await (
        await as('admin')
      ).post<{ key: string }>('/api-keys', {
        name: 'Worker Camunda của Thuế cơ sở 1',
        unitCode: 'DTP-THUE-1',
        topics: ['tax-assessment'],
      })
    ).body.key;

    // when the unchanged Camunda client runs against /engine-rest
    const worker = await runWorker(key, 1);

    // then
    expect(worker).toMatchObject({ code: 0 });
    expect(worker.output).toContain(`${dossier.code} tax-assessment done`);
    const after = (await officer.get<DossierDto>(`/dossiers/${dossier.id}`)).body;
    expect(after.variables).toMatchObject({ taxAmount: 9_000_000, assessedBy: 'camunda-js' });
    expect(after.activeSteps).toEqual([expect.objectContaining({ nodeId: 'rt_nop_tien' })]);
    const history = await officer.get<PageDto<{ type: string; actor: string | null; nodeId: string | null }>>(
      `/dossiers/${dossier.id}/history?limit=100`,
    );
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'task.completed',
          nodeId: 'st_thue',
          actor: expect.stringMatching(/^apikey:/),
        }),
      ]),
    );
  });

  it('answers Camunda-shaped requests without a key with 401, and bad bodies with 400', async () => {
    const anonymous = await fetch(`${demo.engine.baseUrl}/engine-rest/external-task/fetchAndLock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workerId: 'w',
        maxTasks: 1,
        topics: [{ topicName: 'tax-assessment', lockDuration: 1000 }],
      }),
    });
    expect(anonymous.status).toBe(401);
    const key = (
      await (await as('admin')).post<{ key: string }>('/api-keys', { name: 'Thử', unitCode: 'DTP-THUE-1' })
    ).body.key;
    const bad = await fetch(`${demo.engine.baseUrl}/engine-rest/external-task/fetchAndLock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ workerId: 'w', maxTasks: 1, topics: [{ topicName: 'tax-assessment' }] }),
    });
    expect(bad.status).toBe(400);
    const empty = await fetch(`${demo.engine.baseUrl}/engine-rest/external-task/fetchAndLock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({
        workerId: 'w',
        maxTasks: 1,
        usePriority: true,
        topics: [{ topicName: 'tax-assessment', lockDuration: 1000 }],
      }),
    });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-type')).toBe('application/json');
    expect(await empty.json()).toEqual([]);
  });
});

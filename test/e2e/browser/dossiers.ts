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

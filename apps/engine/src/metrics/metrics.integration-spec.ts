import { bpmnFixture, chain } from '@lienthong/bpmn';
import type { DossierDto, TaskDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

const PROCESS = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiep_nhan" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <serviceTask id="thue" name="Xác định nghĩa vụ tài chính" lt:unit="DTP-THUE-1" lt:topic="tax-assessment"/>
   <endEvent id="e"/>${chain('s', 'tiep_nhan', 'thue', 'e')}`,
  { id: 'do-dem', attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="10d"' },
);

/** The value of one sample of the exposition text, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Prometheus metrics at /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const deployed = await t.api.post<{ version: number }>('/definitions', PROCESS);
    await t.api.post(`/definitions/do-dem/versions/${deployed.body.version}/publish`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${t.baseUrl}/metrics`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  it('counts requests by route and status, commands by kind, and reads the queues from the database', async () => {
    // given a dossier whose first step is completed: the tax office's external task now waits
    const before = await scrape();
    const dossier = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'do-dem',
        applicant: { name: 'Ngô Văn Đếm' },
      })
    ).body;
    const [step] = (await t.api.get<{ items: TaskDto[] }>(`/tasks?dossierId=${dossier.id}&status=active`))
      .body.items;
    await t.api.post(`/tasks/${step!.id}/complete`, {});
    // and a step overdue at the tax office
    await t.query(
      `UPDATE tasks SET deadline_status = 'overdue' WHERE dossier_id = $1 AND status = 'active'`,
      [dossier.id],
    );

    // when Prometheus scrapes
    const after = await scrape();

    // then
    expect(after.status).toBe(200);
    expect(after.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const completions = (text: string) => sample(text, 'lt_commands_total', '{kind="completeTask"}') ?? 0;
    expect(completions(after.text) - completions(before.text)).toBe(1);
    expect(sample(after.text, 'lt_commands_total', '{kind="start"}')).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        after.text,
        'lt_http_request_duration_seconds_count',
        '{method="POST",route="/api/v1/tasks/:id/complete",status="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(after.text, 'lt_external_tasks_waiting', '{topic="tax-assessment"}')).toBe(1);
    expect(sample(after.text, 'lt_steps_overdue', '{unit="DTP-THUE-1"}')).toBe(1);
    expect(sample(after.text, 'lt_webhook_deliveries', '{status="failed"}')).toBe(0);
    expect(sample(after.text, 'lt_jobs_waiting', '{state="due"}')).toBe(0);
    expect(sample(after.text, 'lt_db_pool_connections', '{state="open"}')).toBeGreaterThanOrEqual(1);
    expect(after.text).toMatch(/^lt_process_cpu_seconds_total /m);
  });

  it('is not part of the API document', async () => {
    const doc = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).some((p) => p.includes('metrics'))).toBe(false);
  });
});

import { bpmnFixture, chain, conditionalFlow } from '@lienthong/bpmn/testing';
import type { DossierDto, PageDto, TaskDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

const LINEAR = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="receive" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <userTask id="check" name="Kiểm tra" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer">
     <extensionElements><lt:form><lt:formField id="ok" label="Đạt" type="boolean" required="true"/></lt:form></extensionElements>
   </userTask>
   <exclusiveGateway id="gw" default="fNo"/>
   <serviceTask id="tax" lt:unit="DTP-THUE-1" lt:topic="tax-assessment"/>
   <boundaryEvent id="taxError" attachedToRef="tax"><errorEventDefinition errorRef="E"/></boundaryEvent>
   <receiveTask id="pay" messageRef="M"/>
   <endEvent id="done"/><endEvent id="refused"/><endEvent id="taxFailed"/>
   ${chain('s', 'receive', 'check', 'gw')}
   ${conditionalFlow('fYes', 'gw', 'tax', 'ok')}
   <sequenceFlow id="fNo" sourceRef="gw" targetRef="refused"/>
   ${chain('tax', 'pay', 'done')}${chain('taxError', 'taxFailed')}`,
  {
    id: 'thu-nghiem',
    name: 'Thủ tục thử nghiệm',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d"',
    extra: '<error id="E" errorCode="TAX_DOWN"/><message id="M" name="payment-confirmed"/>',
  },
);

describe('engine API against PostgreSQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function count(table: string): Promise<number> {
    const rows = (await t.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>;
    return rows[0]?.n ?? 0;
  }

  async function deployAndPublish(xml: string): Promise<{ key: string; version: number }> {
    const deployed = await t.api.post<{ key: string; version: number }>('/definitions', xml);
    expect(deployed.status).toBe(201);
    const published = await t.api.post(
      `/definitions/${deployed.body.key}/versions/${deployed.body.version}/publish`,
    );
    expect(published.status).toBe(200);
    return deployed.body;
  }

  async function start(applicant = 'Phạm Thị Dung'): Promise<DossierDto> {
    const res = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: 'thu-nghiem',
      applicant: { name: applicant },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function taskAt(dossierId: string, nodeId: string): Promise<TaskDto> {
    const [user, external] = await Promise.all([
      t.api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossierId}&status=active`),
      t.api.get<PageDto<TaskDto>>(`/external-tasks?dossierId=${dossierId}`),
    ]);
    const task = [...user.body.items, ...external.body.items].find((x) => x.nodeId === nodeId);
    if (!task) throw new Error(`no active task at ${nodeId}`);
    return task;
  }

  describe('definitions', () => {
    it('deploys drafts, dedupes identical XML, versions changed XML and publishes one version at a time', async () => {
      // given
      const v1 = await t.api.post<{ key: string; version: number; status: string; created: boolean }>(
        '/definitions',
        LINEAR,
      );
      expect(v1.status).toBe(201);
      expect(v1.body).toMatchObject({ key: 'thu-nghiem', version: 1, status: 'draft', created: true });

      // when the same XML comes again, and then a changed one
      const same = await t.api.post('/definitions', LINEAR);
      const v2 = await t.api.post(
        '/definitions',
        LINEAR.replace('Thủ tục thử nghiệm', 'Thủ tục thử nghiệm (sửa đổi)'),
      );

      // then
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ version: 1, created: false });
      expect(v2.status).toBe(201);
      expect(v2.body).toMatchObject({ version: 2, status: 'draft' });
      const notYet = await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'thu-nghiem',
        applicant: { name: 'A' },
      });
      expect(notYet.status).toBe(409);

      await t.api.post('/definitions/thu-nghiem/versions/1/publish');
      await t.api.post('/definitions/thu-nghiem/versions/2/publish');
      const list = await t.api.get<PageDto<{ version: number; status: string }>>(
        '/definitions?key=thu-nghiem&limit=1',
      );
      expect(list.body.items).toEqual([expect.objectContaining({ version: 1, status: 'retired' })]);
      const page2 = await t.api.get<PageDto<{ version: number; status: string }>>(
        `/definitions?key=thu-nghiem&limit=1&cursor=${list.body.nextCursor}`,
      );
      expect(page2.body.items).toEqual([expect.objectContaining({ version: 2, status: 'published' })]);
      expect(page2.body.nextCursor).toBeNull();

      const one = await t.api.get<{ xml: string }>('/definitions/thu-nghiem/versions/1');
      expect(one.body.xml).toBe(LINEAR);
    });

    it('refuses bad input with problem+json and writes nothing', async () => {
      const before = await count('definitions');
      const cases: Array<[string, unknown, Record<string, string> | undefined, number]> = [
        ['malformed XML', '<definitions><process', undefined, 400],
        [
          'a DOCTYPE with an external entity',
          '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
          undefined,
          400,
        ],
        ['JSON instead of XML', { xml: '<definitions/>' }, undefined, 415],
        [
          'BPMN that fails validation',
          bpmnFixture('<startEvent id="s"/><userTask id="t"/>' + chain('s', 't')),
          undefined,
          422,
        ],
      ];
      for (const [what, body, headers, status] of cases) {
        const res = await t.api.post('/definitions', body, headers);
        expect({ what, status: res.status, type: res.contentType }).toEqual({
          what,
          status,
          type: expect.stringContaining('application/problem+json'),
        });
      }
      const invalid = await t.api.post<{ errors: Array<{ elementId: string; code: string }> }>(
        '/definitions',
        bpmnFixture('<startEvent id="s"/><userTask id="t"/>' + chain('s', 't')),
      );
      expect(invalid.body.errors).toEqual([
        expect.objectContaining({ elementId: 't', code: 'unit-missing' }),
      ]);
      expect((await t.api.get('/definitions/none/versions/1')).status).toBe(404);
      expect((await t.api.post('/definitions/thu-nghiem/versions/99/publish')).status).toBe(404);
      expect(await count('definitions')).toBe(before);
    });
  });

  describe('dossiers and tasks', () => {
    it('gives official codes from a daily sequence per unit, without duplicates under concurrency', async () => {
      const created = await Promise.all(Array.from({ length: 12 }, (_, i) => start(`Người nộp ${i}`)));
      const codes = created.map((d) => d.code);
      expect(new Set(codes).size).toBe(12);
      for (const code of codes) expect(code).toMatch(/^000\.00\.02\.H20-\d{6}-\d{4}$/);
      const numbers = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
      expect(numbers.at(-1)! - numbers[0]!).toBe(11);
    });

    it('runs a dossier through user tasks, an external task and a message to its end', async () => {
      // given
      const dossier = await start();
      expect(dossier.activeSteps).toEqual([
        expect.objectContaining({ nodeId: 'receive', waitingFor: 'task', unit: 'DTP-TTHCC' }),
      ]);

      // when
      const receive = await taskAt(dossier.id, 'receive');
      expect((await t.api.post(`/tasks/${receive.id}/complete`, {})).status).toBe(200);
      const check = await taskAt(dossier.id, 'check');
      const missing = await t.api.post<{ errors: Array<{ path: string }> }>(`/tasks/${check.id}/complete`, {
        variables: {},
      });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'variables.ok' })]);
      expect((await t.api.post(`/tasks/${check.id}/complete`, { variables: { ok: true } })).status).toBe(200);
      const tax = await taskAt(dossier.id, 'tax');
      expect(tax).toMatchObject({ kind: 'external', topic: 'tax-assessment', unit: 'DTP-THUE-1' });
      expect((await t.api.post(`/tasks/${tax.id}/complete`, {})).status).toBe(404);
      expect(
        (await t.api.post(`/external-tasks/${tax.id}/complete`, { variables: { amount: 10 } })).status,
      ).toBe(200);
      const msg = await t.api.post('/messages', {
        name: 'payment-confirmed',
        dossierCode: dossier.code,
        variables: { paid: true },
      });

      // then
      expect(msg.status).toBe(200);
      const done = await t.api.get<DossierDto>(`/dossiers/${dossier.code}`);
      expect(done.body).toMatchObject({
        status: 'completed',
        activeSteps: [],
        variables: { ok: true, amount: 10, paid: true },
      });
      const history = await t.api.get<PageDto<{ type: string }>>(`/dossiers/${dossier.id}/history?limit=2`);
      expect(history.body.items.map((h) => h.type)).toEqual(['instance.started', 'node.entered']);
      expect(history.body.nextCursor).not.toBeNull();
    });

    it('gives one success and one 409 when two officers complete the same task at once', async () => {
      const dossier = await start();
      const receive = await taskAt(dossier.id, 'receive');
      const results = await Promise.all([
        t.api.post(`/tasks/${receive.id}/complete`, {}),
        t.api.post(`/tasks/${receive.id}/complete`, {}),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const tasks = await t.api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossier.id}`);
      expect(tasks.body.items.map((x) => [x.nodeId, x.status])).toEqual([
        ['receive', 'completed'],
        ['check', 'active'],
      ]);
    });

    it('routes a BPMN error from an agency system to the error boundary event', async () => {
      const dossier = await start();
      await t.api.post(`/tasks/${(await taskAt(dossier.id, 'receive')).id}/complete`, {});
      await t.api.post(`/tasks/${(await taskAt(dossier.id, 'check')).id}/complete`, {
        variables: { ok: true },
      });
      const tax = await taskAt(dossier.id, 'tax');
      const uncaught = await t.api.post(`/external-tasks/${tax.id}/bpmn-error`, { errorCode: 'OTHER' });
      expect(uncaught.status).toBe(422);
      const caught = await t.api.post(`/external-tasks/${tax.id}/bpmn-error`, {
        errorCode: 'TAX_DOWN',
        errorMessage: 'Hệ thống thuế bảo trì',
      });
      expect(caught.status).toBe(200);
      expect((await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body).toMatchObject({
        status: 'completed',
        result: { endEventId: 'taxFailed' },
      });
    });

    it('cancels a dossier and its open steps', async () => {
      const dossier = await start();
      const res = await t.api.post<DossierDto>(`/dossiers/${dossier.id}/cancel`, {
        reason: 'Công dân rút hồ sơ',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'cancelled',
        activeSteps: [],
        result: { reason: 'Công dân rút hồ sơ' },
      });
      const tasks = await t.api.get<PageDto<TaskDto>>(`/tasks?dossierId=${dossier.id}`);
      expect(tasks.body.items.map((x) => x.status)).toEqual(['cancelled']);
    });

    it('answers unknown ids, wrong states and bad bodies with 4xx problems, changing nothing', async () => {
      const dossier = await start();
      const before = {
        tasks: await count('tasks'),
        history: await count('history_events'),
        dossiers: await count('dossiers'),
      };
      const unknown = '00000000-0000-4000-8000-000000000000';
      const checks: Array<[string, Promise<{ status: number; contentType: string | null }>, number]> = [
        ['unknown dossier', t.api.get(`/dossiers/${unknown}`), 404],
        ['unknown dossier code', t.api.get('/dossiers/000.00.02.H20-990101-9999'), 404],
        ['unknown task', t.api.post(`/tasks/${unknown}/complete`, {}), 404],
        ['task id not a uuid', t.api.post('/tasks/abc/complete', {}), 404],
        [
          'variables not an object',
          t.api.post(`/tasks/${dossier.activeSteps[0]?.taskId}/complete`, { variables: [1, 2] }),
          400,
        ],
        [
          'unknown field',
          t.api.post(`/tasks/${dossier.activeSteps[0]?.taskId}/complete`, { variables: {}, extra: 1 }),
          400,
        ],
        ['missing applicant', t.api.post('/dossiers', { definitionKey: 'thu-nghiem' }), 400],
        [
          'unknown procedure',
          t.api.post('/dossiers', { definitionKey: 'khong-co', applicant: { name: 'A' } }),
          404,
        ],
        [
          'unknown receiving unit',
          t.api.post('/dossiers', {
            definitionKey: 'thu-nghiem',
            applicant: { name: 'A' },
            receivingUnit: 'NOPE',
          }),
          422,
        ],
        [
          'message no step of the procedure waits for',
          t.api.post('/messages', { name: 'khong-ai-cho', dossierId: dossier.id }),
          422,
        ],
        ['message without a dossier', t.api.post('/messages', { name: 'payment-confirmed' }), 422],
        [
          'oversized body',
          t.api.post('/dossiers', {
            definitionKey: 'thu-nghiem',
            applicant: { name: 'A' },
            variables: { blob: 'x'.repeat(2_000_000) },
          }),
          413,
        ],
      ];
      for (const [what, promise, status] of checks) {
        const res = await promise;
        expect({
          what,
          status: res.status,
          problem: res.contentType?.includes('application/problem+json'),
        }).toEqual({ what, status, problem: true });
      }
      expect({
        tasks: await count('tasks'),
        history: await count('history_events'),
        dossiers: await count('dossiers'),
      }).toEqual(before);
    });

    it('applies a retried POST with the same Idempotency-Key once, answering the first result again', async () => {
      const before = await count('dossiers');
      const key = { 'Idempotency-Key': 'nhan-ho-so-0001' };
      const body = { definitionKey: 'thu-nghiem', applicant: { name: 'Huỳnh Văn Hai' } };
      const first = await t.api.post<DossierDto>('/dossiers', body, key);
      const retry = await t.api.post<DossierDto>('/dossiers', body, key);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body.code).toBe(first.body.code);
      expect(await count('dossiers')).toBe(before + 1);
      const taskId = first.body.activeSteps[0]?.taskId;
      const done = await t.api.post(`/tasks/${taskId}/complete`, {}, { 'Idempotency-Key': 'xong-buoc-1' });
      const again = await t.api.post(`/tasks/${taskId}/complete`, {}, { 'Idempotency-Key': 'xong-buoc-1' });
      expect([done.status, again.status]).toEqual([200, 200]);
      const other = await t.api.post('/dossiers', { ...body, applicant: { name: 'Khác' } }, key);
      expect(other.status).toBe(409);
    });

    it('keeps history append-only', async () => {
      await expect(t.query(`UPDATE history SET actor = 'x'`)).rejects.toThrow(/append-only/);
      await expect(t.query(`DELETE FROM history`)).rejects.toThrow(/append-only/);
      await expect(t.query(`TRUNCATE history`)).rejects.toThrow(/append-only/);
    });
  });

  describe('call activities', () => {
    it('runs a called procedure as a child dossier and maps its result back', async () => {
      // given a tax sub-procedure and a parent that calls it
      await deployAndPublish(
        bpmnFixture(
          `<startEvent id="s"/><serviceTask id="assess" lt:unit="DTP-THUE-1" lt:topic="tax-assessment"/><endEvent id="e"/>${chain('s', 'assess', 'e')}`,
          { id: 'nghia-vu-tai-chinh', attrs: 'lt:receivingUnit="DTP-THUE-1"' },
        ),
      );
      await deployAndPublish(
        bpmnFixture(
          `<startEvent id="s"/>
           <callActivity id="taxCall" calledElement="nghia-vu-tai-chinh">
             <extensionElements><lt:in source="=parcel.area" target="area"/><lt:out source="=amount" target="taxAmount"/></extensionElements>
           </callActivity>
           <userTask id="after" lt:unit="DTP-VPDK-CL"/>${chain('s', 'taxCall', 'after')}`,
          { id: 'goi-thue', attrs: 'lt:receivingUnit="DTP-TTHCC"' },
        ),
      );

      // when
      const parent = (
        await t.api.post<DossierDto>('/dossiers', {
          definitionKey: 'goi-thue',
          applicant: { name: 'A' },
          variables: { parcel: { area: 80 } },
        })
      ).body;
      expect(parent.activeSteps).toEqual([
        expect.objectContaining({ nodeId: 'taxCall', waitingFor: 'callActivity' }),
      ]);
      // the tax office, which receives the child dossier, lists it
      const children = await t
        .as('DTP-THUE-1', ['officer'])
        .get<PageDto<DossierDto>>('/dossiers?definitionKey=nghia-vu-tai-chinh');
      const child = children.body.items.find((d) => d.parentId === parent.id);
      expect(child).toBeDefined();
      const childDetail = await t.api.get<DossierDto>(`/dossiers/${child!.id}`);
      expect(childDetail.body.variables).toEqual({ area: 80 });
      const assess = await taskAt(child!.id, 'assess');
      await t.api.post(`/external-tasks/${assess.id}/complete`, { variables: { amount: 4200000 } });

      // then the child ended and the parent moved on with the mapped result
      expect((await t.api.get<DossierDto>(`/dossiers/${child!.id}`)).body.status).toBe('completed');
      const after = await t.api.get<DossierDto>(`/dossiers/${parent.id}`);
      expect(after.body.activeSteps).toEqual([
        expect.objectContaining({ nodeId: 'after', waitingFor: 'task' }),
      ]);
      expect(after.body.variables).toEqual({ parcel: { area: 80 }, taxAmount: 4200000 });
    });
  });
});

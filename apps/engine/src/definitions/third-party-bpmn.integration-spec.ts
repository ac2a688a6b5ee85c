import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

const OT = 'xmlns:ot="https://vendor.example/ot" xmlns:lt=';
const body = (unit = 'lt:unit="DTP-VPDK-CL"') =>
  `<startEvent id="s"/><userTask id="t_kiem_tra" ${unit}/><endEvent id="e"/>${chain('s', 't_kiem_tra', 'e')}`;

interface Problem {
  status: number;
  type: string;
  code?: string;
  errors?: Array<{ elementId: string | null; code: string; message: string; messageVi: string }>;
}

describe('deploying BPMN as other modelling tools write it, and hostile bodies', () => {
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
  const found = (problem: Problem) => (problem.errors ?? []).map((e) => `${e.code}@${e.elementId}`);

  it.each(['ISO-8859-1', 'windows-1252'])('deploys a file declaring encoding="%s"', async (encoding) => {
    // given a plain ASCII file whose declaration names a single-byte encoding
    const key = `khai-bao-${encoding.toLowerCase()}`;
    const xml = bpmnFixture(body(), { id: key }).replace('encoding="UTF-8"', `encoding="${encoding}"`);

    // when
    const res = await t.api.post<{ key: string; warnings: unknown[] }>('/definitions', xml);

    // then
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key, warnings: [] });
  });

  it('deploys a file with foreign extension elements, warns about the ones it does not read and serves them back', async () => {
    // given a vendor's element in extensionElements, one beside the steps and documentation in an extension
    const xml = bpmnFixture(
      body().replace(
        '<userTask id="t_kiem_tra" lt:unit="DTP-VPDK-CL"/>',
        `<userTask id="t_kiem_tra" lt:unit="DTP-VPDK-CL"><extensionElements><ot:schemaObjectDescription ot:kind="form"/></extensionElements></userTask><ot:note id="n1"/>`,
      ),
      {
        id: 'ngoai-vi',
        extra: '<extension mustUnderstand="false"><documentation>Vendor notes</documentation></extension>',
      },
    ).replace('xmlns:lt=', OT);

    // when
    const res = await t.api.post<{ version: number; warnings: Array<{ code: string; elementId: string }> }>(
      '/definitions',
      xml,
    );
    const served = await t.api.get<{ xml: string }>(`/definitions/ngoai-vi/versions/${res.body.version}`);

    // then
    expect(res.status).toBe(201);
    expect(res.body.warnings.map((w) => `${w.code}@${w.elementId}`)).toEqual([
      'foreign-extension@defs_ngoai-vi',
      'foreign-extension@n1',
    ]);
    expect(served.body.xml).toBe(xml);
    expect(served.body.xml).toContain('<ot:schemaObjectDescription ot:kind="form"/>');
  });

  it('refuses hostile and unexecutable files with every problem named, and writes nothing', async () => {
    const before = await count('definitions');
    const deep = bpmnFixture(
      body().replace(
        '<userTask id="t_kiem_tra" lt:unit="DTP-VPDK-CL"/>',
        `<userTask id="t_kiem_tra" lt:unit="DTP-VPDK-CL"><extensionElements>${'<ot:a>'.repeat(10_000)}${'</ot:a>'.repeat(10_000)}</extensionElements></userTask>`,
      ),
      { id: 'sau' },
    ).replace('xmlns:lt=', OT);
    const cases: Array<[string, string, number, string, string[]]> = [
      [
        'several processes, none executable',
        bpmnFixture(body(''), {
          id: 'pool_a',
          extra: `<process id="pool_b"><startEvent id="s2"/><serviceTask id="svc" lt:unit="U"/>${chain('s2', 'svc')}</process>`,
        }).replace('isExecutable="true"', 'isExecutable="false"'),
        422,
        'bpmn-invalid',
        ['process-count@pool_b', 'process-count@pool_a', 'topic-missing@svc', 'unit-missing@t_kiem_tra'],
      ],
      ['10,000 nested extension elements', deep, 400, 'bpmn-unreadable', ['nesting-too-deep@t_kiem_tra']],
      [
        'NUL characters and lone surrogates',
        bpmnFixture(
          body().replace(
            '<endEvent id="e"/>',
            '<endEvent id="e" name="a\u0000b"/><task id="x" name="&#xD800;"/>',
          ),
          { id: 'ky-tu', attrs: 'name="x&#0;"' },
        ),
        400,
        'bpmn-unreadable',
        ['invalid-character@ky-tu', 'invalid-character@e', 'invalid-character@x'],
      ],
    ];
    for (const [what, xml, status, slug, errors] of cases) {
      const res = await t.api.post<Problem>('/definitions', xml);
      expect({ what, status: res.status, code: res.body.code, errors: found(res.body) }).toEqual({
        what,
        status,
        code: slug,
        errors,
      });
    }
    expect(await count('definitions')).toBe(before);
  });

  it('refuses JSON text PostgreSQL cannot store with 400 naming each JSON pointer, before anything is written', async () => {
    // given
    const before = await count('dossiers');

    // when a NUL in a value and a lone surrogate in a key and a value
    const res = await t.api.post<{ type: string; errors: Array<{ path: string }> }>('/dossiers', {
      definitionKey: 'tach-thua-dat',
      applicant: { name: 'Nguyễn\u0000Văn An' },
      variables: { ['k\uD800']: 'v', note: 'x\uDC00' },
    });

    // then
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://lienthong.vn/problems/unstorable-text');
    expect(res.body.errors.map((e) => e.path)).toEqual([
      '/applicant/name',
      '/variables/k\uD800',
      '/variables/note',
    ]);
    expect(await count('dossiers')).toBe(before);
  });

  it('refuses path and query parameters with a NUL character with 400 naming them', async () => {
    // when
    const query = await t.api.get<{ type: string; errors: Array<{ path: string }> }>(
      '/definitions?key=a%00b',
    );
    const path = await t.api.get<{ type: string; errors: Array<{ path: string }> }>(
      '/definitions/a%00b/versions/1',
    );

    // then
    expect([query.status, query.body.type, query.body.errors.map((e) => e.path)]).toEqual([
      400,
      'https://lienthong.vn/problems/unstorable-text',
      ['query/key'],
    ]);
    expect([path.status, path.body.errors.map((e) => e.path)]).toEqual([400, ['params/key']]);
  });
});

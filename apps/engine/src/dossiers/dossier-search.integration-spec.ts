import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, DossierSummaryDto, PageDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(120_000);

const KEY = 'tim-ho-so-thu-nghiem';
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiepNhan" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <endEvent id="e"/>
   ${chain('s', 'tiepNhan', 'e')}`,
  {
    id: KEY,
    name: 'Thủ tục thử nghiệm tìm hồ sơ',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="3d"',
  },
);

/** The desk's list of dossiers searched by part of their code, and applicants that are organisations. */
describe('dossiers: search by code, applicant kind', () => {
  let t: TestApp;
  const codes: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    const deployed = await t.api.post<{ version: number }>('/definitions', PROCEDURE);
    expect(deployed.status).toBe(201);
    expect((await t.api.post(`/definitions/${KEY}/versions/${deployed.body.version}/publish`)).status).toBe(
      200,
    );
    for (const name of ['Nguyễn Văn An', 'Công ty TNHH Mỹ Thọ', 'Trần Thị Bình']) {
      const received = await t.api.post<DossierDto>('/dossiers', {
        definitionKey: KEY,
        applicant: name.startsWith('Công ty')
          ? { kind: 'organisation', name, idNumber: '1401234567' }
          : { kind: 'person', name },
      });
      expect(received.status).toBe(201);
      codes.push(received.body.code);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = async (code: string) => {
    // the receiving desk's list
    const res = await t
      .as('DTP-TTHCC', ['reception'])
      .get<PageDto<DossierSummaryDto>>(`/dossiers?definitionKey=${KEY}&code=${encodeURIComponent(code)}`);
    expect(res.status).toBe(200);
    return res.body.items.map((d) => d.code);
  };

  it('finds dossiers by any part of their code, in any case, newest first', async () => {
    // the daily sequence: one dossier
    expect(await search(codes[1]!.slice(-4))).toEqual([codes[1]]);
    // the unit and the day, in lower case: all three
    expect(await search(codes[0]!.slice(0, -5).toLowerCase())).toEqual([...codes].reverse());
    // the whole code
    expect(await search(codes[2]!)).toEqual([codes[2]]);
  });

  it('takes the search text literally (% and _ match only themselves)', async () => {
    expect(await search('')).toEqual([...codes].reverse());
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('keeps whether the applicant is a person or an organisation, and refuses other kinds', async () => {
    const organisation = await t.api.get<DossierDto>(`/dossiers/${codes[1]}`);
    expect(organisation.body.applicant).toEqual({
      kind: 'organisation',
      name: 'Công ty TNHH Mỹ Thọ',
      idNumber: '1401234567',
    });
    const refused = await t.api.post<{ errors: Array<{ path: string }> }>('/dossiers', {
      definitionKey: KEY,
      applicant: { kind: 'robot', name: 'X' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e) => e.path)).toContain('applicant.kind');
  });
});

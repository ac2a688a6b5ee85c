import { createServer, type Server } from 'node:http';
import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, PageDto, TaskDto } from '@lienthong/contracts';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

/**
 * The organisation tree changes under running dossiers: units are added, renamed, retired and merged,
 * and a dossier keeps the unit that actually held each step.
 */
describe('units: the organisation tree under running dossiers', () => {
  let t: TestApp;
  const admin = () => t.as('DTP-VP', ['admin']);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the demo province as a tree, retired district included on request', async () => {
    const all = await t
      .as('DTP-TTHCC', ['reception'])
      .get<Array<{ code: string; parentCode: string | null; active: boolean }>>('/units');
    const current = await t
      .as('DTP-TTHCC', ['reception'])
      .get<Array<{ code: string }>>('/units?includeRetired=false');

    expect(all.status).toBe(200);
    expect(all.body[0]).toMatchObject({ code: 'DTP', parentCode: null, active: true });
    expect(all.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'HCL-VPDK', parentCode: 'DTP-VPDK', active: false }),
      ]),
    );
    expect(current.body.map((u) => u.code)).not.toContain('HCL-VPDK');
    expect(current.body.map((u) => u.code)).toContain('DTP-VPDK-CL');
  });

  it('adds, renames and retires units, refusing cycles, unknown parents and duplicates with 4xx problems', async () => {
    // when
    const created = await admin().post('/units', {
      code: 'XBT-VP',
      eIdentifier: '000.33.41.H20',
      name: 'Văn phòng HĐND và UBND xã Bình Thạnh',
      level: 'division',
      parentCode: 'XBT',
    });
    const renamed = await admin().patch('/units/XBT-VP', {
      name: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Bình Thạnh',
    });
    const retired = await admin().patch('/units/XBT-VP', { validTo: '2026-01-01' });
    const refusals = await Promise.all([
      admin().post('/units', { code: 'XBT-VP', eIdentifier: 'x', name: 'x', level: 'division' }),
      admin().post('/units', {
        code: 'XBT-X',
        eIdentifier: 'x',
        name: 'x',
        level: 'division',
        parentCode: 'KHONG-CO',
      }),
      admin().patch('/units/DTP', { parentCode: 'XMT' }),
      admin().post('/units', { code: 'thuong', eIdentifier: 'x', name: 'x', level: 'division' }),
      admin().patch('/units/KHONG-CO', { name: 'x' }),
      t
        .as('XBT', ['leader'])
        .post('/units', { code: 'XBT-Y', eIdentifier: 'x', name: 'x', level: 'division' }),
    ]);

    // then
    expect(created.status).toBe(201);
    expect(renamed.body).toMatchObject({
      name: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Bình Thạnh',
      active: true,
    });
    expect(retired.body).toMatchObject({ validTo: '2026-01-01', active: false });
    expect(refusals.map((r) => r.status)).toEqual([409, 422, 422, 400, 404, 403]);
    for (const r of refusals) expect(r.contentType).toContain('application/problem+json');
    expect(await t.query(`SELECT parent_code FROM units WHERE code = 'DTP'`)).toEqual([
      { parent_code: null },
    ]);
  });

  it('merges a unit: open steps and people move, finished steps keep their unit, new steps go to the successor', async () => {
    // given a procedure whose two steps name the unit about to be merged
    await t.api.post(
      '/definitions',
      bpmnFixture(
        `<startEvent id="s"/>
         <userTask id="buoc1" name="Thẩm định hồ sơ" lt:unit="DTP-CU" lt:candidateRole="officer"/>
         <userTask id="buoc2" name="Trình ký" lt:unit="DTP-CU" lt:candidateRole="officer"/>
         <endEvent id="e"/>${chain('s', 'buoc1', 'buoc2', 'e')}`,
        { id: 'sap-nhap', attrs: 'lt:receivingUnit="DTP-TTHCC"' },
      ),
    );
    await t.api.post('/definitions/sap-nhap/versions/1/publish');
    await admin().post('/units', {
      code: 'DTP-CU',
      eIdentifier: '000.90.01.H20',
      name: 'Phòng cũ',
      level: 'division',
      parentCode: 'DTP',
    });
    await admin().post('/units', {
      code: 'DTP-MOI',
      eIdentifier: '000.90.02.H20',
      name: 'Phòng mới',
      level: 'division',
      parentCode: 'DTP',
    });
    const oldOfficer = t.as('DTP-CU', ['officer']);
    const first = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'sap-nhap',
        applicant: { name: 'Đỗ Minh Khoa' },
      })
    ).body;
    const second = (
      await t.api.post<DossierDto>('/dossiers', {
        definitionKey: 'sap-nhap',
        applicant: { name: 'Hà Thị Yến' },
      })
    ).body;
    const firstStep = (await oldOfficer.get<PageDto<TaskDto>>(`/tasks?dossierId=${first.id}`)).body.items[0]!;
    await oldOfficer.post(`/tasks/${firstStep.id}/complete`, {});

    // when the unit is merged
    const merged = await admin().post<{
      unit: { mergedInto: string; active: boolean };
      movedTasks: number;
      movedUsers: number;
    }>('/units/DTP-CU/merge', { into: 'DTP-MOI' });

    // then its open steps (dossier 1 at step 2, dossier 2 at step 1) and its people moved
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      unit: { mergedInto: 'DTP-MOI', active: false },
      movedTasks: 2,
      movedUsers: 1,
    });
    expect((await oldOfficer.get('/tasks')).status).toBe(401); // the moved person signs in again
    const newOfficer = t.as('DTP-MOI', ['officer']);
    const inbox = (await newOfficer.get<PageDto<TaskDto>>('/tasks?status=active')).body.items;
    expect(inbox.map((x) => [x.dossierId, x.nodeId, x.unit]).sort()).toEqual(
      [
        [first.id, 'buoc2', 'DTP-MOI'],
        [second.id, 'buoc1', 'DTP-MOI'],
      ].sort(),
    );
    // a step the BPMN still addresses to the merged unit goes to the successor
    const done = await newOfficer.post(
      `/tasks/${inbox.find((x) => x.dossierId === second.id)!.id}/complete`,
      {},
    );
    expect(done.body).toMatchObject({ status: 'completed' });
    const next = (await newOfficer.get<PageDto<TaskDto>>(`/tasks?dossierId=${second.id}&status=active`)).body
      .items;
    expect(next.map((x) => [x.nodeId, x.unit])).toEqual([['buoc2', 'DTP-MOI']]);
    // and the finished step of dossier 1 still records the unit that held it
    const sheet = await t.api.get<{ steps: Array<{ nodeId: string; unit: string }> }>(
      `/dossiers/${first.id}/control-sheet`,
    );
    expect(sheet.body.steps.map((s) => [s.nodeId, s.unit])).toEqual([
      ['buoc1', 'DTP-CU'],
      ['buoc2', 'DTP-MOI'],
    ]);
    expect((await admin().post('/units/DTP-CU/merge', { into: 'DTP-MOI' })).status).toBe(409);
  });
});

/** An existing identity provider (the province's Keycloak) signs the tokens; people keep their rights here. */
describe('OpenID Connect sign-in', () => {
  let t: TestApp;
  let jwks: Server;
  let sign: (claims: Record<string, unknown>, audience?: string) => Promise<string>;
  const issuer = 'http://127.0.0.1/realms/dong-thap';

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as { port: number }).port;
    sign = (claims, audience = 'lienthong-api') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    t = await startTestApp({
      config: {
        oidcIssuer: issuer,
        oidcJwksUrl: `http://127.0.0.1:${port}/certs`,
        oidcAudience: 'lienthong-api',
      },
    });
    await t.api.post('/users', {
      username: 'cv.sso',
      displayName: 'Cán bộ SSO',
      unitCode: 'DTP-VPDK-CL',
      roles: ['officer'],
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => jwks?.close(r));
  });

  it("accepts the provider's tokens for a known account, with that account's unit and roles", async () => {
    const token = await sign({ preferred_username: 'CV.SSO', sub: 'kc-123' });
    const me = await t.anonymous.get('/auth/me', { authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      kind: 'user',
      name: 'cv.sso',
      unit: { code: 'DTP-VPDK-CL' },
      roles: ['officer'],
    });
  });

  it('refuses tokens for another audience, unknown accounts, and forged signatures', async () => {
    const otherAudience = await sign({ preferred_username: 'cv.sso' }, 'another-app');
    const unknown = await sign({ preferred_username: 'nguoi.la' });
    const forged = `${(await sign({ preferred_username: 'cv.sso' })).slice(0, -8)}AAAAAAAA`;
    const answers = await Promise.all(
      [otherAudience, unknown, forged].map((token) =>
        t.anonymous.get('/auth/me', { authorization: `Bearer ${token}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    expect(answers[1]?.body).toMatchObject({ code: 'UNKNOWN_USER' });
  });
});

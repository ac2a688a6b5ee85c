import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto, DossierSummaryDto, PageDto, TaskDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

// The authorization matrix of "People, units and rights" (see Authz): role x unit x action, through the real
// sign-in, the real HTTP API and the real PostgreSQL. Every refusal is a problem+json and changes nothing.

jest.setTimeout(120_000);

type Json = Record<string, unknown>;
type Client = ReturnType<TestApp['as']>;
type Res = Awaited<ReturnType<Client['request']>>;

const KEY = 'phan-quyen-thu-nghiem';

/** Receiving desk, land registry review (with a form), tax office system, payment message, signature. */
const PROCEDURE = bpmnFixture(
  `<startEvent id="s" name="Tổ chức, cá nhân nộp hồ sơ"/>
   <userTask id="tiepNhan" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <userTask id="thamDinh" name="Kiểm tra hồ sơ, điều kiện tách thửa" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer">
     <extensionElements><lt:form><lt:formField id="dat" label="Đủ điều kiện" type="boolean" required="true"/></lt:form></extensionElements>
   </userTask>
   <serviceTask id="thue" name="Xác định nghĩa vụ tài chính" lt:unit="DTP-THUE-1" lt:topic="tax-assessment"/>
   <receiveTask id="nopTien" name="Chờ xác nhận nộp tiền" messageRef="M" lt:unit="DTP-VPDK-CL"/>
   <userTask id="ky" name="Ký cấp Giấy chứng nhận" lt:unit="DTP-VPDK-CL" lt:candidateRole="leader"/>
   <endEvent id="e" name="Trả kết quả"/>
   ${chain('s', 'tiepNhan', 'thamDinh', 'thue', 'nopTien', 'ky', 'e')}`,
  {
    id: KEY,
    name: 'Thủ tục thử nghiệm phân quyền',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="10d"',
    extra: '<message id="M" name="payment-confirmed"/>',
  },
);

const STEPS = ['tiepNhan', 'thamDinh', 'thue', 'nopTien', 'ky'] as const;
type Step = (typeof STEPS)[number];

interface Fixture {
  readonly id: string;
  readonly code: string;
  /** The active task of the step the dossier waits at (none at the receive task). */
  readonly task: string;
}

/** Who calls: a signed-in test user of a unit with roles, or an API key of a unit. */
interface Who {
  readonly unit: string;
  readonly roles?: readonly string[];
  readonly key?: { roles?: string[]; topics?: string[]; messageNames?: string[] };
}
const user = (unit: string, ...roles: string[]): Who => ({ unit, roles });
const apiKey = (unit: string, key: NonNullable<Who['key']> = {}): Who => ({ unit, key });
/** The test user's name (see TestPrincipals.username). */
const username = (w: Who): string => `t.${w.unit}.${[...(w.roles ?? [])].sort().join('+')}`.toLowerCase();

const RECEPTION = user('DTP-TTHCC', 'reception');
const TTHCC_OFFICER = user('DTP-TTHCC', 'officer');
const TTHCC_LEADER = user('DTP-TTHCC', 'leader');
const LAND_OFFICER = user('DTP-VPDK-CL', 'officer');
const LAND_LEADER = user('DTP-VPDK-CL', 'leader');
const LAND_RECEPTION = user('DTP-VPDK-CL', 'reception');
const TAX_OFFICER = user('DTP-THUE-1', 'officer');
const TAX_LEADER = user('DTP-THUE-1', 'leader');
const COMMUNE_RECEPTION = user('XMT-TTHCC', 'reception');
const COMMUNE_LEADER = user('XMT-TTHCC', 'leader');
const ADMIN = user('DTP-VP', 'admin');
const DESIGNER = user('DTP-VP', 'designer');
const PUBLISHER = user('DTP-VP', 'publisher');
const BACK_OFFICE = user('DTP-VP', 'admin', 'designer', 'publisher');

const UNKNOWN_ID = '3f1c2a9e-5b7d-4e21-9c3a-0d6f8b2e4a17';
const PROBLEM = 'application/problem+json';

describe('authorization: people, units and rights', () => {
  let t: TestApp;
  /** A dossier waiting at the land registry's review, for the calls that need real ids. */
  let shared: Fixture;

  beforeAll(async () => {
    // No background jobs: nothing but the calls of the spec changes the database.
    t = await startTestApp({ config: { jobsEnabled: false } });
    const deployed = await t.api.post<{ key: string; version: number }>('/definitions', PROCEDURE);
    expect(deployed.status).toBe(201);
    const published = await t.api.post(`/definitions/${KEY}/versions/${deployed.body.version}/publish`);
    expect(published.status).toBe(200);
    shared = await dossierAt('thamDinh', 'Phạm Thị Dung');
  });
  afterAll(async () => {
    await t?.close();
  });

  function as(who: Who): Client {
    return who.key ? t.withKey(who.unit, who.key) : t.as(who.unit, who.roles ?? []);
  }

  async function activeTask(dossierId: string, nodeId: Step): Promise<string> {
    const rows = (await t.query(
      `SELECT id FROM tasks WHERE dossier_id = $1 AND node_id = $2 AND status = 'active'`,
      [dossierId, nodeId],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? '';
  }

  /** A dossier received by the desk and moved on (by the units' own members) until it waits at `step`. */
  async function dossierAt(step: Step, applicant = 'Nguyễn Văn An'): Promise<Fixture> {
    const received = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: KEY,
      applicant: { name: applicant },
    });
    expect(received.status).toBe(201);
    const { id, code } = received.body;
    for (const done of STEPS.slice(0, STEPS.indexOf(step))) {
      const task = await activeTask(id, done);
      const res =
        done === 'nopTien'
          ? await t.api.post('/messages', { name: 'payment-confirmed', dossierId: id })
          : done === 'thue'
            ? await t.api.post(`/external-tasks/${task}/complete`, { variables: { soTienThue: 1_500_000 } })
            : await t.api.post(`/tasks/${task}/complete`, {
                variables: done === 'thamDinh' ? { dat: true } : {},
              });
      expect({ done, status: res.status }).toEqual({ done, status: 200 });
    }
    return { id, code, task: await activeTask(id, step) };
  }

  /** What a refused call must not have changed. */
  async function fingerprint(): Promise<Json> {
    const q = (sql: string) => t.query(sql);
    return {
      dossiers: await q(`SELECT id, status, revision, clock FROM dossiers ORDER BY id`),
      tasks: await q(`SELECT id, status, assignee, completed_by FROM tasks ORDER BY id`),
      definitions: await q(`SELECT key, version, status FROM definitions ORDER BY key, version`),
      units: await q(`SELECT code, name, parent_code FROM units ORDER BY code`),
      // Test principals are made on demand (user names t.*, keys created by 'test'): not what is checked.
      users: await q(
        `SELECT username, unit_code, active FROM users WHERE username NOT LIKE 't.%' ORDER BY username`,
      ),
      apiKeys: await q(`SELECT prefix, revoked_at FROM api_keys WHERE created_by <> 'test' ORDER BY prefix`),
      counts: await q(
        `SELECT (SELECT count(*)::int FROM history_events) AS history, (SELECT count(*)::int FROM deadline_events) AS deadline,
                (SELECT count(*)::int FROM calendar_decisions) AS decisions, (SELECT count(*)::int FROM calendar_changes) AS changes`,
      ),
    };
  }

  /** A refusal: the status, an application/problem+json body and, when given, its `code`. */
  function expectProblem(res: Res, status: number, code?: string): void {
    const body = (res.body ?? {}) as Json;
    expect({
      status: res.status,
      contentType: res.contentType,
      problemStatus: body['status'],
      ...(code === undefined ? {} : { code: body['code'] }),
    }).toEqual({
      status,
      contentType: expect.stringContaining(PROBLEM),
      problemStatus: status,
      ...(code === undefined ? {} : { code }),
    });
  }

  /** Runs a call that must be refused and checks that the database did not change. */
  async function refused(call: () => Promise<Res>, status: number, code?: string): Promise<Res> {
    const before = await fingerprint();
    const res = await call();
    expectProblem(res, status, code);
    expect(await fingerprint()).toEqual(before);
    return res;
  }

  async function taskRow(id: string): Promise<Json> {
    const rows = (await t.query(`SELECT status, assignee, completed_by FROM tasks WHERE id = $1`, [
      id,
    ])) as Json[];
    return rows[0] ?? {};
  }

  describe('sign-in', () => {
    const PROTECTED: Array<[string, string, string, unknown]> = [
      ['receive a dossier', 'POST', '/dossiers', { definitionKey: KEY, applicant: { name: 'Lê Văn Tám' } }],
      ['list dossiers', 'GET', '/dossiers', undefined],
      ['read a dossier', 'GET', '/dossiers/:dossier', undefined],
      ['read its history', 'GET', '/dossiers/:dossier/history', undefined],
      ['cancel a dossier', 'POST', '/dossiers/:dossier/cancel', { reason: 'Công dân rút hồ sơ' }],
      ['pause its clock', 'POST', '/dossiers/:dossier/pause', { reason: 'Chờ thẩm định' }],
      ['read its control sheet', 'GET', '/dossiers/:dossier/control-sheet', undefined],
      ['list the inbox', 'GET', '/tasks', undefined],
      ['read a task', 'GET', '/tasks/:task', undefined],
      ['complete a task', 'POST', '/tasks/:task/complete', { variables: { dat: true } }],
      ['claim a task', 'POST', '/tasks/:task/claim', {}],
      ['assign a task', 'POST', '/tasks/:task/assign', { username: 't.dtp-vpdk-cl.officer' }],
      ['list external tasks', 'GET', '/external-tasks', undefined],
      ['complete an external task', 'POST', `/external-tasks/${UNKNOWN_ID}/complete`, {}],
      ['send a message', 'POST', '/messages', { name: 'payment-confirmed', dossierId: ':dossier' }],
      ['list definitions', 'GET', '/definitions', undefined],
      ['deploy a definition', 'POST', '/definitions', PROCEDURE.replace('phân quyền', 'ẩn danh')],
      ['publish a definition', 'POST', `/definitions/${KEY}/versions/1/publish`, {}],
      ['read the holidays', 'GET', '/calendar/holidays?year=2026', undefined],
      ['replace the decisions of a year', 'PUT', '/calendar/decisions/2030', { decisions: [] }],
      ['list units', 'GET', '/units', undefined],
      [
        'create a unit',
        'POST',
        '/units',
        { code: 'DTP-AN-DANH', eIdentifier: '000.99.98.H20', name: 'Đơn vị ẩn danh', level: 'division' },
      ],
      ['list users', 'GET', '/users', undefined],
      [
        'create a user',
        'POST',
        '/users',
        {
          username: 'an.danh',
          displayName: 'Ẩn Danh',
          unitCode: 'DTP-VP',
          roles: ['admin'],
          password: 'mat-khau-123',
        },
      ],
      ['list API keys', 'GET', '/api-keys', undefined],
      ['create an API key', 'POST', '/api-keys', { name: 'Hệ thống lạ', unitCode: 'DTP-THUE-1' }],
      ['read the audit log', 'GET', '/audit', undefined],
      ['who am I', 'GET', '/auth/me', undefined],
    ];
    const fill = (value: unknown): unknown =>
      typeof value === 'string'
        ? value.replace(':dossier', shared.id).replace(':task', shared.task)
        : value !== null && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
          : value;

    it.each(PROTECTED)(
      'without credentials, "%s" (%s %s) is 401 and changes nothing',
      async (_what, method, path, body) => {
        // given no credentials; when
        const res = await refused(
          () => t.anonymous.request(method, fill(path) as string, fill(body)),
          401,
          'UNAUTHENTICATED',
        );
        // then the client is told how to sign in
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      },
    );

    it('with bad credentials every call is 401 and changes nothing', async () => {
      // given a real access token whose claims were changed (to make its holder an admin and reception)
      const real = await t.principals.user('DTP-TTHCC', ['officer']);
      const [header, payload, signature] = real.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Json;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin', 'reception'] })).toString('base64url')}.${signature}`;
      const CREDENTIALS: Array<[string, Record<string, string>, string]> = [
        ['a token that is no JWT', { authorization: 'Bearer khong-phai-token' }, 'BAD_TOKEN'],
        ['a JWT whose claims were changed', { authorization: `Bearer ${forged}` }, 'BAD_TOKEN'],
        ['a JWT cut short', { authorization: `Bearer ${header}.${payload}` }, 'BAD_TOKEN'],
        ['another scheme', { authorization: 'Basic dGhvbmd0aW46bWF0a2hhdQ==' }, 'UNAUTHENTICATED'],
        ['a bearer without a credential', { authorization: 'Bearer ' }, 'UNAUTHENTICATED'],
        ['a malformed API key', { authorization: 'Bearer lt_123_abc' }, 'BAD_API_KEY'],
        ['a malformed X-API-Key', { 'x-api-key': 'lt_zzzzzzzz_ngan' }, 'BAD_API_KEY'],
        ['a well-formed unknown API key', { 'x-api-key': `lt_0123abcd_${'A'.repeat(43)}` }, 'BAD_API_KEY'],
        ['an X-API-Key that is no key', { 'x-api-key': 'mat-khau' }, 'BAD_TOKEN'],
      ];
      for (const [what, headers, code] of CREDENTIALS) {
        for (const [method, path, body] of [
          ['GET', `/dossiers/${shared.id}`, undefined],
          ['POST', '/dossiers', { definitionKey: KEY, applicant: { name: 'Lê Văn Tám' } }],
          ['POST', `/tasks/${shared.task}/complete`, { variables: { dat: true } }],
        ] as const) {
          const res = await refused(() => t.anonymous.request(method, path, body, headers), 401);
          expect({ what, path, code: (res.body as Json)['code'] }).toEqual({ what, path, code });
        }
      }
    });

    it('a signed-out session is 401 at once', async () => {
      // given a person who signs out
      const token = await t.principals.user('XMT-TTHCC', ['designer']);
      const auth = { authorization: `Bearer ${token}` };
      expect((await t.anonymous.get('/auth/me', auth)).status).toBe(200);
      expect((await t.anonymous.post('/auth/logout', {}, auth)).status).toBe(204);

      // when the token is used again; then
      expectProblem(await t.anonymous.get('/auth/me', auth), 401, 'SESSION_REVOKED');
    });

    it('health is public', async () => {
      const res = await t.anonymous.get('/health');
      expect(res.status).toBe(200);
    });
  });

  describe('definitions', () => {
    const DRAFT_KEY = 'phan-quyen-ban-nhap';
    const DRAFT = PROCEDURE.replaceAll(KEY, DRAFT_KEY).replace('Thủ tục thử nghiệm phân quyền', 'Bản nháp');

    beforeAll(async () => {
      expect((await t.api.post('/definitions', DRAFT)).status).toBe(201);
    });

    async function statusOf(key: string, version = 1): Promise<unknown> {
      const rows = (await t.query(`SELECT status FROM definitions WHERE key = $1 AND version = $2`, [
        key,
        version,
      ])) as Json[];
      return rows[0]?.['status'];
    }

    it.each([
      ['an officer', LAND_OFFICER],
      ['reception', RECEPTION],
      ['a leader', TTHCC_LEADER],
      ['a publisher who is no designer', PUBLISHER],
      ['an admin who is no designer', ADMIN],
      [
        'an API key with every role it may hold',
        apiKey('DTP-VP', { roles: ['reception', 'officer', 'leader'] }),
      ],
    ])('deploying by %s is 403 and stores nothing', async (_who, who) => {
      const xml = PROCEDURE.replaceAll(KEY, 'phan-quyen-trai-phep');
      await refused(() => as(who).post('/definitions', xml), 403, 'ROLE_REQUIRED');
    });

    it('deploying by a designer stores a draft', async () => {
      const res = await as(DESIGNER).post('/definitions', PROCEDURE.replaceAll(KEY, 'phan-quyen-thiet-ke'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ key: 'phan-quyen-thiet-ke', version: 1, status: 'draft' });
    });

    it.each([
      ['a designer', DESIGNER],
      ['an admin', ADMIN],
      ['an officer', LAND_OFFICER],
      ['a leader', TTHCC_LEADER],
      ['an API key', apiKey('DTP-VP', { roles: ['reception', 'officer', 'leader'] })],
    ])('publishing by %s is 403 and the version stays a draft', async (_who, who) => {
      await refused(() => as(who).post(`/definitions/${DRAFT_KEY}/versions/1/publish`), 403, 'ROLE_REQUIRED');
      expect(await statusOf(DRAFT_KEY)).toBe('draft');
    });

    it('publishing by the publisher of the office of the People’s Committee is 200', async () => {
      const res = await as(PUBLISHER).post(`/definitions/${DRAFT_KEY}/versions/1/publish`);
      expect(res.status).toBe(200);
      expect(await statusOf(DRAFT_KEY)).toBe('published');
    });

    it.each([
      ['an officer of a commune', user('XMT-TTHCC', 'officer')],
      ['reception', RECEPTION],
      ['a leader of the tax office', TAX_LEADER],
      ['an admin', ADMIN],
      ['an API key of the tax office', apiKey('DTP-THUE-1')],
    ])('listing and reading definitions is open to %s', async (_who, who) => {
      const list = await as(who).get<PageDto<{ key: string; status: string }>>(`/definitions?key=${KEY}`);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([expect.objectContaining({ key: KEY, status: 'published' })]);
      expect((await as(who).get(`/definitions/${KEY}/versions/1`)).status).toBe(200);
    });
  });

  describe('dossiers', () => {
    let atReview: Fixture;
    let atTax: Fixture;
    const receive = { definitionKey: KEY, applicant: { name: 'Trần Thị Bích' } };

    beforeAll(async () => {
      atReview = await dossierAt('thamDinh', 'Hoàng Văn Đức');
      atTax = await dossierAt('thue', 'Đặng Thị Hồng');
    });

    it.each([
      ['an officer of the receiving unit', TTHCC_OFFICER, 'ROLE_REQUIRED'],
      ['a leader of the receiving unit', TTHCC_LEADER, 'ROLE_REQUIRED'],
      ['reception of another one-stop centre (XMT-TTHCC)', COMMUNE_RECEPTION, 'OTHER_UNIT'],
      ['reception of the land registry', LAND_RECEPTION, 'OTHER_UNIT'],
      ['an admin, designer and publisher', BACK_OFFICE, 'ROLE_REQUIRED'],
      [
        'an API key of the receiving unit without reception',
        apiKey('DTP-TTHCC', { roles: ['officer'] }),
        'ROLE_REQUIRED',
      ],
      [
        'an API key of another unit with reception',
        apiKey('XMT-TTHCC', { roles: ['reception'] }),
        'OTHER_UNIT',
      ],
    ])('receiving by %s is 403 and makes no dossier', async (_who, who, code) => {
      await refused(() => as(who).post('/dossiers', receive), 403, code);
    });

    it.each([
      ['reception of the receiving unit', RECEPTION],
      [
        'an API key of the receiving unit with the role reception',
        apiKey('DTP-TTHCC', { roles: ['reception'] }),
      ],
    ])('receiving by %s is 201', async (_who, who) => {
      const before = (await t.query(`SELECT count(*)::int AS n FROM dossiers`)) as Array<{ n: number }>;
      const res = await as(who).post<DossierDto>('/dossiers', receive);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ receivingUnit: 'DTP-TTHCC', status: 'active' });
      const after = (await t.query(`SELECT count(*)::int AS n FROM dossiers`)) as Array<{ n: number }>;
      expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 1);
    });

    const reads = (f: Fixture) => [`/dossiers/${f.id}`, `/dossiers/${f.code}`, `/dossiers/${f.id}/history`];

    it.each([
      ['reception of the receiving unit', 'at review', RECEPTION],
      ['an officer of the receiving unit', 'at review', TTHCC_OFFICER],
      ['the land registry, which holds its review step', 'at review', LAND_OFFICER],
      ['an API key of the land registry, which holds its review step', 'at review', apiKey('DTP-VPDK-CL')],
      ['the land registry, which held its review step', 'at tax', LAND_RECEPTION],
      ['the tax office, which holds its tax step', 'at tax', TAX_OFFICER],
    ] as const)('%s reads the dossier (%s) by id, by code and its history', async (_who, which, who) => {
      const f = which === 'at review' ? atReview : atTax;
      for (const path of reads(f)) {
        const res = await as(who).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });

    it.each([
      ['the tax office, before the dossier reaches it', TAX_OFFICER],
      ['an API key of the tax office', apiKey('DTP-THUE-1')],
      ['another one-stop centre', COMMUNE_RECEPTION],
      ['the back office (admin, designer, publisher)', BACK_OFFICE],
    ])('%s gets 404 for the dossier, exactly as for one that does not exist', async (_who, who) => {
      const client = as(who);
      const unknown = await client.get(`/dossiers/${UNKNOWN_ID}`);
      expectProblem(unknown, 404);
      const shape = (r: Res) => {
        const { type, title, status, resource } = r.body as Json;
        return { type, title, status, resource };
      };
      for (const path of reads(atReview)) {
        const res = await client.get(path);
        expectProblem(res, 404);
        expect({ path, ...shape(res) }).toEqual({ path, ...shape(unknown) });
        expect(JSON.stringify(res.body)).not.toContain('Hoàng Văn Đức');
      }
    });

    it('lists only the dossiers the caller may see; a filter does not widen it', async () => {
      const ids = async (who: Who, filter = '') => {
        const res = await as(who).get<PageDto<DossierSummaryDto>>(
          `/dossiers?definitionKey=${KEY}&limit=200${filter}`,
        );
        expect(res.status).toBe(200);
        return res.body.items.map((d) => d.id);
      };
      const both = [atReview.id, atTax.id];
      expect(await ids(RECEPTION)).toEqual(expect.arrayContaining(both));
      expect(await ids(LAND_OFFICER)).toEqual(expect.arrayContaining(both));
      const tax = await ids(TAX_OFFICER);
      expect(tax).toContain(atTax.id);
      expect(tax).not.toContain(atReview.id);
      expect(await ids(COMMUNE_RECEPTION)).toEqual([]);
      expect(await ids(COMMUNE_RECEPTION, '&receivingUnit=DTP-TTHCC')).toEqual([]);
      expect(await ids(BACK_OFFICE)).toEqual([]);
    });

    describe('cancelling', () => {
      let toCancel: Fixture;

      beforeAll(async () => {
        toCancel = await dossierAt('thamDinh', 'Bùi Thị Lan');
      });

      it.each([
        ['an officer of the receiving unit', 403, TTHCC_OFFICER, 'ROLE_REQUIRED'],
        [
          'an API key of the receiving unit without reception',
          403,
          apiKey('DTP-TTHCC', { roles: ['officer'] }),
          'ROLE_REQUIRED',
        ],
        ['the land registry officer holding its step', 403, LAND_OFFICER, 'ROLE_REQUIRED'],
        ['the land registry leader', 403, LAND_LEADER, 'ROLE_REQUIRED'],
        ['reception of another one-stop centre', 404, COMMUNE_RECEPTION, undefined],
      ] as const)('by %s is refused (%s) and the dossier goes on', async (_who, status, who, code) => {
        await refused(
          () => as(who).post(`/dossiers/${toCancel.id}/cancel`, { reason: 'Công dân rút hồ sơ' }),
          status,
          code,
        );
        expect(await taskRow(toCancel.task)).toMatchObject({ status: 'active' });
      });

      it.each([
        ['reception of the receiving unit', RECEPTION, 'the dossier refused above'],
        ['a leader of the receiving unit', TTHCC_LEADER, 'another dossier'],
      ] as const)('by %s is 200 and cancels its open steps', async (_who, who, which) => {
        const f = which === 'another dossier' ? await dossierAt('thamDinh', 'Vũ Văn Khoa') : toCancel;
        const res = await as(who).post<DossierDto>(`/dossiers/${f.id}/cancel`, {
          reason: 'Công dân rút hồ sơ',
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'cancelled', activeSteps: [] });
        expect(await taskRow(f.task)).toMatchObject({ status: 'cancelled' });
      });
    });
  });

  describe('tasks', () => {
    let review: Fixture;
    let signing: Fixture;

    beforeAll(async () => {
      review = await dossierAt('thamDinh', 'Lý Thị Mai');
      signing = await dossierAt('ky', 'Đỗ Văn Nam');
    });

    const inbox = async (who: Who, query: string): Promise<string[]> => {
      const res = await as(who).get<PageDto<TaskDto>>(`/tasks?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((x) => `${x.nodeId}:${x.status}`);
    };

    it.each([
      ['an officer of the land registry', LAND_OFFICER, ['thamDinh:active'], ['thamDinh:completed']],
      [
        'a leader of the land registry',
        LAND_LEADER,
        ['thamDinh:active'],
        ['thamDinh:completed', 'ky:active'],
      ],
      [
        'an API key of the land registry',
        apiKey('DTP-VPDK-CL'),
        ['thamDinh:active'],
        ['thamDinh:completed', 'ky:active'],
      ],
      ['reception of the land registry', LAND_RECEPTION, [], []],
      ['reception of the one-stop centre', RECEPTION, [], ['tiepNhan:completed']],
      ['an officer of the one-stop centre', TTHCC_OFFICER, [], []],
      ['a leader of the one-stop centre', TTHCC_LEADER, [], ['tiepNhan:completed']],
      ['an officer of the tax office', TAX_OFFICER, [], []],
      ['a leader of the tax office', TAX_LEADER, [], []],
      ['a leader of a commune centre', COMMUNE_LEADER, [], []],
    ])('the inbox of %s shows its unit’s steps for its roles', async (_who, who, atReview, atSigning) => {
      expect(await inbox(who, `dossierId=${review.id}&status=active`)).toEqual(atReview);
      expect(await inbox(who, `dossierId=${signing.id}`)).toEqual(atSigning);
      // and nothing of another unit, whatever the filter asks
      const all = await as(who).get<PageDto<TaskDto>>('/tasks?status=active&limit=200');
      expect(all.body.items.filter((x) => x.unit !== who.unit)).toEqual([]);
      expect(await inbox(who, `dossierId=${review.id}&unit=DTP-VPDK-CL&status=active`)).toEqual(
        who.unit === 'DTP-VPDK-CL' ? atReview : [],
      );
    });

    it.each([
      ['an officer of the land registry', 200, LAND_OFFICER],
      ['a leader of the land registry', 200, LAND_LEADER],
      ['reception of the land registry (same unit, another role)', 404, LAND_RECEPTION],
      ['an officer of the tax office', 404, TAX_OFFICER],
      ['a leader of the one-stop centre that received the dossier', 404, TTHCC_LEADER],
    ] as const)('reading the review step by %s is %s', async (_who, status, who) => {
      const res = await as(who).get<TaskDto>(`/tasks/${review.task}`);
      if (status === 200) expect(res.status).toBe(200);
      else expectProblem(res, status);
    });

    describe('completing', () => {
      let step: Fixture;

      beforeAll(async () => {
        step = await dossierAt('thamDinh', 'Ngô Thị Oanh');
      });

      it.each([
        ['reception of the land registry (right unit, wrong role)', 403, LAND_RECEPTION, 'ROLE_REQUIRED'],
        ['an officer of the tax office (another unit)', 404, TAX_OFFICER, undefined],
        ['reception of the one-stop centre that received it', 404, RECEPTION, undefined],
        ['a leader of the one-stop centre', 404, TTHCC_LEADER, undefined],
        ['an API key of the tax office', 404, apiKey('DTP-THUE-1'), undefined],
      ] as const)(
        'the review step by %s is refused (%s) and stays active',
        async (_who, status, who, code) => {
          await refused(
            () => as(who).post(`/tasks/${step.task}/complete`, { variables: { dat: true } }),
            status,
            code,
          );
          expect(await taskRow(step.task)).toEqual({ status: 'active', assignee: null, completed_by: null });
        },
      );

      it('records a refusal in the audit log as denied', async () => {
        const rows = await t.query(
          `SELECT actor_id, status, outcome FROM audit_log WHERE action = 'task.complete' AND target_id = $1 AND status = 403`,
          [step.task],
        );
        expect(rows).toEqual([{ actor_id: username(LAND_RECEPTION), status: 403, outcome: 'denied' }]);
      });

      it('the review step by an officer of the land registry is 200', async () => {
        const res = await as(LAND_OFFICER).post<TaskDto>(`/tasks/${step.task}/complete`, {
          variables: { dat: true },
        });
        expect(res.status).toBe(200);
        expect(await taskRow(step.task)).toMatchObject({
          status: 'completed',
          completed_by: username(LAND_OFFICER),
        });
        expect(await activeTask(step.id, 'thue')).not.toBe('');
      });

      it('the leader’s signature: an officer is 403, the leader 200', async () => {
        await refused(
          () => as(LAND_OFFICER).post(`/tasks/${signing.task}/complete`, {}),
          403,
          'ROLE_REQUIRED',
        );
        expect(await taskRow(signing.task)).toMatchObject({ status: 'active' });
        const res = await as(LAND_LEADER).post(`/tasks/${signing.task}/complete`, {});
        expect(res.status).toBe(200);
        expect((await as(RECEPTION).get<DossierDto>(`/dossiers/${signing.id}`)).body).toMatchObject({
          status: 'completed',
        });
      });
    });

    describe('claiming and assigning', () => {
      const officerB = { username: 'cv.binh.vpdk', password: 'mat-khau-binh-123' };
      let asB: { post: (path: string, body?: unknown) => Promise<Res> };

      beforeAll(async () => {
        // given a second officer of the land registry, created by an admin, signed in
        const created = await as(ADMIN).post('/users', {
          ...officerB,
          displayName: 'Trần Thị Bình',
          unitCode: 'DTP-VPDK-CL',
          roles: ['officer'],
        });
        expect(created.status).toBe(201);
        const login = await t.anonymous.post<{ accessToken: string }>('/auth/login', officerB);
        expect(login.status).toBe(200);
        const auth = { authorization: `Bearer ${login.body.accessToken}` };
        asB = { post: (path, body) => t.anonymous.post(path, body, auth) };
        // and a person of the tax office
        expect((await as(TAX_OFFICER).get('/auth/me')).status).toBe(200);
      });

      it('a step claimed by officer A is refused to officer B (403) and completed by A (200)', async () => {
        // given
        const f = await dossierAt('thamDinh', 'Phan Văn Phúc');
        const claim = await as(LAND_OFFICER).post<TaskDto>(`/tasks/${f.task}/claim`);
        expect(claim.status).toBe(200);
        expect(claim.body.assignee).toBe(username(LAND_OFFICER));

        // when officer B claims, completes or gives it back
        await refused(() => asB.post(`/tasks/${f.task}/claim`), 403, 'ASSIGNED_TO_OTHER');
        await refused(
          () => asB.post(`/tasks/${f.task}/complete`, { variables: { dat: true } }),
          403,
          'ASSIGNED_TO_OTHER',
        );
        await refused(() => asB.post(`/tasks/${f.task}/unclaim`), 403, 'ROLE_REQUIRED');

        // then the step is still A's, and A completes it
        expect(await taskRow(f.task)).toEqual({
          status: 'active',
          assignee: username(LAND_OFFICER),
          completed_by: null,
        });
        const done = await as(LAND_OFFICER).post(`/tasks/${f.task}/complete`, { variables: { dat: true } });
        expect(done.status).toBe(200);
        expect(await taskRow(f.task)).toMatchObject({
          status: 'completed',
          completed_by: username(LAND_OFFICER),
        });
      });

      describe('assigning', () => {
        let f: Fixture;
        const assign = (who: Who, to: string) =>
          as(who).post<TaskDto>(`/tasks/${f.task}/assign`, { username: to });

        beforeAll(async () => {
          f = await dossierAt('thamDinh', 'Tạ Thị Quyên');
        });

        it.each([
          ['an officer of the unit', 403, LAND_OFFICER, officerB.username, 'ROLE_REQUIRED'],
          [
            'an API key of the unit with the role leader',
            403,
            apiKey('DTP-VPDK-CL', { roles: ['leader'] }),
            officerB.username,
            'ROLE_REQUIRED',
          ],
          ['a leader of another unit', 404, TAX_LEADER, username(TAX_OFFICER), undefined],
          [
            'the leader, to a person of another unit',
            422,
            LAND_LEADER,
            username(TAX_OFFICER),
            'assignee-not-in-unit',
          ],
          ['the leader, to nobody known', 422, LAND_LEADER, 'khong.co.nguoi.nay', 'assignee-not-in-unit'],
        ] as const)(
          'by %s is refused (%s) and the step stays unassigned',
          async (_who, status, who, to, code) => {
            await refused(() => assign(who, to), status, code);
            expect(await taskRow(f.task)).toEqual({ status: 'active', assignee: null, completed_by: null });
          },
        );

        it('by the leader to a member of the unit is 200; then only that member completes the step', async () => {
          // when
          const ok = await assign(LAND_LEADER, officerB.username);

          // then
          expect(ok.status).toBe(200);
          expect(ok.body.assignee).toBe(officerB.username);
          await refused(
            () => as(LAND_OFFICER).post(`/tasks/${f.task}/complete`, { variables: { dat: false } }),
            403,
            'ASSIGNED_TO_OTHER',
          );
          const done = await asB.post(`/tasks/${f.task}/complete`, { variables: { dat: true } });
          expect(done.status).toBe(200);
          expect(await taskRow(f.task)).toMatchObject({
            status: 'completed',
            completed_by: officerB.username,
          });
        });
      });
    });
  });

  describe('external tasks', () => {
    let tax: Fixture;

    beforeAll(async () => {
      tax = await dossierAt('thue', 'Cao Văn Sơn');
    });

    it.each([
      ['an officer of the tax office (a person, not its system)', 403, TAX_OFFICER, 'NOT_A_WORKER'],
      ['a leader of the tax office', 403, TAX_LEADER, 'NOT_A_WORKER'],
      ['an officer of the land registry', 404, LAND_OFFICER, undefined],
      ['an API key of the land registry (another unit)', 404, apiKey('DTP-VPDK-CL'), undefined],
      ['an API key of the one-stop centre', 404, apiKey('DTP-TTHCC'), undefined],
      [
        'an API key of the tax office limited to another topic',
        403,
        apiKey('DTP-THUE-1', { topics: ['land-valuation'] }),
        'TOPIC_NOT_ALLOWED',
      ],
    ] as const)(
      'completing or failing the tax step by %s is refused (%s)',
      async (_who, status, who, code) => {
        await refused(
          () => as(who).post(`/external-tasks/${tax.task}/complete`, { variables: { soTienThue: 0 } }),
          status,
          code,
        );
        await refused(
          () => as(who).post(`/external-tasks/${tax.task}/bpmn-error`, { errorCode: 'TAX_DOWN' }),
          status,
          code,
        );
        expect(await taskRow(tax.task)).toMatchObject({ status: 'active', completed_by: null });
      },
    );

    it('is not a user task: completing it through /tasks is 404', async () => {
      await refused(() => as(TAX_LEADER).post(`/tasks/${tax.task}/complete`, {}), 404);
    });

    it('the system of the tax office lists only its unit’s and topic’s tasks', async () => {
      const list = async (who: Who) =>
        (await as(who).get<PageDto<TaskDto>>(`/external-tasks?dossierId=${tax.id}`)).body.items.map(
          (x) => x.nodeId,
        );
      expect(await list(apiKey('DTP-THUE-1', { topics: ['tax-assessment'] }))).toEqual(['thue']);
      expect(await list(apiKey('DTP-THUE-1', { topics: ['land-valuation'] }))).toEqual([]);
      expect(await list(apiKey('DTP-VPDK-CL'))).toEqual([]);
      expect((await as(TAX_LEADER).get(`/external-tasks/${tax.task}`)).status).toBe(200);
      expectProblem(await as(LAND_LEADER).get(`/external-tasks/${tax.task}`), 404);
    });

    it('completing by an API key of the tax office for its topic is 200', async () => {
      const key = apiKey('DTP-THUE-1', { topics: ['tax-assessment'] });
      const res = await as(key).post(`/external-tasks/${tax.task}/complete`, {
        variables: { soTienThue: 2_000_000 },
      });
      expect(res.status).toBe(200);
      expect(await taskRow(tax.task)).toMatchObject({ status: 'completed' });
    });
  });

  describe('messages', () => {
    let waiting: Fixture;
    const send = (who: Who, name = 'payment-confirmed') =>
      as(who).post('/messages', { name, dossierCode: waiting.code, variables: { daNopTien: true } });

    beforeAll(async () => {
      waiting = await dossierAt('nopTien', 'Mai Thị Thu');
    });

    it.each([
      [
        'an API key of the land registry limited to other messages',
        403,
        apiKey('DTP-VPDK-CL', { messageNames: ['supplement-received'] }),
        'MESSAGE_NOT_ALLOWED',
      ],
      ['an API key of an unrelated unit', 404, apiKey('XMT-TTHCC'), undefined],
      ['a leader of an unrelated unit', 404, COMMUNE_LEADER, undefined],
      ['an API key of the tax office, whose step is over', 403, apiKey('DTP-THUE-1'), 'OTHER_UNIT'],
    ] as const)(
      'payment-confirmed from %s is refused (%s) and the dossier still waits',
      async (_who, status, who, code) => {
        await refused(() => send(who), status, code);
        const dossier = await as(RECEPTION).get<DossierDto>(`/dossiers/${waiting.id}`);
        expect(dossier.body.activeSteps).toEqual([
          expect.objectContaining({ nodeId: 'nopTien', waitingFor: 'message' }),
        ]);
      },
    );

    it('payment-confirmed from the system of the unit named on the waiting step is 200', async () => {
      const res = await send(apiKey('DTP-VPDK-CL', { messageNames: ['payment-confirmed'] }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dossierId: waiting.id, correlated: true });
      expect(await activeTask(waiting.id, 'ky')).not.toBe('');
    });
  });

  describe('deadlines', () => {
    let review: Fixture;
    let taxed: Fixture;
    const clockOf = async (f: Fixture) =>
      ((await t.query(`SELECT clock FROM dossiers WHERE id = $1`, [f.id])) as Json[])[0]?.['clock'];

    beforeAll(async () => {
      review = await dossierAt('thamDinh', 'Quách Văn Tài');
      taxed = await dossierAt('thue', 'Lâm Thị Uyên');
    });

    it.each([
      ['an officer of the tax office (unrelated)', 404, TAX_OFFICER, 'review', undefined],
      ['reception of another one-stop centre', 404, COMMUNE_RECEPTION, 'review', undefined],
      ['the back office', 404, BACK_OFFICE, 'review', undefined],
      ['the land registry, which held a step but holds none open', 403, LAND_OFFICER, 'taxed', 'OTHER_UNIT'],
    ] as const)(
      'pausing by %s is refused (%s) and the clock runs on',
      async (_who, status, who, which, code) => {
        const f = which === 'review' ? review : taxed;
        await refused(
          () => as(who).post(`/dossiers/${f.id}/pause`, { reason: 'Chờ kết quả thẩm định của Sở Xây dựng' }),
          status,
          code,
        );
        expect(await clockOf(f)).toBe('running');
      },
    );

    it('the receiving unit pauses and resumes; an unrelated unit may not resume', async () => {
      // given
      const paused = await as(RECEPTION).post<DossierDto>(`/dossiers/${review.id}/pause`, {
        reason: 'Chờ kết quả thẩm định của Sở Xây dựng',
      });
      expect(paused.status).toBe(200);
      expect(paused.body.clock).toBe('paused');

      // when
      await refused(
        () => as(TAX_OFFICER).post(`/dossiers/${review.id}/resume`, { reason: 'Đã có kết quả' }),
        404,
      );
      expect(await clockOf(review)).toBe('paused');

      // then
      const resumed = await as(RECEPTION).post<DossierDto>(`/dossiers/${review.id}/resume`, {
        reason: 'Đã nhận kết quả thẩm định',
      });
      expect(resumed.status).toBe(200);
      expect(resumed.body.clock).toBe('running');
    });

    it('the unit holding the open step pauses and resumes too', async () => {
      const pause = await as(LAND_OFFICER).post(`/dossiers/${review.id}/pause`, {
        reason: 'Niêm yết công khai',
      });
      expect(pause.status).toBe(200);
      const resume = await as(LAND_OFFICER).post(`/dossiers/${review.id}/resume`, {
        reason: 'Đã hết thời gian niêm yết',
      });
      expect(resume.status).toBe(200);
      expect(await clockOf(review)).toBe('running');
    });

    it.each([
      ['reception of the receiving unit', 200, RECEPTION],
      ['the land registry, which holds its step', 200, LAND_OFFICER],
      ['an API key of the land registry', 200, apiKey('DTP-VPDK-CL')],
      ['the tax office, not yet involved', 404, TAX_OFFICER],
      ['another one-stop centre', 404, COMMUNE_RECEPTION],
      ['the back office', 404, BACK_OFFICE],
    ] as const)('the control sheet and deadline events for %s: %s', async (_who, status, who) => {
      for (const path of [`/dossiers/${review.id}/control-sheet`, `/dossiers/${review.id}/deadline-events`]) {
        const res = await as(who).get(path);
        if (status === 200) expect({ path, status: res.status }).toEqual({ path, status });
        else expectProblem(res, status);
      }
    });
  });

  describe('administration', () => {
    const NON_ADMINS: Array<[string, Who]> = [
      ['a leader of the office of the People’s Committee', user('DTP-VP', 'leader')],
      ['a designer and publisher', user('DTP-VP', 'designer', 'publisher')],
      ['an officer', LAND_OFFICER],
      ['reception', RECEPTION],
      [
        'an API key with every role it may hold',
        apiKey('DTP-VP', { roles: ['reception', 'officer', 'leader'] }),
      ],
    ];
    const ADMIN_CALLS: Array<[string, string, string, unknown, number]> = [
      [
        'PUT /calendar/decisions/2030',
        'PUT',
        '/calendar/decisions/2030',
        { decisions: [], reason: 'Kiểm thử phân quyền' },
        200,
      ],
      [
        'POST /units',
        'POST',
        '/units',
        {
          code: 'DTP-PQ',
          eIdentifier: '000.99.01.H20',
          name: 'Phòng thử nghiệm phân quyền',
          level: 'division',
          parentCode: 'DTP',
        },
        201,
      ],
      [
        'POST /users',
        'POST',
        '/users',
        {
          username: 'cv.cuong.vpdk',
          displayName: 'Lê Văn Cường',
          unitCode: 'DTP-VPDK-CL',
          roles: ['officer'],
          password: 'mat-khau-cuong-123',
        },
        201,
      ],
      [
        'POST /api-keys',
        'POST',
        '/api-keys',
        { name: 'Hệ thống thuế - Thuế cơ sở 1', unitCode: 'DTP-THUE-1', topics: ['tax-assessment'] },
        201,
      ],
      ['GET /api-keys', 'GET', '/api-keys', undefined, 200],
      ['GET /audit', 'GET', '/audit', undefined, 200],
    ];
    const refusals = ADMIN_CALLS.flatMap(([call, method, path, body]) =>
      NON_ADMINS.map(([who, w]) => [call, who, method, path, body, w] as const),
    );

    it.each(refusals)('%s by %s is 403 and changes nothing', async (_call, _who, method, path, body, who) => {
      await refused(() => as(who).request(method, path, body), 403, 'ROLE_REQUIRED');
    });

    it.each(ADMIN_CALLS)('%s by an admin is allowed', async (_call, method, path, body, status) => {
      const res = await as(ADMIN).request(method, path, body);
      expect(res.status).toBe(status);
    });

    it('an API key made by an admin works, and stops at once when revoked', async () => {
      // given
      const made = await as(ADMIN).post<{ id: string; key: string }>('/api-keys', {
        name: 'Hệ thống một cửa xã Mỹ Thọ',
        unitCode: 'XMT-TTHCC',
        roles: ['reception'],
      });
      expect(made.status).toBe(201);
      const headers = { 'x-api-key': made.body.key };
      expect((await t.anonymous.get('/auth/me', headers)).body).toMatchObject({
        kind: 'api_key',
        unit: { code: 'XMT-TTHCC' },
      });

      // when
      expect((await as(ADMIN).post(`/api-keys/${made.body.id}/revoke`)).status).toBe(200);

      // then
      expectProblem(await t.anonymous.get('/auth/me', headers), 401, 'API_KEY_REVOKED');
    });

    it('a leader lists the people of their own unit only; others may not list people', async () => {
      // given people in the land registry and the tax office
      for (const w of [LAND_OFFICER, TAX_OFFICER]) expect((await as(w).get('/auth/me')).status).toBe(200);
      type Users = PageDto<{ id: string; username: string; unitCode: string }>;

      // when / then
      const own = await as(LAND_LEADER).get<Users>('/users?limit=200');
      expect(own.status).toBe(200);
      expect(own.body.items.map((u) => u.username)).toContain(username(LAND_OFFICER));
      expect(own.body.items.filter((u) => u.unitCode !== 'DTP-VPDK-CL')).toEqual([]);
      const other = await as(LAND_LEADER).get<Users>('/users?unit=DTP-THUE-1');
      expect(other.status).toBe(200);
      expect(other.body.items).toEqual([]);

      const all = await as(ADMIN).get<Users>('/users?limit=200');
      const taxOfficer = all.body.items.find((u) => u.username === username(TAX_OFFICER));
      expect(taxOfficer).toBeDefined();
      expectProblem(await as(LAND_LEADER).get(`/users/${taxOfficer?.id}`), 404);

      for (const w of [LAND_OFFICER, RECEPTION, DESIGNER, apiKey('DTP-VPDK-CL', { roles: ['leader'] })]) {
        expectProblem(await as(w).get('/users'), 403, 'ROLE_REQUIRED');
      }
    });
  });
});

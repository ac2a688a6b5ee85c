import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type {
  DossierDto,
  PageDto,
  SavedFilterDto,
  TaskCountsDto,
  TaskListItemDto,
} from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(120_000);

const KEY = 'hop-viec-thu-nghiem';
const OTHER_KEY = 'hop-viec-don-vi-khac';
const UNIT = 'DTP-VPDK-CL';
const OTHER_UNIT = 'DTP-TTHCC';

const procedure = (key: string, name: string, unit: string) =>
  bpmnFixture(
    `<startEvent id="s"/>
     <userTask id="thamDinh" name="Thẩm định hồ sơ" lt:unit="${unit}" lt:candidateRole="officer" lt:allottedTime="2d"/>
     <endEvent id="e"/>
     ${chain('s', 'thamDinh', 'e')}`,
    { id: key, name, attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="10d"' },
  );

/** The inbox's filters, search, counts, cursor, and the filters people save. */
describe('inbox: filters, search, counts, saved filters', () => {
  let t: TestApp;
  /** Dossier code by applicant name. */
  const codes = new Map<string, string>();

  const deploy = async (xml: string, key: string) => {
    const deployed = await t.api.post<{ version: number }>('/definitions', xml);
    expect(deployed.status).toBe(201);
    expect((await t.api.post(`/definitions/${key}/versions/${deployed.body.version}/publish`)).status).toBe(
      200,
    );
  };
  const receive = async (key: string, name: string, soThua: string) => {
    const received = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: key,
      applicant: { kind: 'person', name },
      variables: { soThua },
    });
    expect(received.status).toBe(201);
    codes.set(name, received.body.code);
  };
  const officer = () => t.as(UNIT, ['officer']);
  const list = async (query: string, who = officer()) => {
    const res = await who.get<PageDto<TaskListItemDto>>(`/tasks?status=active&order=due&${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const applicantsOf = async (query: string, who = officer()) => {
    const page = await list(query, who);
    const byCode = new Map([...codes].map(([name, code]) => [code, name]));
    return page.items.map((task) => byCode.get(task.dossierCode)).sort();
  };

  beforeAll(async () => {
    t = await startTestApp({ config: { jobsEnabled: false } });
    await deploy(procedure(KEY, 'Thủ tục thử nghiệm hộp việc', UNIT), KEY);
    await receive(KEY, 'Nguyễn Văn An', '0123');
    await receive(KEY, 'Trần Thị Bình', '0456');
    // version 2 of the procedure
    await deploy(procedure(KEY, 'Thủ tục thử nghiệm hộp việc (sửa đổi)', UNIT), KEY);
    await receive(KEY, 'Lê Văn Đức', '0789');
    await receive(KEY, 'Phạm Thị Ánh', '9123');
    // a step of another unit, never seen by the unit's officers
    await deploy(procedure(OTHER_KEY, 'Thủ tục của đơn vị khác', OTHER_UNIT), OTHER_KEY);
    await receive(OTHER_KEY, 'Nguyễn Văn Anh', '0123');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('search (q)', () => {
    it('finds an applicant without diacritics, in any case: "nguyen van an" finds "Nguyễn Văn An"', async () => {
      expect(await applicantsOf('q=nguyen%20van%20an')).toEqual(['Nguyễn Văn An']);
      expect(await applicantsOf(`q=${encodeURIComponent('NGUYỄN VĂN AN')}`)).toEqual(['Nguyễn Văn An']);
      // đ folds to d
      expect(await applicantsOf('q=le%20van%20duc')).toEqual(['Lê Văn Đức']);
      expect(await applicantsOf(`q=${encodeURIComponent('Đức')}`)).toEqual(['Lê Văn Đức']);
    });

    it("finds a dossier by part of its code and by a variable's value (the parcel number)", async () => {
      const code = codes.get('Trần Thị Bình')!;
      expect(await applicantsOf(`q=${encodeURIComponent(code)}`)).toEqual(['Trần Thị Bình']);
      expect(await applicantsOf(`q=${encodeURIComponent(code.slice(-4).toLowerCase())}`)).toContain(
        'Trần Thị Bình',
      );
      expect(await applicantsOf('q=0789')).toEqual(['Lê Văn Đức']);
      // part of a value: "123" is in 0123 and 9123
      expect(await applicantsOf('q=123')).toEqual(['Nguyễn Văn An', 'Phạm Thị Ánh']);
    });

    it('takes the text literally, and an empty search is no search', async () => {
      expect(await applicantsOf('q=%25')).toEqual([]);
      expect(await applicantsOf('q=_')).toEqual([]);
      expect((await list('q=%20%20')).items).toHaveLength(4);
    });

    it("never shows another unit's steps, even when they match", async () => {
      // "Nguyễn Văn Anh" (parcel 0123) is another unit's
      expect(await applicantsOf('q=nguyen%20van%20anh')).toEqual([]);
      expect(await applicantsOf('q=0123')).toEqual(['Nguyễn Văn An']);
      const other = await applicantsOf('q=nguyen%20van%20an', t.as(OTHER_UNIT, ['officer']));
      expect(other).toEqual(['Nguyễn Văn Anh']);
      const counts = await officer().get<TaskCountsDto>('/tasks/counts');
      expect(counts.body.byProcedure.map((p) => p.definitionKey)).toEqual([KEY]);
    });
  });

  describe('filters', () => {
    it('by procedure and version', async () => {
      expect(await applicantsOf(`definitionKey=${KEY}`)).toHaveLength(4);
      expect(await applicantsOf(`definitionKey=${KEY}&definitionVersion=1`)).toEqual([
        'Nguyễn Văn An',
        'Trần Thị Bình',
      ]);
      expect(await applicantsOf(`definitionKey=${KEY}&definitionVersion=2`)).toEqual([
        'Lê Văn Đức',
        'Phạm Thị Ánh',
      ]);
      expect(await applicantsOf(`definitionKey=${OTHER_KEY}`)).toEqual([]);
    });

    it('by deadline status, and the counts by status and by procedure follow', async () => {
      // given one step marked overdue by the sweep
      await t.query(
        `UPDATE tasks SET deadline_status = 'overdue' FROM dossiers d
          WHERE d.id = tasks.dossier_id AND d.code = $1`,
        [codes.get('Trần Thị Bình')],
      );

      // then
      expect(await applicantsOf('deadlineStatus=overdue')).toEqual(['Trần Thị Bình']);
      expect(await applicantsOf('deadlineStatus=due_soon')).toEqual([]);
      const counts = await officer().get<TaskCountsDto>('/tasks/counts');
      expect(counts.status).toBe(200);
      expect(counts.body).toEqual({
        total: 4,
        byDeadlineStatus: { on_track: 3, due_soon: 0, overdue: 1 },
        byProcedure: [
          {
            definitionKey: KEY,
            procedureName: 'Thủ tục thử nghiệm hộp việc (sửa đổi)',
            count: 4,
            versions: [
              { version: 2, count: 2 },
              { version: 1, count: 2 },
            ],
          },
        ],
      });
      // the status chips count with the other filters, the procedure list with the status
      const filtered = await officer().get<TaskCountsDto>(
        `/tasks/counts?deadlineStatus=overdue&definitionKey=${KEY}&definitionVersion=2`,
      );
      expect(filtered.body.total).toBe(0);
      expect(filtered.body.byDeadlineStatus).toEqual({ on_track: 2, due_soon: 0, overdue: 0 });
      expect(filtered.body.byProcedure[0]?.versions).toEqual([{ version: 1, count: 1 }]);
      const searched = await officer().get<TaskCountsDto>('/tasks/counts?q=van');
      expect(searched.body.total).toBe(2);
    });

    it('by due range', async () => {
      const all = (await list('')).items;
      const dues = all.map((task) => task.dueAt!);
      expect(dues.every((d) => d !== null)).toBe(true);
      const first = dues[0]!;
      const later = new Date(new Date(dues[dues.length - 1]!).getTime() + 1).toISOString();
      expect((await list(`dueFrom=${first}&dueTo=${later}`)).items).toHaveLength(4);
      expect((await list(`dueTo=${first}`)).items).toHaveLength(0);
      expect((await list(`dueFrom=${later}`)).items).toHaveLength(0);
    });

    it('by assignee: me, unassigned, a user name', async () => {
      const task = (await list(`q=${encodeURIComponent('Phạm Thị Ánh')}`)).items[0]!;
      expect((await officer().post(`/tasks/${task.id}/claim`)).status).toBe(200);
      const me = 't.dtp-vpdk-cl.officer';

      expect(await applicantsOf('assignee=me')).toEqual(['Phạm Thị Ánh']);
      expect(await applicantsOf(`assignee=${me}`)).toEqual(['Phạm Thị Ánh']);
      expect(await applicantsOf('assignee=unassigned')).toHaveLength(3);
      expect(await applicantsOf('assignee=unassigned&q=pham')).toEqual([]);
      // a leader's "me" is the leader
      expect(await applicantsOf('assignee=me', t.as(UNIT, ['leader']))).toEqual([]);
    });
  });

  it('pages with an opaque cursor in due order, each step once', async () => {
    const whole = (await list('limit=200')).items.map((task) => task.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PageDto<TaskListItemDto> = await list(
        `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items.map((task) => task.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(whole);
    expect(whole).toHaveLength(4);
    // a filter keeps its cursor's order
    const first = await list('limit=1&definitionKey=' + KEY);
    const second = await list(`limit=1&definitionKey=${KEY}&cursor=${first.nextCursor!}`);
    expect(second.items[0]?.id).toBe(whole[1]);
  });

  it.each([
    ['an unknown deadline status', 'deadlineStatus=late'],
    ['a due instant that is no date', 'dueFrom=yesterday'],
    ['a version without its procedure', 'definitionVersion=2'],
    ['a version that is no number', `definitionKey=${KEY}&definitionVersion=two`],
    ['an empty due range', 'dueFrom=2026-12-02T00:00:00Z&dueTo=2026-12-01T00:00:00Z'],
    ['a search too long', `q=${'a'.repeat(101)}`],
    ['a cursor of another list', 'cursor=eyJjcmVhdGVkQXQiOiJ4IiwiaWQiOiJ5In0'],
    ['an unknown parameter', 'colour=red'],
  ])('refuses %s with a 400 problem', async (_what, query) => {
    const res = await officer().get<{ status: number; detail: string }>(`/tasks?order=due&${query}`);
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.detail).toEqual(expect.any(String));
    if (!query.startsWith('cursor')) {
      const counts = await officer().get(`/tasks/counts?${query}`);
      expect(counts.status).toBe(400);
    }
  });

  describe('saved filters (per person)', () => {
    it('saves, lists by name, refuses a taken name, and deletes', async () => {
      const me = officer();
      const saved = await me.post<SavedFilterDto>('/me/saved-filters', {
        name: ' Quá hạn của tôi ',
        query: { deadlineStatus: 'overdue', assignee: 'me', q: '' },
      });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({
        name: 'Quá hạn của tôi',
        query: { assignee: 'me', deadlineStatus: 'overdue' },
      });
      const other = await me.post<SavedFilterDto>('/me/saved-filters', {
        name: 'Bản đồ 0123',
        query: { q: '0123' },
      });
      expect(other.status).toBe(201);

      const listed = await me.get<SavedFilterDto[]>('/me/saved-filters');
      expect(listed.body.map((f) => f.name)).toEqual(['Bản đồ 0123', 'Quá hạn của tôi']);

      const taken = await me.post<{ code: string }>('/me/saved-filters', {
        name: 'Quá hạn của tôi',
        query: {},
      });
      expect(taken.status).toBe(409);

      expect((await me.request('DELETE', `/me/saved-filters/${other.body.id}`)).status).toBe(204);
      expect((await me.get<SavedFilterDto[]>('/me/saved-filters')).body.map((f) => f.name)).toEqual([
        'Quá hạn của tôi',
      ]);
      expect((await me.request('DELETE', `/me/saved-filters/${other.body.id}`)).status).toBe(404);
    });

    it("keeps each person's own: another's are neither listed nor deletable", async () => {
      const mine = await officer().post<SavedFilterDto>('/me/saved-filters', {
        name: 'Của tôi',
        query: { definitionKey: KEY },
      });
      const leader = t.as(UNIT, ['leader']);
      expect((await leader.get<SavedFilterDto[]>('/me/saved-filters')).body).toEqual([]);
      expect((await leader.request('DELETE', `/me/saved-filters/${mine.body.id}`)).status).toBe(404);
      expect((await leader.request('DELETE', '/me/saved-filters/not-an-id')).status).toBe(404);
      expect((await officer().get<SavedFilterDto[]>('/me/saved-filters')).body.map((f) => f.name)).toContain(
        'Của tôi',
      );
    });

    it.each([
      ['no name', { query: {} }],
      ['a blank name', { name: '   ', query: {} }],
      ['a name too long', { name: 'x'.repeat(101), query: {} }],
      ['no query', { name: 'x' }],
      ['an unknown parameter', { name: 'x', query: { colour: 'red' } }],
      ['a bad deadline status', { name: 'x', query: { deadlineStatus: 'late' } }],
      ['a bad version', { name: 'x', query: { definitionVersion: 'two' } }],
      ['a bad instant', { name: 'x', query: { dueFrom: 'yesterday' } }],
      ['a value that is no string', { name: 'x', query: { q: 12 } }],
    ])('refuses %s with a 400 problem, saving nothing', async (_what, body) => {
      const who = t.as(UNIT, ['officer', 'reception']);
      const res = await who.post<{ detail: string }>('/me/saved-filters', body);
      expect(res.status).toBe(400);
      expect(res.body.detail).toEqual(expect.any(String));
      expect((await who.get<SavedFilterDto[]>('/me/saved-filters')).body).toEqual([]);
    });
  });
});

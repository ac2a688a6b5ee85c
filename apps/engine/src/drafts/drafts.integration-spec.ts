import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DraftDto, DraftSummaryDto, PageDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

type Problem = { status: number; type: string; detail: string } & Record<string, unknown>;

const xml = (name: string) =>
  bpmnFixture(
    `<startEvent id="s"/><userTask id="t" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:allottedTime="0.5d"/><endEvent id="e"/>${chain('s', 't', 'e')}`,
    { id: 'tach-thua-dat', name },
  );

describe('drafts (designer_drafts) through the HTTP API', () => {
  let t: TestApp;
  let designer: ReturnType<TestApp['as']>;
  let otherDesigner: ReturnType<TestApp['as']>;

  beforeAll(async () => {
    t = await startTestApp();
    designer = t.as('DTP-VP', ['designer']);
    otherDesigner = t.as('DTP-VP', ['designer', 'publisher']);
  });
  afterAll(() => t.close());

  it('creates a draft keyed by the executable process id, named after the process', async () => {
    const res = await designer.post<DraftDto>('/drafts', { xml: xml('Tách thửa đất'), baseVersion: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      key: 'tach-thua-dat',
      name: 'Tách thửa đất',
      revision: 1,
      baseVersion: 1,
      createdBy: 't.dtp-vp.designer',
      updatedBy: 't.dtp-vp.designer',
      xml: xml('Tách thửa đất'),
    });
    const read = await designer.get<DraftDto>(`/drafts/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.xml).toBe(xml('Tách thửa đất'));
  });

  it('saves over the current revision (revision + 1); a stale revision is a 409 draft-conflict naming who saved', async () => {
    const created = (await designer.post<DraftDto>('/drafts', { xml: xml('Bản nháp A') })).body;
    const first = await designer.put<DraftDto>(`/drafts/${created.id}`, {
      xml: xml('Bản nháp A1'),
      revision: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(2);

    // The second designer still has revision 1 open.
    const stale = await otherDesigner.put<Problem>(`/drafts/${created.id}`, {
      xml: xml('Bản nháp B'),
      revision: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.contentType).toContain('application/problem+json');
    expect(stale.body.type).toBe('https://lienthong.vn/problems/draft-conflict');
    expect(stale.body).toMatchObject({ currentRevision: 2, updatedBy: 't.dtp-vp.designer' });
    expect(typeof stale.body['updatedAt']).toBe('string');

    const now = await designer.get<DraftDto>(`/drafts/${created.id}`);
    expect(now.body.revision).toBe(2);
    expect(now.body.xml).toBe(xml('Bản nháp A1'));
  });

  it('refuses unreadable XML with a 400 problem and stores nothing', async () => {
    const before = await t.query('SELECT count(*)::int AS n FROM designer_drafts');
    const bad = await designer.post<Problem>('/drafts', { xml: '<definitions><process id="x"' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/xml|XML/);
    const noProcess = await designer.post<Problem>('/drafts', {
      xml: '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"/>',
    });
    expect(noProcess.status).toBe(400);
    expect(noProcess.body.detail).toContain('executable process');
    const missingRevision = await designer.put<Problem>(
      `/drafts/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      {
        xml: xml('x'),
      },
    );
    expect(missingRevision.status).toBe(400);
    expect(await t.query('SELECT count(*)::int AS n FROM designer_drafts')).toEqual(before);
  });

  it('lists summaries without XML, filtered by key, last saved first, paginated', async () => {
    const other = bpmnFixture(`<startEvent id="s"/><endEvent id="e"/>${chain('s', 'e')}`, {
      id: 'khai-sinh',
    });
    await designer.post('/drafts', { xml: other });
    const page = await designer.get<PageDto<DraftSummaryDto>>('/drafts?key=tach-thua-dat&limit=1');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).not.toHaveProperty('xml');
    expect(page.body.items[0]?.key).toBe('tach-thua-dat');
    expect(page.body.nextCursor).not.toBeNull();
    const rest = await designer.get<PageDto<DraftSummaryDto>>(
      `/drafts?key=tach-thua-dat&cursor=${encodeURIComponent(page.body.nextCursor ?? '')}`,
    );
    expect(rest.body.items.length).toBeGreaterThanOrEqual(1);
    expect(rest.body.items.every((d) => d.key === 'tach-thua-dat')).toBe(true);
    expect(rest.body.items.map((d) => d.id)).not.toContain(page.body.items[0]?.id);
  });

  it('deletes a draft (204), then it is not found (404)', async () => {
    const created = (await designer.post<DraftDto>('/drafts', { xml: xml('Xoá') })).body;
    expect((await designer.request('DELETE', `/drafts/${created.id}`)).status).toBe(204);
    expect((await designer.get(`/drafts/${created.id}`)).status).toBe(404);
    expect((await designer.request('DELETE', `/drafts/${created.id}`)).status).toBe(404);
    expect((await designer.get('/drafts/not-a-uuid')).status).toBe(404);
  });

  it('is for designers and publishers only: an officer is refused (403) on every route', async () => {
    const created = (await designer.post<DraftDto>('/drafts', { xml: xml('Quyền') })).body;
    const officer = t.as('DTP-TTHCC', ['officer', 'reception']);
    const answers = await Promise.all([
      officer.get('/drafts'),
      officer.post('/drafts', { xml: xml('Không được') }),
      officer.get(`/drafts/${created.id}`),
      officer.put(`/drafts/${created.id}`, { xml: xml('Không được'), revision: 1 }),
      officer.request('DELETE', `/drafts/${created.id}`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
    expect((await designer.get<DraftDto>(`/drafts/${created.id}`)).body.revision).toBe(1);
  });
});

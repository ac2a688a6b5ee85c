import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createModdle, serializeBpmn } from '@lienthong/bpmn';
import { canonicalTree, foreignNames } from '@lienthong/bpmn/testing';
import type { DraftDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

/** The designer's set of files written by other tools (Camunda Modeler, Signavio, bpmn.io, vendors). */
const dir = join(__dirname, '..', '..', '..', 'web', 'src', 'designer', 'testing', 'third-party');
const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn'));

async function read(xml: string) {
  const { rootElement, warnings } = await createModdle().fromXML(xml, 'bpmn:Definitions');
  return { tree: canonicalTree(rootElement), warnings, root: rootElement };
}

describe('files of other modelling tools saved through the drafts API', () => {
  let t: TestApp;
  let designer: ReturnType<TestApp['as']>;

  beforeAll(async () => {
    t = await startTestApp();
    designer = t.as('DTP-VP', ['designer']);
  });
  afterAll(() => t.close());

  it.each(files)(
    '%s: imported as a draft, saved as the designer writes it, read back as the same model with every foreign element and attribute',
    async (file) => {
      // given the file imported as a draft
      const original = readFileSync(join(dir, file), 'utf8');
      const created = await designer.post<DraftDto>('/drafts', { xml: original });
      expect(created.status).toBe(201);

      // when the designer saves it (bpmn-js writes the model it read, vendors' prefixes kept)
      const first = await read(original);
      expect(first.warnings).toEqual([]);
      const written = await serializeBpmn(first.root);
      const saved = await designer.put<DraftDto>(`/drafts/${created.body.id}`, { xml: written, revision: 1 });
      const served = await designer.get<DraftDto>(`/drafts/${created.body.id}`);

      // then
      expect(saved.status).toBe(200);
      expect(served.body.revision).toBe(2);
      const back = await read(served.body.xml);
      expect(back.warnings).toEqual([]);
      expect(back.tree).toEqual(first.tree);
      expect(foreignNames(served.body.xml)).toEqual(foreignNames(original));
    },
  );
});

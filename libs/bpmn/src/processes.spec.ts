import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBpmn } from './analyze';

interface CatalogueEntry {
  key: string;
  versions: Array<{ file: string; legalTimeLimit: string }>;
}

const root = join(__dirname, '../../../processes');
const catalogue = JSON.parse(readFileSync(join(root, 'catalogue.json'), 'utf8')) as CatalogueEntry[];

describe('processes/ catalogue', () => {
  const versions = catalogue.flatMap((p) => p.versions.map((v) => ({ key: p.key, ...v })));

  it.each(versions)(
    '$file compiles without issues, with its key and legal time limit',
    async ({ key, file, legalTimeLimit }) => {
      const { graph, issues } = await analyzeBpmn(readFileSync(join(root, file), 'utf8'));
      expect(issues).toEqual([]);
      expect(graph?.key).toBe(key);
      expect(graph?.legalTimeLimit).toBe(legalTimeLimit);
    },
  );
});

import type { Db } from '../database/db.service';
import { UnitDirectory } from './unit-directory.service';

const directoryOf = async (merged: Array<{ code: string; merged_into: string }>) => {
  const db = { query: async () => ({ rows: merged }) } as unknown as Db;
  const directory = new UnitDirectory(db);
  await directory.reload();
  return directory;
};

describe('UnitDirectory.resolve (the interpreter resolveUnit)', () => {
  it('gives a unit that was not merged as it is', async () => {
    // given
    const directory = await directoryOf([]);

    // when / then
    expect(directory.resolve('DTP-MOI')).toBe('DTP-MOI');
  });

  it('gives the successor of a merged unit, following mergers of mergers', async () => {
    // given
    const directory = await directoryOf([
      { code: 'XA-A', merged_into: 'XA-B' },
      { code: 'XA-B', merged_into: 'XA-C' },
    ]);

    // when
    const { resolve } = directory;

    // then: usable unbound, as the step context holds it
    expect(resolve('XA-A')).toBe('XA-C');
    expect(resolve('XA-B')).toBe('XA-C');
    expect(resolve('XA-D')).toBe('XA-D');
  });

  it('stops after ten hops on a cycle in the data', async () => {
    // given
    const directory = await directoryOf([
      { code: 'P', merged_into: 'Q' },
      { code: 'Q', merged_into: 'P' },
    ]);

    // when / then
    expect(['P', 'Q']).toContain(directory.resolve('P'));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import cutoff from './cutoff.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('cutoff rule', () => {
  it('reports invalid-cutoff@proc in cutoff.bpmn', async () => {
    // given a process whose lt:cutoff is not a time of day
    const xml = fixture('cutoff.bpmn');

    // when the rule runs
    const issues = await lintWith(cutoff, xml);

    // then
    expect(found(issues)).toEqual(['invalid-cutoff@proc']);
    expect(issues.find((i) => i.message.includes('lt:cutoff "25:00" must be a time of day'))).toMatchObject({
      elementId: 'proc',
      messageVi: expect.stringContaining('Giờ chốt tiếp nhận "25:00"'),
    });
  });
  it('reports nothing in cutoff-valid.bpmn', async () => {
    // given a process cut off at the last office hour
    const xml = fixture('cutoff-valid.bpmn');

    // when the rule runs
    const issues = await lintWith(cutoff, xml);

    // then
    expect(found(issues)).toEqual([]);
  });
});

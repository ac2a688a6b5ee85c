import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import workingDuration from './working-duration.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('working-duration rule', () => {
  it('reports invalid-duration@proc, invalid-duration@bad in working-duration.bpmn', async () => {
    // given a legal time limit and allotted times, valid and not
    const xml = fixture('working-duration.bpmn');

    // when the rule runs
    const issues = await lintWith(workingDuration, xml);

    // then
    expect(found(issues)).toEqual(['invalid-duration@proc', 'invalid-duration@bad']);
    expect(
      issues.find((i) => i.message.includes('lt:allottedTime "three days" of bad ("Thẩm định")')),
    ).toMatchObject({
      elementId: 'bad',
      messageVi: expect.stringContaining('Thời gian xử lý "three days" của bad'),
    });
  });
});

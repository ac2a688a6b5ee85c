import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import feelExpression from './feel-expression.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('feel-expression rule', () => {
  it('reports invalid-expression@badUnit, invalid-expression@mi, invalid-expression@call, invalid-expression@timer, invalid-expression@fBad in feel-expression.bpmn', async () => {
    // given FEEL in conditions, attributes, mappings and timers, some not parsing
    const xml = fixture('feel-expression.bpmn');

    // when the rule runs
    const issues = await lintWith(feelExpression, xml);

    // then
    expect(found(issues)).toEqual([
      'invalid-expression@badUnit',
      'invalid-expression@mi',
      'invalid-expression@call',
      'invalid-expression@timer',
      'invalid-expression@fBad',
    ]);
    expect(
      issues.find((i) => i.message.includes('condition of fBad is not a valid FEEL expression')),
    ).toMatchObject({
      elementId: 'fBad',
      messageVi: expect.stringContaining(
        'Biểu thức điều kiện rẽ nhánh của fBad không hợp lệ (phép so sánh chưa viết xong): x >',
      ),
    });
  });
});

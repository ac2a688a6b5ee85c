import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import callActivity from './call-activity.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('call-activity rule', () => {
  it('reports called-element-missing@noCalled, variable-mapping@badMapping in call-activity.bpmn', async () => {
    // given call activities without called element or with incomplete mappings
    const xml = fixture('call-activity.bpmn');

    // when the rule runs
    const issues = await lintWith(callActivity, xml);

    // then
    expect(found(issues)).toEqual(['called-element-missing@noCalled', 'variable-mapping@badMapping']);
    expect(
      issues.find((i) =>
        i.message.includes(
          'A variable mapping of badMapping needs a source expression and a target variable name.',
        ),
      ),
    ).toMatchObject({
      elementId: 'badMapping',
      messageVi: expect.stringContaining('Ánh xạ biến của badMapping cần biểu thức nguồn và tên biến đích.'),
    });
  });
});

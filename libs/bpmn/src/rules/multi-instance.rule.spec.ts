import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import multiInstance from './multi-instance.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('multi-instance rule', () => {
  it('reports multi-instance-input@noInput, multi-instance-output@halfOutput in multi-instance.bpmn', async () => {
    // given multi-instance steps missing their input or half their output
    const xml = fixture('multi-instance.bpmn');

    // when the rule runs
    const issues = await lintWith(multiInstance, xml);

    // then
    expect(found(issues)).toEqual(['multi-instance-input@noInput', 'multi-instance-output@halfOutput']);
    expect(
      issues.find((i) =>
        i.message.includes(
          'Multi-instance halfOutput needs both lt:outputCollection and lt:outputElement, or neither.',
        ),
      ),
    ).toMatchObject({
      elementId: 'halfOutput',
      messageVi: expect.stringContaining('Bước nhiều phiên bản halfOutput cần khai báo đồng thời'),
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import supportedElement from './supported-element.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('supported-element rule', () => {
  it('reports unsupported-element@script, unsupported-element@signalStart, unsupported-element@loop, unsupported-element@eventSub, unsupported-element@nonInterruptingError in supported-element.bpmn', async () => {
    // given elements the engine does not execute, beside supported ones
    const xml = fixture('supported-element.bpmn');

    // when the rule runs
    const issues = await lintWith(supportedElement, xml);

    // then
    expect(found(issues)).toEqual([
      'unsupported-element@script',
      'unsupported-element@signalStart',
      'unsupported-element@loop',
      'unsupported-element@eventSub',
      'unsupported-element@nonInterruptingError',
    ]);
    expect(
      issues.find((i) => i.message.includes('script is a ScriptTask, which this engine does not execute.')),
    ).toMatchObject({
      elementId: 'script',
      messageVi: expect.stringContaining('script: loại phần tử này (a ScriptTask) chưa được hỗ trợ.'),
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import supportedElement from './supported-element.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('supported-element rule', () => {
  it('reports unsupported-element@script, unsupported-element@signalStart, unsupported-element@loop, unsupported-element@eventSub, unsupported-element@nonInterruptingError, unsupported-element@complex, unsupported-element@escalate in supported-element.bpmn', async () => {
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
      'unsupported-element@complex',
      'unsupported-element@escalate',
    ]);
    expect(
      issues.find((i) => i.message.includes('script is a ScriptTask, which this engine does not execute.')),
    ).toMatchObject({
      elementId: 'script',
      messageVi: 'script: loại phần tử này (Bước chạy kịch bản) chưa được hỗ trợ.',
    });
    // the Vietnamese messages name the kinds as the designer's palette does
    expect(issues.map((i) => i.messageVi)).toEqual([
      'script: loại phần tử này (Bước chạy kịch bản) chưa được hỗ trợ.',
      'signalStart: loại phần tử này (sự kiện bắt đầu loại tín hiệu) chưa được hỗ trợ.',
      'loop: loại phần tử này (vòng lặp trên Bước chờ nhận) chưa được hỗ trợ.',
      'eventSub: loại phần tử này (quy trình con theo sự kiện) chưa được hỗ trợ.',
      'nonInterruptingError: loại phần tử này (sự kiện biên loại lỗi không ngắt bước) chưa được hỗ trợ.',
      'complex: loại phần tử này (Cổng phức hợp) chưa được hỗ trợ.',
      'escalate: loại phần tử này (sự kiện trung gian phát loại chuyển cấp) chưa được hỗ trợ.',
    ]);
  });
});

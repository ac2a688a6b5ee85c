import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import clock from './clock.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('clock rule', () => {
  it('reports invalid-clock@stop in clock.bpmn', async () => {
    // given steps with lt:clock pause, restart and an unknown value
    const xml = fixture('clock.bpmn');

    // when the rule runs
    const issues = await lintWith(clock, xml);

    // then
    expect(found(issues)).toEqual(['invalid-clock@stop']);
    expect(
      issues.find((i) => i.message.includes('lt:clock "stop" of stop must be "pause" or "restart".')),
    ).toMatchObject({
      elementId: 'stop',
      messageVi: expect.stringContaining('Quy tắc tính thời hạn "stop" của stop'),
    });
  });
});

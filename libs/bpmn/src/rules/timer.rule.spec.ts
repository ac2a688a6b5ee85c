import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import timer from './timer.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('timer rule', () => {
  it('reports invalid-timer@badDuration, timer-definition@twoValues, invalid-timer@badCycle in timer.bpmn', async () => {
    // given timers with valid, invalid and several values
    const xml = fixture('timer.bpmn');

    // when the rule runs
    const issues = await lintWith(timer, xml);

    // then
    expect(found(issues)).toEqual([
      'invalid-timer@badDuration',
      'timer-definition@twoValues',
      'invalid-timer@badCycle',
    ]);
    expect(
      issues.find((i) => i.message.includes('Timer badDuration: "3 days" is not a valid ISO 8601 duration.')),
    ).toMatchObject({
      elementId: 'badDuration',
      messageVi: expect.stringContaining(
        'Bộ hẹn giờ badDuration: "3 days" không phải khoảng thời gian ISO 8601 hợp lệ.',
      ),
    });
  });
});

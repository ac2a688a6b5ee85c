import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import startEventCount from './start-event-count.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('start-event-count rule', () => {
  it('reports start-event-count@proc, start-event-count@sub in start-event-count.bpmn', async () => {
    // given a process with two start events and a sub-process with none
    const xml = fixture('start-event-count.bpmn');

    // when the rule runs
    const issues = await lintWith(startEventCount, xml);

    // then
    expect(found(issues)).toEqual(['start-event-count@proc', 'start-event-count@sub']);
    expect(
      issues.find((i) =>
        i.message.includes('Sub-process sub must have exactly one none start event (found 0).'),
      ),
    ).toMatchObject({
      elementId: 'sub',
      messageVi: expect.stringContaining('Quy trình con sub phải có đúng một sự kiện bắt đầu (hiện có 0).'),
    });
  });
});

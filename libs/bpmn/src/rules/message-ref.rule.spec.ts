import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import messageRef from './message-ref.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('message-ref rule', () => {
  it('reports message-missing@noRef, message-missing@unnamed, message-missing@boundary in message-ref.bpmn', async () => {
    // given receive tasks and message events with and without a named message
    const xml = fixture('message-ref.bpmn');

    // when the rule runs
    const issues = await lintWith(messageRef, xml);

    // then
    expect(found(issues)).toEqual([
      'message-missing@noRef',
      'message-missing@unnamed',
      'message-missing@boundary',
    ]);
    expect(
      issues.find((i) => i.message.includes('ReceiveTask noRef must reference a bpmn:message with a name.')),
    ).toMatchObject({
      elementId: 'noRef',
      messageVi: expect.stringContaining('noRef phải tham chiếu một thông điệp (bpmn:message) có tên.'),
    });
  });
});

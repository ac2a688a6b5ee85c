import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import serviceTopic from './service-topic.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('service-topic rule', () => {
  it('reports topic-missing@noTopic in service-topic.bpmn', async () => {
    // given service tasks with and without lt:topic
    const xml = fixture('service-topic.bpmn');

    // when the rule runs
    const issues = await lintWith(serviceTopic, xml);

    // then
    expect(found(issues)).toEqual(['topic-missing@noTopic']);
    expect(issues.find((i) => i.message.includes('Service task noTopic has no lt:topic'))).toMatchObject({
      elementId: 'noTopic',
      messageVi: expect.stringContaining('Tác vụ dịch vụ noTopic chưa có chủ đề (lt:topic)'),
    });
  });
});

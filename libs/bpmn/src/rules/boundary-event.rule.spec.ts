import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import boundaryEvent from './boundary-event.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('boundary-event rule', () => {
  it('reports boundary-unattached@loose, boundary-host@onGateway, boundary-host@errorOnUserTask, boundary-host@onScript in boundary-event.bpmn', async () => {
    // given boundary events unattached, on a gateway and an error one on a user task
    const xml = fixture('boundary-event.bpmn');

    // when the rule runs
    const issues = await lintWith(boundaryEvent, xml);

    // then
    expect(found(issues)).toEqual([
      'boundary-unattached@loose',
      'boundary-host@onGateway',
      'boundary-host@errorOnUserTask',
      'boundary-host@onScript',
    ]);
    expect(
      issues.find((i) =>
        i.message.includes(
          'Error boundary event errorOnUserTask can only catch errors of a service task, sub-process or call activity.',
        ),
      ),
    ).toMatchObject({
      elementId: 'errorOnUserTask',
      messageVi: expect.stringContaining('Sự kiện lỗi errorOnUserTask chỉ bắt được lỗi'),
    });
  });
});

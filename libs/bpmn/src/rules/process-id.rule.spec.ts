import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import processId from './process-id.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('process-id rule', () => {
  it('reports process-id@ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp in process-id.bpmn', async () => {
    // given a process id longer than 100 characters
    const xml = fixture('process-id.bpmn');

    // when the rule runs
    const issues = await lintWith(processId, xml);

    // then
    expect(found(issues)).toEqual([
      'process-id@ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp',
    ]);
    expect(issues.find((i) => i.message.includes('The process id must start with a letter'))).toMatchObject({
      elementId:
        'ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp',
      messageVi: expect.stringContaining('Mã quy trình phải bắt đầu bằng chữ cái'),
    });
  });
});

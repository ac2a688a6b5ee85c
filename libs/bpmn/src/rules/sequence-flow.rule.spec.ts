import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import sequenceFlow from './sequence-flow.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('sequence-flow rule', () => {
  it('reports flow-endpoint@toScript, flow-scope@intoSub in sequence-flow.bpmn', async () => {
    // given flows to unknown elements and across a sub-process boundary
    const xml = fixture('sequence-flow.bpmn');

    // when the rule runs
    const issues = await lintWith(sequenceFlow, xml);

    // then
    expect(found(issues)).toEqual(['flow-endpoint@toScript', 'flow-scope@intoSub']);
    expect(
      issues.find((i) => i.message.includes('Sequence flow intoSub crosses a sub-process boundary.')),
    ).toMatchObject({
      elementId: 'intoSub',
      messageVi: expect.stringContaining('Luồng intoSub vượt qua ranh giới quy trình con.'),
    });
  });
});

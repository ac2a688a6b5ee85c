import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import gatewayFlows from './gateway-flows.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('gateway-flows rule', () => {
  it('reports default-flow@xor, condition-missing@f_xor_b, condition-missing@f_xor_par, ignored-condition@fPar!warning in gateway-flows.bpmn', async () => {
    // given gateways with a foreign default flow, a flow without condition and a condition on a parallel gateway
    const xml = fixture('gateway-flows.bpmn');

    // when the rule runs
    const issues = await lintWith(gatewayFlows, xml);

    // then
    expect(found(issues)).toEqual([
      'default-flow@xor',
      'condition-missing@f_xor_b',
      'condition-missing@f_xor_par',
      'ignored-condition@fPar!warning',
    ]);
    expect(
      issues.find((i) =>
        i.message.includes(
          'Flow f_xor_b leaving exclusive gateway xor needs a condition or must be the default flow.',
        ),
      ),
    ).toMatchObject({
      elementId: 'f_xor_b',
      messageVi: expect.stringContaining('Luồng f_xor_b ra khỏi cổng xor cần điều kiện'),
    });
  });
});

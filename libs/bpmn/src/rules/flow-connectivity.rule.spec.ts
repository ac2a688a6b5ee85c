import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import flowConnectivity from './flow-connectivity.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('flow-connectivity rule', () => {
  it('reports start-incoming@s, no-incoming@orphan, no-outgoing@deadEnd!warning, no-outgoing@late, no-outgoing@gw, end-outgoing@e in flow-connectivity.bpmn', async () => {
    // given elements without incoming or outgoing flows, and flows into start or out of end events
    const xml = fixture('flow-connectivity.bpmn');

    // when the rule runs
    const issues = await lintWith(flowConnectivity, xml);

    // then
    expect(found(issues)).toEqual([
      'start-incoming@s',
      'no-incoming@orphan',
      'no-outgoing@deadEnd!warning',
      'no-outgoing@late',
      'no-outgoing@gw',
      'end-outgoing@e',
    ]);
    expect(
      issues.find((i) => i.message.includes('deadEnd has no outgoing flow: its path ends there.')),
    ).toMatchObject({
      elementId: 'deadEnd',
      messageVi: expect.stringContaining('deadEnd không có luồng ra: nhánh kết thúc tại đây.'),
    });
  });
});

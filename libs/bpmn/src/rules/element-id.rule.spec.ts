import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import elementId from './element-id.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('element-id rule', () => {
  it('reports missing-id@, missing-id@ in element-id.bpmn', async () => {
    // given flow elements without id
    const xml = fixture('element-id.bpmn');

    // when the rule runs
    const issues = await lintWith(elementId, xml);

    // then
    expect(found(issues)).toEqual(['missing-id@', 'missing-id@']);
    expect(issues.find((i) => i.message.includes('A UserTask has no id.'))).toMatchObject({
      elementId: null,
      messageVi: expect.stringContaining('Một phần tử (Bước do cán bộ xử lý) không có mã (id).'),
    });
  });
});

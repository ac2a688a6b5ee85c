import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import candidateRole from './candidate-role.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('candidate-role rule', () => {
  it('reports invalid-role@boss in candidate-role.bpmn', async () => {
    // given steps with known and unknown candidate roles
    const xml = fixture('candidate-role.bpmn');

    // when the rule runs
    const issues = await lintWith(candidateRole, xml);

    // then
    expect(found(issues)).toEqual(['invalid-role@boss']);
    expect(
      issues.find((i) =>
        i.message.includes('lt:candidateRole "chief" of boss is not one of reception, officer, leader.'),
      ),
    ).toMatchObject({
      elementId: 'boss',
      messageVi: expect.stringContaining('Vai trò "chief" của boss không hợp lệ'),
    });
  });
});

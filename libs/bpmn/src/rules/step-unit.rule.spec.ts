import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import stepUnit from './step-unit.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('step-unit rule', () => {
  it('reports unit-missing@t_kiem_tra, unit-missing@tax in step-unit.bpmn', async () => {
    // given user and service tasks with and without lt:unit
    const xml = fixture('step-unit.bpmn');

    // when the rule runs
    const issues = await lintWith(stepUnit, xml);

    // then
    expect(found(issues)).toEqual(['unit-missing@t_kiem_tra', 'unit-missing@tax']);
    expect(
      issues.find((i) =>
        i.message.includes('UserTask t_kiem_tra ("Kiểm tra hồ sơ") has no responsible unit (lt:unit).'),
      ),
    ).toMatchObject({
      elementId: 't_kiem_tra',
      messageVi: expect.stringContaining(
        'Bước t_kiem_tra ("Kiểm tra hồ sơ") chưa có đơn vị xử lý (lt:unit).',
      ),
    });
  });
});

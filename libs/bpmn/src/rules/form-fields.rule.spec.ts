import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import formFields from './form-fields.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('form-fields rule', () => {
  it('reports form-field-id@check, form-field-type@check, form-field-options@check in form-fields.bpmn', async () => {
    // given a form with an invalid id, an unknown type and an enum without options
    const xml = fixture('form-fields.bpmn');

    // when the rule runs
    const issues = await lintWith(formFields, xml);

    // then
    expect(found(issues)).toEqual([
      'form-field-id@check',
      'form-field-type@check',
      'form-field-options@check',
    ]);
    expect(
      issues.find((i) => i.message.includes('Enum field result of check lists no options.')),
    ).toMatchObject({
      elementId: 'check',
      messageVi: expect.stringContaining('Trường lựa chọn result của check chưa có giá trị nào.'),
    });
  });
});

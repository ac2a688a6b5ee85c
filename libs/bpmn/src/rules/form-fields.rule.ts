import { extensionValues, isBuiltNode, label, list, str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

const FORM_FIELD_TYPES = ['string', 'text', 'number', 'boolean', 'date', 'enum'];

/** form-field-id, form-field-type, form-field-options: a user task's lt:form fields are usable. */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:UserTask' || !isBuiltNode(node)) return;
  const id = String(node.id);
  for (const form of extensionValues(node).filter((x) => x.$type === 'lt:Form')) {
    for (const f of list(form['fields'])) {
      const fieldId = str(f['id']);
      const type = str(f['type']) ?? 'string';
      if (!fieldId || !/^[A-Za-z_]\w*$/.test(fieldId)) {
        report(
          'form-field-id',
          id,
          `A form field of ${label(node)} has an invalid id "${fieldId ?? ''}" (a variable name is expected).`,
          `Trường biểu mẫu của ${label(node)} có mã không hợp lệ "${fieldId ?? ''}".`,
        );
      } else if (!FORM_FIELD_TYPES.includes(type)) {
        report(
          'form-field-type',
          id,
          `Form field ${fieldId} of ${label(node)} has unknown type "${type}".`,
          `Trường ${fieldId} của ${label(node)} có kiểu không hợp lệ "${type}".`,
        );
      } else if (type === 'enum' && !(str(f['options']) ?? '').split(',').some((o) => o.trim())) {
        report(
          'form-field-options',
          id,
          `Enum field ${fieldId} of ${label(node)} lists no options.`,
          `Trường lựa chọn ${fieldId} của ${label(node)} chưa có giá trị nào.`,
        );
      }
    }
  }
});

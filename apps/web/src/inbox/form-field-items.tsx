import { DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { ReactNode } from 'react';
import { optionLabel, type FormField } from './task-form.util';

/** The input of a form field, by its type. */
function fieldInput(field: FormField, disabled: boolean): ReactNode {
  switch (field.type) {
    case 'text':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} disabled={disabled} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} disabled={disabled} decimalSeparator="," />;
    case 'boolean':
      return (
        <Radio.Group disabled={disabled}>
          <Radio value={true}>Có</Radio>
          <Radio value={false}>Không</Radio>
        </Radio.Group>
      );
    case 'date':
      return (
        <DatePicker
          format="DD/MM/YYYY"
          style={{ width: '100%' }}
          disabled={disabled}
          placeholder="dd/mm/yyyy"
        />
      );
    case 'enum': {
      const options = (field.options ?? []).map((value) => ({ value, label: optionLabel(value) }));
      return options.length <= 4 ? (
        <Radio.Group
          disabled={disabled}
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          options={options}
        />
      ) : (
        <Select
          options={options}
          disabled={disabled}
          placeholder="Chọn…"
          showSearch={{ optionFilterProp: 'label' }}
        />
      );
    }
    default:
      return <Input disabled={disabled} />;
  }
}

/** The browser's own check of a field, before the engine's. */
function fieldRules(field: FormField) {
  const rules: Array<Record<string, unknown>> = [];
  if (field.required) rules.push({ required: true, message: `Chưa nhập ${field.label}.` });
  if (field.type === 'string' || field.type === 'text') {
    rules.push({ whitespace: true, message: `${field.label} không được chỉ có khoảng trắng.` });
  }
  return rules;
}

/**
 * The fields of a step's form as the officer fills them in (inside an antd `Form`): the inbox's step
 * drawer, and the designer's preview of a form being edited.
 */
export function FormFieldItems({
  fields,
  disabled,
}: {
  readonly fields: readonly FormField[];
  readonly disabled: boolean;
}) {
  return (
    <>
      {fields.map((field) => (
        <Form.Item key={field.id} name={field.id} label={field.label} rules={fieldRules(field)}>
          {fieldInput(field, disabled)}
        </Form.Item>
      ))}
    </>
  );
}

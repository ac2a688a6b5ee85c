import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { FormFieldItems } from '../../inbox/form-field-items';
import type { FormField } from '../../inbox/task-form.util';
import {
  FIELD_TYPE_OPTIONS,
  formFieldProblems,
  moveField,
  newFieldId,
  readFormFields,
  writeFormFields,
  type FieldDraft,
  type ModelContext,
  type Shape,
} from './lt-model';

interface Props {
  /** The user task whose form is edited; null: the drawer is closed. */
  readonly element: (Shape & { id: string }) | null;
  readonly model: ModelContext | null;
  readonly onClose: () => void;
}

/** The fields as the inbox renders them: every field shown, even one whose id is not yet right. */
function previewFields(fields: readonly FieldDraft[]): FormField[] {
  const seen = new Set<string>();
  return fields.map((f, index) => {
    const id =
      /^[A-Za-z_]\w*$/.test(f.id.trim()) && !seen.has(f.id.trim()) ? f.id.trim() : `_xem_truoc_${index}`;
    seen.add(id);
    return {
      id,
      label: f.label.trim() || '(chưa có nhãn)',
      type: f.type,
      required: f.required,
      ...(f.type === 'enum' ? { options: f.options.filter((o) => o.trim() !== '') } : {}),
    };
  });
}

/**
 * A user task's form: the list of fields (id, label, type, required, the values of a list) on the
 * left, and on the right the form exactly as the officer will see it in the inbox (the inbox's own
 * renderer), updated as the designer types. Applying writes it into the diagram as one change.
 */
export function FormEditorDrawer({ element, model, onClose }: Props) {
  const { modal } = App.useApp();
  const [fields, setFields] = useState<FieldDraft[]>([]);
  const [initial, setInitial] = useState('[]');
  useEffect(() => {
    if (!element) return;
    const read = readFormFields(element.businessObject);
    setFields(read);
    setInitial(JSON.stringify(read));
  }, [element]);

  const problems = useMemo(() => formFieldProblems(fields), [fields]);
  const problemCount = problems.reduce((n, p) => n + Object.keys(p).length, 0);
  const preview = useMemo(() => previewFields(fields), [fields]);
  const dirty = JSON.stringify(fields) !== initial;
  const name = (element?.businessObject.get('name') as string | undefined) ?? element?.id ?? '';

  const change = (index: number, patch: Partial<FieldDraft>) =>
    setFields((list) => list.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const add = () =>
    setFields((list) => [
      ...list,
      { id: newFieldId(list), label: '', type: 'string', required: false, options: [] },
    ]);
  const close = () => {
    if (!dirty) return onClose();
    modal.confirm({
      title: 'Bỏ các thay đổi của biểu mẫu?',
      content: 'Các trường vừa sửa chưa được áp dụng vào bước.',
      okText: 'Bỏ thay đổi',
      okButtonProps: { danger: true },
      cancelText: 'Tiếp tục sửa',
      onOk: onClose,
    });
  };
  const apply = () => {
    if (!element || !model) return;
    writeFormFields(model, element, fields);
    onClose();
  };

  return (
    <Drawer
      open={element !== null}
      onClose={close}
      title={`Biểu mẫu của bước “${name}”`}
      size={1120}
      destroyOnHidden
      className="lt-form-editor"
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type={problemCount > 0 ? 'danger' : 'secondary'} aria-live="polite">
            {problemCount > 0
              ? `Còn ${problemCount} chỗ cần sửa trước khi áp dụng.`
              : `${fields.length} trường. Biểu mẫu được lưu cùng bản nháp; có thể hoàn tác bằng Ctrl+Z.`}
          </Typography.Text>
          <Space>
            <Button onClick={close}>Huỷ</Button>
            <Button type="primary" onClick={apply} disabled={problemCount > 0}>
              Áp dụng vào bước
            </Button>
          </Space>
        </Flex>
      }
    >
      <div className="lt-form-editor-body">
        <section aria-label="Các trường của biểu mẫu" className="lt-form-editor-fields">
          {fields.length === 0 && (
            <Empty description="Chưa có trường nào: cán bộ chỉ xác nhận hoàn thành bước." />
          )}
          {fields.map((f, index) => (
            <FieldCard
              key={index}
              field={f}
              index={index}
              count={fields.length}
              problems={problems[index] ?? {}}
              onChange={(patch) => change(index, patch)}
              onMove={(by) => setFields((list) => moveField(list, index, by))}
              onRemove={() => setFields((list) => list.filter((_, i) => i !== index))}
            />
          ))}
          <Button icon={<PlusOutlined />} onClick={add} block type="dashed">
            Thêm trường
          </Button>
        </section>
        <section aria-label="Xem trước biểu mẫu" className="lt-form-editor-preview">
          <Card size="small" title="Xem trước: cán bộ thấy trong Hộp việc">
            <Form
              key={preview.map((f) => `${f.id}:${f.type}`).join('|')}
              layout="vertical"
              requiredMark
              aria-label="Kết quả xử lý (xem trước)"
            >
              {preview.length === 0 && (
                <Typography.Paragraph type="secondary">
                  Bước này không có thông tin cần nhập: chỉ cần xác nhận hoàn thành.
                </Typography.Paragraph>
              )}
              <FormFieldItems fields={preview} disabled={false} />
              <Flex justify="end">
                <Button type="primary" disabled>
                  Hoàn thành
                </Button>
              </Flex>
            </Form>
          </Card>
        </section>
      </div>
    </Drawer>
  );
}

interface FieldCardProps {
  readonly field: FieldDraft;
  readonly index: number;
  readonly count: number;
  readonly problems: Partial<Record<'id' | 'label' | 'options', string>>;
  readonly onChange: (patch: Partial<FieldDraft>) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}

function FieldCard({ field, index, count, problems, onChange, onMove, onRemove }: FieldCardProps) {
  const n = index + 1;
  return (
    <Card
      size="small"
      className="lt-form-field"
      title={`Trường ${n}${field.label.trim() ? `: ${field.label.trim()}` : ''}`}
      extra={
        <Space size={2}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            aria-label={`Đưa trường ${n} lên`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            aria-label={`Đưa trường ${n} xuống`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          />
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`Xoá trường ${n}`}
            onClick={onRemove}
          />
        </Space>
      }
    >
      <Form layout="vertical" component="div" className="lt-form-field-grid">
        <Form.Item
          label="Nhãn (cán bộ nhìn thấy)"
          validateStatus={problems.label ? 'error' : undefined}
          help={problems.label}
        >
          <Input
            value={field.label}
            aria-label={`Nhãn của trường ${n}`}
            placeholder="Ví dụ: Ý kiến thẩm định"
            onChange={(e) => onChange({ label: e.target.value })}
          />
        </Form.Item>
        <Form.Item
          label="Mã trường (tên biến)"
          validateStatus={problems.id ? 'error' : undefined}
          help={problems.id}
        >
          <Input
            value={field.id}
            aria-label={`Mã của trường ${n}`}
            placeholder="yKienThamDinh"
            spellCheck={false}
            onChange={(e) => onChange({ id: e.target.value })}
          />
        </Form.Item>
        <Form.Item label="Kiểu">
          <Select
            value={field.type}
            aria-label={`Kiểu của trường ${n}`}
            options={[...FIELD_TYPE_OPTIONS]}
            onChange={(type) => onChange({ type })}
          />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Checkbox checked={field.required} onChange={(e) => onChange({ required: e.target.checked })}>
            Bắt buộc nhập
          </Checkbox>
        </Form.Item>
        {field.type === 'enum' && (
          <Form.Item
            label="Các giá trị để chọn (gõ rồi nhấn Enter)"
            className="lt-form-field-options"
            validateStatus={problems.options ? 'error' : undefined}
            help={problems.options}
          >
            <Select
              mode="tags"
              value={field.options}
              aria-label={`Các giá trị của trường ${n}`}
              tokenSeparators={[',']}
              open={false}
              suffixIcon={null}
              placeholder="eligible, not_eligible"
              onChange={(options: string[]) => onChange({ options })}
            />
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}

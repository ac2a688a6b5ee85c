import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { failureMessage } from '../api/problem.util';
import type { PublishInput } from './drafts.api';

interface Values {
  decisionNumber: string;
  decisionDate: Dayjs;
  effectiveFrom: Dayjs;
}

/**
 * Publishing (publishers only): the decision's reference and date, and the date the version takes effect.
 * Refused here while the diagram has errors; the engine validates again.
 */
export function PublishDialog({
  open,
  errors,
  onPublish,
  onClose,
}: {
  readonly open: boolean;
  readonly errors: number;
  readonly onPublish: (input: PublishInput) => Promise<void>;
  readonly onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setFailure(null);
    try {
      await onPublish({
        decisionNumber: v.decisionNumber.trim(),
        decisionDate: v.decisionDate.format('YYYY-MM-DD'),
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      });
      form.resetFields();
    } catch (error) {
      setFailure(failureMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title="Ban hành quy trình"
      okText="Ban hành"
      cancelText="Huỷ"
      okButtonProps={{ disabled: errors > 0, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {errors > 0 ? (
        <Alert
          type="error"
          showIcon
          title={`Quy trình còn ${errors} lỗi: sửa hết lỗi trong danh sách bên dưới sơ đồ rồi mới ban hành được.`}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title="Sau khi ban hành, hồ sơ mới tiếp nhận từ ngày hiệu lực sẽ chạy theo quy trình này; hồ sơ đang giải quyết giữ quy trình cũ. Không hoàn tác được."
        />
      )}
      <Form form={form} layout="vertical" style={{ marginTop: 12 }} disabled={errors > 0}>
        <Form.Item
          name="decisionNumber"
          label="Số quyết định phê duyệt quy trình nội bộ"
          rules={[{ required: true, whitespace: true, message: 'Nhập số quyết định, ví dụ 1234/QĐ-UBND.' }]}
        >
          <Input placeholder="1234/QĐ-UBND" />
        </Form.Item>
        <Form.Item
          name="decisionDate"
          label="Ngày ký quyết định"
          rules={[{ required: true, message: 'Chọn ngày ký.' }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label="Ngày có hiệu lực"
          rules={[{ required: true, message: 'Chọn ngày có hiệu lực.' }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {failure !== null && <Alert type="error" showIcon title={failure} />}
    </Modal>
  );
}

import { App, Form, Input, Modal } from 'antd';
import { failureMessage } from '../api/problem.util';
import { useSavedFilterChanges } from './inbox.api';
import type { InboxFilters } from './inbox-filters.util';

/**
 * Naming the current filters to save them. Loaded by SavedFilters when first opened (antd's Form is
 * not on the inbox's first load: test/bench/inbox/bundle.mjs).
 */
export default function SaveFilterDialog({
  filters,
  open,
  onClose,
}: {
  readonly filters: InboxFilters;
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const { save } = useSavedFilterChanges();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();

  const submit = async ({ name }: { name: string }) => {
    try {
      await save.mutateAsync({ name: name.trim(), query: filters });
      void message.success(`Đã lưu bộ lọc “${name.trim()}”.`);
      onClose();
      form.resetFields();
    } catch (error) {
      form.setFields([{ name: 'name', errors: [failureMessage(error)] }]);
    }
  };

  return (
    <Modal
      title="Lưu bộ lọc hiện tại"
      open={open}
      okText="Lưu"
      cancelText="Hủy"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item
          name="name"
          label="Tên bộ lọc"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập tên bộ lọc.' },
            { max: 100, message: 'Tên bộ lọc tối đa 100 ký tự.' },
          ]}
        >
          <Input autoFocus placeholder="Ví dụ: Quá hạn của tôi" maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { failureMessage } from '../api/problem.util';
import { useSavedFilterChanges, useSavedFilters } from './inbox.api';
import { type InboxFilters, sameFilters } from './inbox-filters.util';

/** The person's saved filters: pick one, save the current filters under a name, delete the one shown. */
export function SavedFilters({
  filters,
  onPick,
}: {
  readonly filters: InboxFilters;
  readonly onPick: (filters: InboxFilters) => void;
}) {
  const saved = useSavedFilters();
  const { save, remove } = useSavedFilterChanges();
  const { message, modal } = App.useApp();
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const list = saved.data ?? [];
  const current = list.find((f) => sameFilters(f.query, filters));
  const empty = Object.values(filters).every((v) => v === undefined);

  const submit = async ({ name }: { name: string }) => {
    try {
      await save.mutateAsync({ name: name.trim(), query: filters });
      void message.success(`Đã lưu bộ lọc “${name.trim()}”.`);
      setNaming(false);
      form.resetFields();
    } catch (error) {
      form.setFields([{ name: 'name', errors: [failureMessage(error)] }]);
    }
  };

  const confirmDelete = () => {
    if (!current) return;
    modal.confirm({
      title: `Xóa bộ lọc “${current.name}”?`,
      content: 'Bộ lọc đã lưu sẽ bị xóa; các hồ sơ không bị ảnh hưởng.',
      okText: 'Xóa',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: async () => {
        try {
          await remove.mutateAsync(current.id);
          void message.success(`Đã xóa bộ lọc “${current.name}”.`);
        } catch (error) {
          void message.error(failureMessage(error));
        }
      },
    });
  };

  return (
    <Space>
      <Select
        aria-label="Bộ lọc đã lưu"
        placeholder={list.length === 0 ? 'Chưa có bộ lọc đã lưu' : 'Bộ lọc đã lưu'}
        loading={saved.isPending}
        disabled={list.length === 0}
        value={current?.id ?? null}
        onChange={(id: string) => {
          const picked = list.find((f) => f.id === id);
          if (picked) onPick(picked.query);
        }}
        options={list.map((f) => ({ value: f.id, label: f.name }))}
        style={{ width: 210 }}
      />
      {current ? (
        <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} aria-label="Xóa bộ lọc đã lưu">
          Xóa
        </Button>
      ) : (
        <Button icon={<SaveOutlined />} disabled={empty} onClick={() => setNaming(true)}>
          Lưu bộ lọc…
        </Button>
      )}
      <Modal
        title="Lưu bộ lọc hiện tại"
        open={naming}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setNaming(false)}
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
    </Space>
  );
}

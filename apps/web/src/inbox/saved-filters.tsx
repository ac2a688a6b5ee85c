import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Select, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { failureMessage } from '../api/problem.util';
import { useSavedFilterChanges, useSavedFilters } from './inbox.api';
import { type InboxFilters, sameFilters } from './inbox-filters.util';

const SaveFilterDialog = lazy(() => import('./save-filter-dialog'));

/** The person's saved filters: pick one, save the current filters under a name, delete the one shown. */
export function SavedFilters({
  filters,
  onPick,
}: {
  readonly filters: InboxFilters;
  readonly onPick: (filters: InboxFilters) => void;
}) {
  const saved = useSavedFilters();
  const { remove } = useSavedFilterChanges();
  const { message, modal } = App.useApp();
  // the naming dialog, fetched when first opened, then kept (it closes with its animation)
  const [naming, setNaming] = useState<boolean | null>(null);
  const list = saved.data ?? [];
  const current = list.find((f) => sameFilters(f.query, filters));
  const empty = Object.values(filters).every((v) => v === undefined);

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
      {naming !== null && (
        <Suspense fallback={null}>
          <SaveFilterDialog filters={filters} open={naming} onClose={() => setNaming(false)} />
        </Suspense>
      )}
    </Space>
  );
}

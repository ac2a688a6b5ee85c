import { ClearOutlined } from '@ant-design/icons';
import { Button, Flex, Input, type InputRef, Segmented, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { components } from '../api/schema.gen';
import { type InboxFilters, rangeDays } from './inbox-filters.util';
import { LazyDueRange } from './lazy-due-range';
import { SavedFilters } from './saved-filters';

type TaskCountsDto = components['schemas']['TaskCountsDto'];

const STATUS_LABELS = { on_track: 'Đúng hạn', due_soon: 'Sắp đến hạn', overdue: 'Quá hạn' } as const;

export const SEARCH_PLACEHOLDER = 'Mã hồ sơ, tên người nộp, số thửa…';

/** Whether a key press was meant for a field (typing "/" in a form is not a shortcut). */
function inField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Above the inbox's table: search, procedure and version, assignee, deadline status (with counts) and
 * due range, and the person's saved filters. `/` puts the cursor in the search box.
 */
export function InboxFilterBar({
  filters,
  counts,
  onChange,
}: {
  readonly filters: InboxFilters;
  readonly counts: TaskCountsDto | undefined;
  readonly onChange: (next: InboxFilters) => void;
}) {
  const search = useRef<InputRef>(null);
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || inField(e.target)) return;
      e.preventDefault();
      search.current?.focus({ cursor: 'all' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const set = (change: InboxFilters) => onChange({ ...filters, ...change });
  const procedures = counts?.byProcedure ?? [];
  const chosen = procedures.find((p) => p.definitionKey === filters.definitionKey);
  const procedureOptions = procedures.map((p) => ({
    value: p.definitionKey,
    label: `${p.procedureName} (${p.count})`,
  }));
  if (filters.definitionKey && !chosen)
    procedureOptions.unshift({ value: filters.definitionKey, label: `${filters.definitionKey} (0)` });
  const byStatus = counts?.byDeadlineStatus;
  const all = byStatus ? byStatus.on_track + byStatus.due_soon + byStatus.overdue : undefined;
  const withCount = (label: string, n: number | undefined) => (n === undefined ? label : `${label} (${n})`);
  const [first, last] = rangeDays(filters);
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }} role="search" aria-label="Lọc hộp việc">
      <Flex gap={8} wrap align="center">
        <Input.Search
          ref={search}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(value) => set({ q: value.trim() || undefined })}
          placeholder={SEARCH_PLACEHOLDER}
          aria-label="Tìm hồ sơ (phím tắt /)"
          allowClear
          enterButton="Tìm"
          style={{ width: 340 }}
          maxLength={100}
        />
        <Select
          aria-label="Thủ tục"
          placeholder="Tất cả thủ tục"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.definitionKey}
          onChange={(key?: string) => set({ definitionKey: key, definitionVersion: undefined })}
          options={procedureOptions}
          style={{ width: 260 }}
          popupMatchSelectWidth={420}
        />
        <Select
          aria-label="Phiên bản"
          placeholder="Mọi phiên bản"
          allowClear
          disabled={!filters.definitionKey}
          value={filters.definitionVersion}
          onChange={(v?: string) => set({ definitionVersion: v })}
          options={(chosen?.versions ?? []).map((v) => ({
            value: String(v.version),
            label: `Phiên bản ${v.version} (${v.count})`,
          }))}
          style={{ width: 150 }}
        />
        <Select
          aria-label="Người xử lý"
          value={filters.assignee ?? ''}
          onChange={(v: string) => set({ assignee: v || undefined })}
          options={[
            { value: '', label: 'Mọi người xử lý' },
            { value: 'me', label: 'Tôi đã nhận' },
            { value: 'unassigned', label: 'Chưa có người nhận' },
          ]}
          style={{ width: 170 }}
        />
        {filtered && (
          <Button icon={<ClearOutlined />} onClick={() => onChange({})}>
            Bỏ lọc
          </Button>
        )}
      </Flex>
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <Segmented
            aria-label="Tình trạng hạn"
            value={filters.deadlineStatus ?? ''}
            onChange={(v) => set({ deadlineStatus: (v as string) || undefined })}
            options={[
              { value: '', label: withCount('Tất cả', all) },
              ...(['on_track', 'due_soon', 'overdue'] as const).map((s) => ({
                value: s,
                label: withCount(STATUS_LABELS[s], byStatus?.[s]),
              })),
            ]}
          />
          <LazyDueRange first={first} last={last} onChange={set} />
        </Flex>
        <SavedFilters filters={filters} onPick={onChange} />
      </Flex>
    </Flex>
  );
}

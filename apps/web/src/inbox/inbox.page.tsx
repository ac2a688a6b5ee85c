import { WorkingCalendar } from '@lienthong/calendar';
import { ReloadOutlined, RollbackOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type Key } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/problem.util';
import { useSession } from '../auth/use-session';
import { LiveIndicator } from '../live/live-indicator';
import { formatVietnamDateTime } from '../format/date.util';
import { DeadlineTag } from './deadline-tag';
import { useInbox, useInboxCounts, useUnitNames } from './inbox.api';
import { InboxFilterBar } from './inbox-filter-bar';
import { emptyText, filtersFromParams, type InboxFilters, withFilters } from './inbox-filters.util';
import { LazyTaskDrawer } from './lazy-task-drawer';
import { useClaimSteps } from './task.api';
import { stepTimeWords } from './working-time-words.util';
import type { components } from '../api/schema.gen';
import { OutsideMeasureRow } from '../layout/outside-measure-row';

/** A row of the list, as the OpenAPI document describes it. */
type TaskListItemDto = components['schemas']['TaskListItemDto'];

const calendar = new WorkingCalendar();

/** The present, moving once a minute (the remaining time in words follows it). */
function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * Around the table: a card's border and corners (antd's Card would bring its tabs along, 13 kB gzip on
 * the inbox's first load: test/bench/inbox/bundle.mjs).
 */
const FRAME = { background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' } as const;

const TIME_COLOUR = { overdue: '#cf1322', due_soon: '#d46b08' } as const;

export default function InboxPage() {
  const [params, setParams] = useSearchParams();
  // the filters live in the URL: a link shares them, the back button undoes one
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = (next: InboxFilters) => setParams((p) => withFilters(p, next));
  const inbox = useInbox(filters);
  const counts = useInboxCounts(filters);
  const units = useUnitNames();
  const now = useNow();
  const tasks = useMemo(() => inbox.data?.pages.flatMap((p) => p.items) ?? [], [inbox.data]);
  const openId = params.get('buoc');
  const open = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id === null) next.delete('buoc');
      else next.set('buoc', id);
      return next;
    });
  const [selected, setSelected] = useState<Key[]>([]);
  const state = useSession();
  const me = state.status === 'signed-in' ? state.user.username : null;
  const claim = useClaimSteps();
  const { message, notification } = App.useApp();
  const chosen = tasks.filter((t) => selected.includes(t.id));
  const claimable = chosen.filter((t) => t.assignee === null);
  const givable = chosen.filter((t) => t.assignee !== null && t.assignee === me);

  // Steps gone from the list (completed, given away) are no longer selected.
  useEffect(() => {
    setSelected((keys) => {
      const kept = keys.filter((k) => tasks.some((t) => t.id === k));
      return kept.length === keys.length ? keys : kept;
    });
  }, [tasks]);

  const claimMany = async (action: 'claim' | 'unclaim', ids: string[]) => {
    const results = await claim.mutateAsync({ ids, action });
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ id: ids[i]!, error: r.reason as unknown }] : [],
    );
    const done = ids.length - failed.length;
    if (done > 0) {
      void message.success(
        action === 'claim' ? `Đã nhận xử lý ${done} bước.` : `Đã trả lại ${done} bước cho đơn vị.`,
      );
    }
    if (failed.length > 0) {
      notification.error({
        title:
          action === 'claim'
            ? `Không nhận được ${failed.length} bước`
            : `Không trả lại được ${failed.length} bước`,
        description: (
          <ul style={{ paddingLeft: 16, margin: 0 }}>
            {failed.map((f) => (
              <li key={f.id}>
                {tasks.find((t) => t.id === f.id)?.dossierCode}:{' '}
                {f.error instanceof ApiError ? f.error.message : 'Đã có lỗi xảy ra.'}
              </li>
            ))}
          </ul>
        ),
      });
    }
    setSelected([]);
  };

  // The unit column only when the list spans several units: an officer's steps are all of their own unit,
  // and at 1366 px its long names would squeeze the procedure and the step into five lines.
  const severalUnits = new Set(tasks.map((t) => t.unit)).size > 1;
  const allColumns: ColumnsType<TaskListItemDto> = [
    {
      title: 'Mã hồ sơ',
      dataIndex: 'dossierCode',
      width: 230,
      render: (code: string) => (
        <Typography.Text copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}>{code}</Typography.Text>
      ),
    },
    { title: 'Thủ tục', dataIndex: 'procedureName' },
    { title: 'Bước xử lý', dataIndex: 'name', render: (name: string | null, t) => name ?? t.nodeId },
    {
      title: 'Đơn vị',
      key: 'unit',
      dataIndex: 'unit',
      render: (code: string | null) => (code === null ? '—' : (units.data?.get(code) ?? code)),
    },
    {
      title: 'Trạng thái',
      dataIndex: 'assignee',
      width: 130,
      render: (assignee: string | null) =>
        assignee === null ? <Tag>Chờ nhận</Tag> : <Tag color="processing">Đang xử lý · {assignee}</Tag>,
    },
    {
      title: 'Hạn xử lý',
      dataIndex: 'dueAt',
      width: 140,
      render: (dueAt: string | null) => formatVietnamDateTime(dueAt),
    },
    {
      title: 'Tình trạng hạn',
      dataIndex: 'deadlineStatus',
      width: 200,
      render: (status: string, t) => (
        <Flex vertical gap={2} align="start">
          <DeadlineTag status={status} clock={t.clock} holds={t.dossierHolds} />
          <Typography.Text
            style={{ fontSize: 12, color: TIME_COLOUR[status as keyof typeof TIME_COLOUR] }}
            type={status === 'on_track' ? 'secondary' : undefined}
          >
            {stepTimeWords(calendar, now, t)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'Thao tác',
      key: 'action',
      width: 84,
      fixed: 'right',
      render: (_: unknown, t) => (
        <Button
          type="link"
          onClick={() => open(t.id)}
          aria-label={`Xử lý hồ sơ ${t.dossierCode}`}
          style={{ padding: 0 }}
        >
          Xử lý
        </Button>
      ),
    },
  ];
  const columns = severalUnits ? allColumns : allColumns.filter((c) => c.key !== 'unit');

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Hộp việc
          </Typography.Title>
          <Typography.Text type="secondary">
            Các bước đang chờ đơn vị và bạn xử lý, bước sắp đến hạn trước.
          </Typography.Text>
        </div>
        <Space>
          <LiveIndicator />
          {selected.length > 0 && (
            <Typography.Text type="secondary" aria-live="polite">
              Đã chọn {selected.length} bước
            </Typography.Text>
          )}
          <Button
            icon={<UserAddOutlined />}
            disabled={claimable.length === 0}
            loading={claim.isPending && claim.variables?.action === 'claim'}
            onClick={() =>
              void claimMany(
                'claim',
                claimable.map((t) => t.id),
              )
            }
          >
            Nhận xử lý{claimable.length > 0 ? ` (${claimable.length})` : ''}
          </Button>
          <Button
            icon={<RollbackOutlined />}
            disabled={givable.length === 0}
            loading={claim.isPending && claim.variables?.action === 'unclaim'}
            onClick={() =>
              void claimMany(
                'unclaim',
                givable.map((t) => t.id),
              )
            }
          >
            Trả lại{givable.length > 0 ? ` (${givable.length})` : ''}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void Promise.all([inbox.refetch(), counts.refetch()])}
            loading={inbox.isRefetching && !inbox.isFetchingNextPage}
          >
            Làm mới
          </Button>
        </Space>
      </Flex>
      <InboxFilterBar filters={filters} counts={counts.data} onChange={setFilters} />
      {inbox.isError && (
        <Alert
          type="error"
          showIcon
          title="Không tải được hộp việc"
          description={inbox.error.message}
          action={<Button onClick={() => void inbox.refetch()}>Thử lại</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <div style={FRAME}>
        {inbox.isPending ? (
          <div style={{ padding: 24 }} aria-busy="true" aria-label="Đang tải hộp việc">
            <Skeleton active title={false} paragraph={{ rows: 8 }} />
          </div>
        ) : (
          <Table<TaskListItemDto>
            rowKey="id"
            columns={columns}
            dataSource={tasks}
            loading={inbox.isPlaceholderData}
            pagination={false}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: setSelected,
              columnWidth: 48,
              columnTitle: (checkbox) => <OutsideMeasureRow>{checkbox}</OutsideMeasureRow>,
              getCheckboxProps: (t) => ({ 'aria-label': `Chọn hồ sơ ${t.dossierCode}` }),
            }}
            size="middle"
            scroll={{ x: 1150 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={emptyText(filters)}
                  style={{ padding: '32px 0' }}
                />
              ),
            }}
          />
        )}
      </div>
      {tasks.length > 0 && (
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" aria-live="polite">
            Đang hiển thị {tasks.length}
            {counts.data && counts.data.total > tasks.length ? ` / ${counts.data.total}` : ''} bước
          </Typography.Text>
          {inbox.hasNextPage && (
            <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
              Tải thêm
            </Button>
          )}
        </Flex>
      )}
      <LazyTaskDrawer taskId={openId} onClose={() => open(null)} />
    </>
  );
}

import { WorkingCalendar } from '@lienthong/calendar';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { formatVietnamDateTime } from '../format/date.util';
import { DeadlineTag } from './deadline-tag';
import { useInbox, useUnitNames } from './inbox.api';
import { stepTimeWords } from './working-time-words.util';
import type { components } from '../api/schema.gen';

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

const TIME_COLOUR = { overdue: '#cf1322', due_soon: '#d46b08' } as const;

export default function InboxPage() {
  const inbox = useInbox();
  const units = useUnitNames();
  const now = useNow();
  const tasks = useMemo(() => inbox.data?.pages.flatMap((p) => p.items) ?? [], [inbox.data]);

  const columns: ColumnsType<TaskListItemDto> = [
    {
      title: 'Mã hồ sơ',
      dataIndex: 'dossierCode',
      width: 250,
      render: (code: string) => (
        <Typography.Text copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}>{code}</Typography.Text>
      ),
    },
    { title: 'Thủ tục', dataIndex: 'procedureName' },
    { title: 'Bước xử lý', dataIndex: 'name', render: (name: string | null, t) => name ?? t.nodeId },
    {
      title: 'Đơn vị',
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
          <DeadlineTag status={status} clock={t.clock} />
          <Typography.Text
            style={{ fontSize: 12, color: TIME_COLOUR[status as keyof typeof TIME_COLOUR] }}
            type={status === 'on_track' ? 'secondary' : undefined}
          >
            {stepTimeWords(calendar, now, t)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

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
        <Button icon={<ReloadOutlined />} onClick={() => void inbox.refetch()} loading={inbox.isRefetching}>
          Làm mới
        </Button>
      </Flex>
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
      <Card styles={{ body: { padding: 0 } }}>
        {inbox.isPending ? (
          <div style={{ padding: 24 }} aria-busy="true" aria-label="Đang tải hộp việc">
            <Skeleton active title={false} paragraph={{ rows: 8 }} />
          </div>
        ) : (
          <Table<TaskListItemDto>
            rowKey="id"
            columns={columns}
            dataSource={tasks}
            pagination={false}
            size="middle"
            scroll={{ x: 1000 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description="Không có việc nào đang chờ"
                  style={{ padding: '32px 0' }}
                />
              ),
            }}
          />
        )}
      </Card>
      {tasks.length > 0 && (
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">Đang hiển thị {tasks.length} bước</Typography.Text>
          {inbox.hasNextPage && (
            <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
              Tải thêm
            </Button>
          )}
        </Flex>
      )}
    </>
  );
}

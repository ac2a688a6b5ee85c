import { WorkingCalendar } from '@lienthong/calendar';
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { components } from '../api/schema.gen';
import { useSession } from '../auth/use-session';
import { formatVietnamDateTime } from '../format/date.util';
import { DeadlineTag } from '../inbox/deadline-tag';
import { LazyTaskDrawer } from '../inbox/lazy-task-drawer';
import { useOpenStep } from '../inbox/open-step';
import { stepTimeWords } from '../inbox/working-time-words.util';
import { useUnitSummary } from './leader.api';
import { formatMonth, formatRate } from './rate.util';

type TaskListItemDto = components['schemas']['TaskListItemDto'];

const calendar = new WorkingCalendar();

/**
 * The leader's page (Lãnh đạo): the on-time rate of the unit's steps finished this month, how many
 * open steps are overdue or due soon, and those steps, each opening in the step's drawer.
 */
export default function LeaderPage() {
  const state = useSession();
  const unit = state.status === 'signed-in' ? state.user.unit : null;
  const summary = useUnitSummary(unit?.code ?? null);
  const [openId, open] = useOpenStep();
  const s = summary.data;
  const now = s ? new Date(s.at) : new Date();

  /** The table's columns; `status` is the table's (computed at the engine's instant, ahead of the sweep's mark). */
  const columns = (status: 'overdue' | 'due_soon'): ColumnsType<TaskListItemDto> => [
    { title: 'Mã hồ sơ', dataIndex: 'dossierCode', width: 220 },
    { title: 'Thủ tục', dataIndex: 'procedureName' },
    { title: 'Bước xử lý', dataIndex: 'name', render: (name: string | null, t) => name ?? t.nodeId },
    {
      title: 'Cán bộ',
      dataIndex: 'assignee',
      width: 150,
      render: (assignee: string | null) => assignee ?? <Tag>Chưa giao</Tag>,
    },
    {
      title: 'Hạn xử lý',
      dataIndex: 'dueAt',
      width: 210,
      render: (dueAt: string | null, t) => (
        <Flex vertical gap={2} align="start">
          <span>{formatVietnamDateTime(dueAt)}</span>
          <Flex gap={4} align="center" wrap>
            <DeadlineTag status={status} clock={t.clock} holds={t.dossierHolds} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {stepTimeWords(calendar, now, t)}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    {
      title: 'Thao tác',
      key: 'action',
      width: 84,
      render: (_: unknown, t) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => open(t.id)}
          aria-label={`Mở hồ sơ ${t.dossierCode}`}
        >
          Mở
        </Button>
      ),
    },
  ];

  const stepTable = (
    title: string,
    status: 'overdue' | 'due_soon',
    rows: TaskListItemDto[],
    total: number,
    empty: string,
  ) => (
    <Card
      title={title}
      extra={total > rows.length ? `Hiển thị ${rows.length}/${total} bước` : undefined}
      styles={{ body: { padding: 0 } }}
      style={{ marginTop: 16 }}
    >
      <Table<TaskListItemDto>
        rowKey="id"
        columns={columns(status)}
        dataSource={rows}
        size="middle"
        aria-label={title}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ padding: '16px 0' }} />
          ),
        }}
      />
    </Card>
  );

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Theo dõi tiến độ đơn vị
          </Typography.Title>
          <Typography.Text type="secondary">
            {unit?.name ?? unit?.code}
            {s && ` · số liệu lúc ${formatVietnamDateTime(s.at)}`}
          </Typography.Text>
        </div>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void summary.refetch()}
          loading={summary.isRefetching}
        >
          Làm mới
        </Button>
      </Flex>
      {summary.isError && (
        <Alert
          type="error"
          showIcon
          title="Không tải được số liệu của đơn vị"
          description={summary.error.message}
          action={<Button onClick={() => void summary.refetch()}>Thử lại</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {summary.isPending && (
        <div aria-busy="true" aria-label="Đang tải số liệu">
          <Skeleton active paragraph={{ rows: 10 }} />
        </div>
      )}
      {s && (
        <>
          <Row gutter={16} align="stretch">
            <FigureCard
              title={`Tỷ lệ đúng hạn tháng ${formatMonth(s.onTimeRate.month)}`}
              value={formatRate(s.onTimeRate.rate)}
              colour="#389e0d"
              note={
                s.onTimeRate.finished === 0
                  ? 'Chưa có bước nào hoàn thành trong tháng'
                  : `${s.onTimeRate.early + s.onTimeRate.onTime}/${s.onTimeRate.finished} bước đúng hạn, ${s.onTimeRate.late} trễ hạn`
              }
            />
            <FigureCard
              title="Bước quá hạn"
              value={s.overdue}
              colour="#cf1322"
              note="đang chờ xử lý, đã quá hạn"
            />
            <FigureCard
              title="Bước sắp đến hạn"
              value={s.dueSoon}
              colour="#d46b08"
              note="cần ưu tiên xử lý"
            />
            <FigureCard title="Bước đang xử lý" value={s.open} note="của đơn vị" />
          </Row>
          {stepTable('Bước quá hạn', 'overdue', s.overdueSteps, s.overdue, 'Không có bước nào quá hạn')}
          {stepTable(
            'Bước sắp đến hạn',
            'due_soon',
            s.dueSoonSteps,
            s.dueSoon,
            'Không có bước nào sắp đến hạn',
          )}
        </>
      )}
      <LazyTaskDrawer taskId={openId} onClose={() => open(null)} />
    </>
  );
}

/** One figure of the unit, with what it counts. */
function FigureCard({
  title,
  value,
  colour,
  note,
}: {
  readonly title: string;
  readonly value: number | string;
  readonly colour?: string;
  readonly note: string;
}) {
  return (
    <Col span={6}>
      <Card style={{ height: '100%' }}>
        <Statistic title={title} value={value} styles={colour ? { content: { color: colour } } : undefined} />
        <Typography.Text type="secondary">{note}</Typography.Text>
      </Card>
    </Col>
  );
}

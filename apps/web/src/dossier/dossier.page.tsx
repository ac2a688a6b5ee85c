import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/problem.util';
import { CHANNEL_LABELS } from '../desk/procedure-fields.util';
import { workingTimeLimitWords } from '../desk/time-limit.util';
import { formatVietnamDateTime } from '../format/date.util';
import { useUnitNames } from '../inbox/inbox.api';
import { useSession } from '../auth/use-session';
import { BpmnDiagram } from './bpmn-diagram';
import { StopDossierButton, StopNotice } from './stop-dossier';
import { useDossierView } from './dossier.api';
import { clockWords, EVENT_WORDS, OUTCOME_WORDS, STATUS_WORDS, valueWords } from './dossier-words.util';
import type { components } from '../api/schema.gen';

type ControlSheetStepDto = components['schemas']['ControlSheetStepDto'];
type VariableChangeDto = components['schemas']['VariableChangeDto'];
type OutcomeDto = NonNullable<ControlSheetStepDto['outcome']>;

const OUTCOME_COLOURS: Record<OutcomeDto, string> = {
  early: 'success',
  on_time: 'processing',
  late: 'error',
};

const REASON_LABELS = {
  refused: 'Lý do từ chối',
  cancelled: 'Lý do hủy',
  stopped: 'Lý do dừng giải quyết',
} as const;

function OutcomeTag({ outcome }: { readonly outcome: OutcomeDto | null }) {
  return outcome === null ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <Tag color={OUTCOME_COLOURS[outcome]}>{OUTCOME_WORDS[outcome]}</Tag>
  );
}

/** Không tìm thấy hồ sơ: the same for a dossier that does not exist and one of another unit. */
function DossierNotFound({ code }: { readonly code: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="Không tìm thấy hồ sơ"
      subTitle={`Không có hồ sơ mã “${code}” trong phạm vi đơn vị của bạn. Kiểm tra lại mã hồ sơ.`}
      extra={
        <Button type="primary" onClick={() => void navigate(-1)}>
          Quay lại
        </Button>
      }
    />
  );
}

/**
 * The dossier view (`/ho-so/:code`): who, what and when; its clock; the path on its diagram; the process
 * control record (Phiếu kiểm soát quá trình giải quyết hồ sơ) with pauses, restarts and extensions;
 * the variables' history. A dossier the engine does not show the officer answers "Không tìm thấy hồ sơ".
 */
export default function DossierPage() {
  const code = useParams()['code'] ?? '';
  const navigate = useNavigate();
  const { dossier, diagram, control, variables } = useDossierView(code);
  const units = useUnitNames();
  const unitName = (c: string | null) => (c === null ? '—' : (units.data?.get(c) ?? c));
  const session = useSession();
  const isLeader = session.status === 'signed-in' && session.user.roles.includes('leader');

  if (dossier.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (dossier.isError) {
    if (dossier.error instanceof ApiError && dossier.error.status === 404)
      return <DossierNotFound code={code} />;
    return <Alert type="error" showIcon title="Không tải được hồ sơ" description={dossier.error.message} />;
  }
  const d = dossier.data;
  const events = control.data?.events ?? [];
  const restartedAt = events.filter((e) => e.kind === 'restarted').at(-1)?.at ?? null;
  const steps = control.data?.steps ?? [];

  const stepColumns: ColumnsType<ControlSheetStepDto> = [
    { title: 'Bước xử lý', key: 'name', render: (_, s) => s.name ?? s.nodeId },
    { title: 'Đơn vị', dataIndex: 'unit', width: 190, render: (u: string | null) => unitName(u) },
    {
      title: 'Cán bộ giao',
      key: 'gave',
      width: 110,
      render: (_, s, i) => (i === 0 ? 'Người nộp' : (steps[i - 1]?.officer ?? '—')),
    },
    { title: 'Cán bộ nhận', dataIndex: 'officer', width: 110, render: (o: string | null) => o ?? '—' },
    {
      title: 'Nhận lúc',
      dataIndex: 'receivedAt',
      width: 130,
      render: (t: string) => formatVietnamDateTime(t),
    },
    {
      title: 'Hạn xử lý',
      dataIndex: 'dueAt',
      width: 130,
      render: (t: string | null) => formatVietnamDateTime(t),
    },
    {
      title: 'Hoàn thành',
      dataIndex: 'finishedAt',
      width: 130,
      render: (t: string | null, s) =>
        t === null && s.status === 'active' ? <Tag color="blue">Đang xử lý</Tag> : formatVietnamDateTime(t),
    },
    {
      title: 'Kết quả',
      dataIndex: 'outcome',
      width: 100,
      render: (o: OutcomeDto | null) => <OutcomeTag outcome={o} />,
    },
  ];
  const variableColumns: ColumnsType<VariableChangeDto> = [
    { title: 'Thời điểm', dataIndex: 'at', width: 140, render: (t: string) => formatVietnamDateTime(t) },
    {
      title: 'Biến',
      dataIndex: 'name',
      width: 200,
      render: (n: string) => <Typography.Text code>{n}</Typography.Text>,
    },
    { title: 'Giá trị', dataIndex: 'value', render: (v: unknown) => valueWords(v) },
    {
      title: 'Nguồn',
      key: 'source',
      width: 240,
      render: (_, v) => (v.source === 'reception' ? 'Khi tiếp nhận hồ sơ' : (v.nodeName ?? v.nodeId ?? '—')),
    },
    { title: 'Người ghi', dataIndex: 'actor', width: 120, render: (a: string | null) => a ?? '—' },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space align="center" size={12}>
          <Button icon={<ArrowLeftOutlined />} aria-label="Quay lại" onClick={() => void navigate(-1)} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            Hồ sơ {d.code}
          </Typography.Title>
          <Tag
            color={d.status === 'active' ? 'processing' : d.status === 'completed' ? 'success' : 'default'}
          >
            {STATUS_WORDS[d.status]}
          </Tag>
          {d.outcome !== null && <OutcomeTag outcome={d.outcome} />}
        </Space>
        {isLeader && d.status === 'active' && <StopDossierButton dossier={d} />}
      </Flex>
      {d.status === 'stopped' && <StopNotice dossier={d} unitName={unitName} />}
      <Card size="small" title="Thông tin hồ sơ">
        <Descriptions
          size="small"
          column={3}
          aria-label="Thông tin hồ sơ"
          items={[
            {
              key: 'procedure',
              label: 'Thủ tục',
              span: 2,
              children: `${d.procedureName} (phiên bản ${d.definitionVersion})`,
            },
            { key: 'channel', label: 'Hình thức nộp', children: CHANNEL_LABELS[d.channel] },
            {
              key: 'applicant',
              label: d.applicant.kind === 'organisation' ? 'Tổ chức nộp' : 'Người nộp',
              span: 2,
              children: [d.applicant.name, d.applicant.idNumber, d.applicant.phone]
                .filter(Boolean)
                .join(' · '),
            },
            { key: 'desk', label: 'Nơi tiếp nhận', children: unitName(d.receivingUnit) },
            { key: 'received', label: 'Tiếp nhận lúc', children: formatVietnamDateTime(d.createdAt) },
            {
              key: 'limit',
              label: 'Thời hạn giải quyết',
              children: workingTimeLimitWords(d.deadline.legalTimeLimit),
            },
            {
              key: 'appointment',
              label: 'Ngày hẹn trả kết quả',
              children: <Typography.Text strong>{formatVietnamDateTime(d.appointmentAt)}</Typography.Text>,
            },
            { key: 'due', label: 'Hạn giải quyết', children: formatVietnamDateTime(d.dueAt) },
            { key: 'clock', label: 'Tính thời gian', children: clockWords({ ...d, restartedAt }) },
            { key: 'ended', label: 'Kết thúc lúc', children: formatVietnamDateTime(d.endedAt) },
            ...(d.status === 'refused' || d.status === 'cancelled' || d.status === 'stopped'
              ? [
                  {
                    key: 'reason',
                    label: REASON_LABELS[d.status],
                    span: 3,
                    children: d.result?.reason ?? '—',
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {d.status !== 'refused' && (
        <Card
          size="small"
          title="Quá trình giải quyết trên sơ đồ quy trình"
          extra={
            <Space size={16} aria-label="Chú giải sơ đồ">
              <span>
                <span
                  className="lt-legend-swatch"
                  style={{ borderColor: '#389e0d', background: '#f6ffed' }}
                />
                Đã qua
              </span>
              <span>
                <span
                  className="lt-legend-swatch"
                  style={{ borderColor: '#1677ff', background: '#e6f4ff' }}
                />
                Đang xử lý
              </span>
              <span>
                <span
                  className="lt-legend-swatch"
                  style={{ borderColor: '#cf1322', background: '#fff1f0' }}
                />
                Trễ hạn
              </span>
            </Space>
          }
        >
          {diagram.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
          {diagram.isError && (
            <Alert type="error" showIcon title="Không tải được sơ đồ" description={diagram.error.message} />
          )}
          {diagram.data && (
            <BpmnDiagram
              xml={diagram.data.bpmnXml}
              finished={diagram.data.finishedIds}
              active={diagram.data.activeIds}
              late={diagram.data.lateIds}
            />
          )}
        </Card>
      )}
      <Card size="small" title="Phiếu kiểm soát quá trình giải quyết hồ sơ" styles={{ body: { padding: 0 } }}>
        {control.isError && (
          <Alert
            type="error"
            showIcon
            title="Không tải được phiếu kiểm soát"
            description={control.error.message}
          />
        )}
        <Table<ControlSheetStepDto>
          rowKey="taskId"
          size="small"
          columns={stepColumns}
          dataSource={steps}
          loading={control.isPending}
          pagination={false}
          scroll={{ x: 1100 }}
          aria-label="Phiếu kiểm soát quá trình giải quyết hồ sơ"
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Hồ sơ chưa qua bước xử lý nào" />
            ),
          }}
        />
      </Card>
      <Flex gap={16} align="start">
        <Card size="small" title="Tạm dừng, tính lại, gia hạn" style={{ flex: '0 0 420px' }}>
          {events.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="Chưa có lần tạm dừng, tính lại hay gia hạn nào"
            />
          ) : (
            <Timeline
              items={events.map((e) => ({
                key: e.id,
                color:
                  e.kind === 'overdue'
                    ? 'red'
                    : e.kind === 'extended' || e.kind === 'due_soon'
                      ? 'orange'
                      : 'blue',
                content: (
                  <>
                    <Typography.Text strong>{EVENT_WORDS[e.kind] ?? e.kind}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{formatVietnamDateTime(e.at)}</Typography.Text>
                    {e.reason && <div>{e.reason}</div>}
                    {e.newDueAt && <div>Hẹn mới: {formatVietnamDateTime(e.newDueAt)}</div>}
                    {e.actor && <Typography.Text type="secondary">Cán bộ: {e.actor}</Typography.Text>}
                  </>
                ),
              }))}
            />
          )}
        </Card>
        <Card
          size="small"
          title="Lịch sử thông tin hồ sơ"
          style={{ flex: 1, minWidth: 0 }}
          styles={{ body: { padding: 0 } }}
        >
          <Table<VariableChangeDto>
            rowKey={(v) => `${v.at}-${v.name}-${v.nodeId ?? ''}`}
            size="small"
            columns={variableColumns}
            dataSource={variables.data ?? []}
            loading={variables.isPending}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            aria-label="Lịch sử thông tin hồ sơ"
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có thông tin nào được ghi" />
              ),
            }}
          />
        </Card>
      </Flex>
    </Flex>
  );
}

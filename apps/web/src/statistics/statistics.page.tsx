import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { failureMessage } from '../api/problem.util';
import { useSession } from '../auth/use-session';
import { formatVietnamDateTime } from '../format/date.util';
import { usePublishedProcedures } from '../desk/desk.api';
import { useUnitNames } from '../inbox/inbox.api';
import { Chart, type ChartOption } from './chart';
import {
  download06a,
  type Drill,
  type Figure,
  type GroupBy,
  type Indicators766ProcedureDto,
  type Report06aRowDto,
  type ReportDossierDto,
  type StatisticsFilters,
  useDrill,
  useIndicators766,
  useReport06a,
  useReportNow,
  useStepReport,
} from './statistics.api';

const OUTCOME: Record<string, { label: string; color: string }> = {
  early: { label: 'Trước hạn', color: 'success' },
  on_time: { label: 'Đúng hạn', color: 'blue' },
  late: { label: 'Quá hạn', color: 'red' },
};
/** The series of the chart by unit: each a figure of form 06a, clickable to its dossiers. */
const UNIT_SERIES: ReadonlyArray<readonly [string, Figure, string]> = [
  ['Trả trước hạn', 'resolvedEarly', '#52c41a'],
  ['Trả đúng hạn', 'resolvedOnTime', '#1677ff'],
  ['Trả quá hạn', 'resolvedLate', '#cf1322'],
  ['Đang giải quyết trong hạn', 'inProgressWithinTime', '#91caff'],
  ['Đang giải quyết quá hạn', 'inProgressOverdue', '#ff7875'],
];
const END: Record<string, string> = {
  resolved: 'Đã giải quyết',
  withdrawn: 'Rút hồ sơ',
  refused: 'Từ chối tiếp nhận',
  stopped: 'Dừng giải quyết',
};
/** The groupings of the 06a table (and of its export), with the heading of their first column. */
const GROUPINGS: ReadonlyArray<{ value: GroupBy; label: string; heading: string }> = [
  { value: 'unit', label: 'Theo đơn vị tiếp nhận', heading: 'Đơn vị' },
  { value: 'procedure', label: 'Theo thủ tục', heading: 'Thủ tục' },
  { value: 'field', label: 'Theo lĩnh vực', heading: 'Lĩnh vực' },
  { value: 'level', label: 'Theo cấp thực hiện', heading: 'Cấp thực hiện' },
  { value: 'officer', label: 'Theo cán bộ xử lý', heading: 'Cán bộ xử lý' },
];

/** A mean number of days, one decimal with a decimal comma ("3,1"). */
const days = (value: number) =>
  value.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${rate.toLocaleString('vi-VN')} %`;

/** The first and last day of the months chosen. */
function periodOf([first, last]: [Dayjs, Dayjs]): { from: string; to: string } {
  return { from: first.startOf('month').format('YYYY-MM-DD'), to: last.endOf('month').format('YYYY-MM-DD') };
}

/** A horizontal bar chart: one bar (or stack) per label, long labels cut short. */
function horizontalBars(
  labels: string[],
  series: Array<{ name: string; data: number[]; stack?: string }>,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 8, bottom: 32, containLabel: true },
    yAxis: { type: 'category', data: labels, axisLabel: { width: 180, overflow: 'truncate' } },
    xAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', ...s })),
  };
}

/** A figure of a row, clickable to its dossiers when there are some. */
function FigureLink({ value, onOpen, label }: { value: number; onOpen: () => void; label: string }) {
  if (value === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={onOpen} aria-label={label}>
      {value.toLocaleString('vi-VN')}
    </Button>
  );
}

/** The leaders' dashboard: form 06a's figures, on-time rates, late outcomes and queues, each down to its dossiers. */
export default function StatisticsPage() {
  const { message } = App.useApp();
  const [months, setMonths] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [unit, setUnit] = useState<string | undefined>();
  const [procedure, setProcedure] = useState<string | undefined>();
  const filters: StatisticsFilters = useMemo(
    () => ({ ...periodOf(months), unit, procedure }),
    [months, unit, procedure],
  );
  const [drill, setDrill] = useState<Drill | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');

  const units = useUnitNames();
  const procedures = usePublishedProcedures();
  const byUnit = useReport06a(filters, 'unit');
  const byProcedure = useReport06a(filters, 'procedure');
  const table = useReport06a(filters, groupBy);
  const now = useReportNow(filters);
  const monthly = useIndicators766(filters);
  const steps = useStepReport(filters);

  const unitName = (code: string) => units.data?.get(code) ?? code;
  // Whose steps the figures cover: leaders see their unit and the units below it, the province's
  // office (and administrators) every unit (ADR 0010).
  const session = useSession();
  const provinceWide =
    session.status === 'signed-in' && session.user.roles.some((r) => r === 'admin' || r === 'publisher');
  const scope =
    unit !== undefined
      ? `Trong phạm vi ${unitName(unit)} và các đơn vị trực thuộc`
      : provinceWide
        ? 'Tất cả đơn vị của tỉnh'
        : 'Trong phạm vi đơn vị của bạn và các đơn vị trực thuộc';
  const open = (title: string, figure: Figure, row?: Report06aRowDto, groupBy: Drill['groupBy'] = 'unit') =>
    setDrill({
      title,
      figure,
      ...(row && row.key !== '*' ? { groupBy, key: row.key } : {}),
    });

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    try {
      await download06a(filters, groupBy, format);
    } catch (error) {
      void message.error(failureMessage(error));
    } finally {
      setExporting(null);
    }
  };

  // The on-time rate over the months, all units of the filter together.
  const perMonth = useMemo(() => {
    const sums = new Map<string, { resolved: number; onTime: number }>();
    for (const r of monthly.data?.rows ?? []) {
      const s = sums.get(r.month) ?? { resolved: 0, onTime: 0 };
      s.resolved += r.resolved;
      s.onTime += r.resolvedOnTime;
      sums.set(r.month, s);
    }
    return [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, s]) => ({
        month,
        rate: s.resolved === 0 ? null : Math.round((10000 * s.onTime) / s.resolved) / 100,
        resolved: s.resolved,
      }));
  }, [monthly.data]);

  const procedureName = (code: string, name: string | null) =>
    name ?? procedures.data?.find((p) => p.key === code)?.name ?? code;
  const averageRows = monthly.data?.byProcedure ?? [];
  const averageColumns: ColumnsType<Indicators766ProcedureDto> = [
    {
      title: 'Thủ tục',
      key: 'procedure',
      render: (_, r) => procedureName(r.procedure, r.name),
    },
    {
      title: 'Tháng',
      dataIndex: 'month',
      width: 100,
      render: (month: string) => dayjs(`${month}-01`).format('MM/YYYY'),
    },
    {
      title: 'Đã giải quyết',
      dataIndex: 'resolved',
      width: 130,
      align: 'right',
      render: (n: number) => n.toLocaleString('vi-VN'),
    },
    {
      title: 'Ngày làm việc (TB)',
      dataIndex: 'averageWorkingDays',
      width: 160,
      align: 'right',
      render: days,
    },
    {
      title: 'Ngày theo lịch (TB)',
      dataIndex: 'averageCalendarDays',
      width: 160,
      align: 'right',
      render: days,
    },
  ];

  const unitRows = byUnit.data?.rows ?? [];
  const lateProcedures = [...(byProcedure.data?.rows ?? [])]
    .filter((r) => r.resolvedLate + r.inProgressOverdue > 0)
    .sort((a, b) => b.resolvedLate + b.inProgressOverdue - (a.resolvedLate + a.inProgressOverdue))
    .slice(0, 8);
  const queues = (steps.data?.rows ?? [])
    .filter((r) => r.open > 0)
    .sort((a, b) => b.open - a.open)
    .slice(0, 8);

  const monthChart: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: perMonth.map((m) => `${m.month.slice(5)}/${m.month.slice(0, 4)}`) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [{ name: 'Tỷ lệ đúng hạn', type: 'line', data: perMonth.map((m) => m.rate), symbolSize: 10 }],
  };
  const unitChart: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 56, bottom: 28 },
    xAxis: {
      type: 'category',
      data: unitRows.map((r) => r.label),
      axisLabel: { interval: 0, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: UNIT_SERIES.map(([name, figure, color]) => ({
      name,
      type: 'bar',
      stack: 'dossiers',
      barMaxWidth: 48,
      itemStyle: { color },
      data: unitRows.map((r) => r[figure]),
    })),
  };
  const procedureChart = horizontalBars(
    lateProcedures.map((r) => r.label),
    [
      { name: 'Đã trả quá hạn', stack: 'late', data: lateProcedures.map((r) => r.resolvedLate) },
      { name: 'Đang quá hạn', stack: 'late', data: lateProcedures.map((r) => r.inProgressOverdue) },
    ],
  );
  const queueChart = horizontalBars(
    queues.map((r) => r.label),
    [
      { name: 'Bước đang xử lý', data: queues.map((r) => r.open) },
      { name: 'Trong đó quá hạn', data: queues.map((r) => r.openOverdue) },
    ],
  );

  const totals = byUnit.data?.totals;
  const error = byUnit.error ?? monthly.error ?? byProcedure.error ?? steps.error ?? table.error ?? now.error;
  const tableRows = table.data?.rows ?? [];
  const grouping = GROUPINGS.find((g) => g.value === groupBy) ?? GROUPINGS[0]!;

  /** A column of figures; `name`: what the drill-down and its link say (a short heading's full words). */
  const figureColumn = (title: string, figure: Figure, width = 80, name = title) => ({
    title,
    dataIndex: figure,
    width,
    align: 'right' as const,
    render: (value: number, row: Report06aRowDto) => (
      <FigureLink
        value={value}
        label={`${name} – ${row.label}: ${value} hồ sơ`}
        onOpen={() => open(`${name} – ${row.label}`, figure, row, groupBy)}
      />
    ),
  });
  const columns: ColumnsType<Report06aRowDto> = [
    {
      title: grouping.heading,
      dataIndex: 'label',
      width: 180,
      render: (label: string, r) => (r.key === '*' ? <b>{label}</b> : label),
    },
    {
      title: 'Nhận giải quyết',
      children: [
        figureColumn('Tổng số', 'total', 70),
        figureColumn('Kỳ trước chuyển qua', 'carriedOver', 70),
        figureColumn('Trực tuyến', 'receivedOnline', 70),
      ],
    },
    {
      title: 'Đã giải quyết',
      children: [
        figureColumn('Tổng số', 'resolved', 64),
        figureColumn('Trước hạn', 'resolvedEarly', 64),
        figureColumn('Đúng hạn', 'resolvedOnTime', 64),
        figureColumn('Quá hạn', 'resolvedLate', 64),
      ],
    },
    {
      title: 'Đang giải quyết',
      children: [
        figureColumn('Trong hạn', 'inProgressWithinTime', 64),
        figureColumn('Quá hạn', 'inProgressOverdue', 64),
      ],
    },
    {
      title: 'Không giải quyết',
      children: [
        figureColumn('Rút hồ sơ', 'withdrawn', 64),
        figureColumn('Từ chối', 'refused', 64, 'Từ chối tiếp nhận'),
        figureColumn('Dừng', 'stopped', 64, 'Dừng giải quyết'),
      ],
    },
    { title: 'Tỷ lệ đúng hạn', dataIndex: 'onTimeRate', width: 80, align: 'right', render: percent },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={8} style={{ marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Thống kê
          </Typography.Title>
          <Typography.Text type="secondary">
            Tình hình, kết quả giải quyết thủ tục hành chính (Mẫu 06a, Thông tư 01/2018/TT-VPCP). Bấm vào số
            liệu hoặc biểu đồ để xem danh sách hồ sơ.
          </Typography.Text>
        </div>
        <Space wrap>
          <DatePicker.RangePicker
            picker="month"
            format="MM/YYYY"
            allowClear={false}
            value={months}
            onChange={(v) => v?.[0] && v[1] && setMonths([v[0], v[1]])}
            aria-label="Kỳ báo cáo"
            placeholder={['Từ tháng', 'Đến tháng']}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="Tất cả đơn vị"
            style={{ width: 220 }}
            value={unit}
            onChange={setUnit}
            aria-label="Đơn vị"
            options={[...(units.data?.entries() ?? [])].map(([code, name]) => ({ value: code, label: name }))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="Tất cả thủ tục"
            style={{ width: 220 }}
            value={procedure}
            onChange={setProcedure}
            aria-label="Thủ tục"
            options={(procedures.data ?? []).map((p) => ({ value: p.key, label: p.name }))}
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting === 'xlsx'}
            onClick={() => void exportAs('xlsx')}
          >
            Xuất Excel
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting === 'csv'}
            onClick={() => void exportAs('csv')}
          >
            Xuất CSV
          </Button>
        </Space>
      </Flex>

      {error && (
        <Alert
          type="error"
          showIcon
          title="Không tải được số liệu thống kê"
          description={failureMessage(error)}
          style={{ marginBottom: 12 }}
        />
      )}

      <Row gutter={[12, 12]}>
        {(
          [
            ['Hồ sơ nhận giải quyết', 'total', totals?.total],
            ['Đã giải quyết', 'resolved', totals?.resolved],
          ] as const
        ).map(([title, figure, value]) => (
          <Col span={4} key={figure}>
            <Card size="small" hoverable={!!value} onClick={() => value && open(title, figure)}>
              <Statistic title={title} value={value ?? 0} loading={byUnit.isPending} />
            </Card>
          </Col>
        ))}
        {(
          [
            ['Đang quá hạn (hiện nay)', 'overdue', now.data?.overdue, '#cf1322'],
            ['Sắp đến hạn (hiện nay)', 'due_soon', now.data?.dueSoon, '#ad4e00'],
          ] as const
        ).map(([title, deadline, value, colour]) => (
          <Col span={5} key={deadline}>
            <Card
              size="small"
              hoverable={!!value}
              onClick={() => value && setDrill({ title, figure: 'inProgress', now: deadline })}
            >
              <Statistic
                title={title}
                value={value ?? 0}
                loading={now.isPending}
                valueStyle={value ? { color: colour } : undefined}
              />
            </Card>
          </Col>
        ))}
        <Col span={6}>
          <Card
            size="small"
            hoverable={!!totals?.resolvedLate}
            onClick={() => totals?.resolvedLate && open('Đã trả quá hạn', 'resolvedLate')}
          >
            <Statistic
              title="Tỷ lệ giải quyết đúng hạn"
              value={percent(totals?.onTimeRate)}
              loading={byUnit.isPending}
            />
          </Card>
        </Col>

        <Col span={12}>
          <Card size="small" title="Tỷ lệ đúng hạn theo tháng">
            {monthly.isPending ? (
              <Skeleton active />
            ) : perMonth.every((m) => m.resolved === 0) ? (
              <Empty
                style={{ minHeight: 200, paddingTop: 24 }}
                description="Chưa có hồ sơ giải quyết trong kỳ"
              />
            ) : (
              <Chart
                label="Tỷ lệ giải quyết đúng hạn theo tháng"
                option={monthChart}
                onPick={(i) => {
                  const m = perMonth[i];
                  if (!m) return;
                  const first = dayjs(`${m.month}-01`);
                  setDrill({
                    title: `Hồ sơ đã giải quyết tháng ${first.format('MM/YYYY')}`,
                    figure: 'resolved',
                    from: first.format('YYYY-MM-DD'),
                    to: first.endOf('month').format('YYYY-MM-DD'),
                  });
                }}
              />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="Hồ sơ theo đơn vị tiếp nhận">
            {byUnit.isPending ? (
              <Skeleton active />
            ) : unitRows.length === 0 ? (
              <Empty style={{ minHeight: 200, paddingTop: 24 }} description="Chưa có hồ sơ trong kỳ" />
            ) : (
              <Chart
                label="Hồ sơ đã và đang giải quyết theo đơn vị tiếp nhận"
                option={unitChart}
                onPick={(i, series) => {
                  const row = unitRows[i];
                  const [name, figure] = UNIT_SERIES[series] ?? [];
                  if (row && name && figure) open(`${name} – ${row.label}`, figure, row);
                }}
              />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="Thủ tục có nhiều hồ sơ quá hạn nhất">
            {byProcedure.isPending ? (
              <Skeleton active />
            ) : lateProcedures.length === 0 ? (
              <Empty
                style={{ minHeight: 200, paddingTop: 24 }}
                description="Không có hồ sơ quá hạn trong kỳ"
              />
            ) : (
              <Chart
                label="Thủ tục có nhiều hồ sơ quá hạn nhất"
                height={220}
                option={procedureChart}
                onPick={(i) =>
                  lateProcedures[i] &&
                  open(
                    `Đã trả quá hạn – ${lateProcedures[i].label}`,
                    'resolvedLate',
                    lateProcedures[i],
                    'procedure',
                  )
                }
              />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="Đơn vị có nhiều bước đang xử lý nhất">
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
              {scope}
            </Typography.Text>
            {steps.isPending ? (
              <Skeleton active />
            ) : queues.length === 0 ? (
              <Empty
                // the caption above takes the rest of the neighbouring card's height
                style={{ minHeight: 174, paddingTop: 0 }}
                description="Không có bước nào đang chờ xử lý"
              />
            ) : (
              <Chart label="Đơn vị có nhiều bước đang xử lý nhất" height={220} option={queueChart} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title="Mẫu 06a"
            extra={
              <Space size={12}>
                {table.data && (
                  <Typography.Text type="secondary">
                    Cấu hình áp dụng từ {dayjs(table.data.setting.effectiveFrom).format('DD/MM/YYYY')}
                  </Typography.Text>
                )}
                <Select
                  value={groupBy}
                  onChange={setGroupBy}
                  options={GROUPINGS.map((g) => ({ value: g.value, label: g.label }))}
                  style={{ width: 200 }}
                  aria-label="Nhóm số liệu Mẫu 06a"
                />
              </Space>
            }
          >
            <Table<Report06aRowDto>
              rowKey="key"
              size="small"
              bordered
              loading={table.isFetching}
              columns={columns}
              dataSource={table.data ? [...tableRows, table.data.totals] : tableRows}
              pagination={tableRows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 1046 }}
              locale={{ emptyText: <Empty description="Chưa có hồ sơ trong kỳ" /> }}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title="Thời gian giải quyết trung bình theo thủ tục (QĐ 766, chỉ số 2.b)">
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              Trung bình từ khi tiếp nhận đến khi trả kết quả của các hồ sơ đã giải quyết trong tháng. Ngày làm
              việc: giờ làm việc theo lịch làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ, tết), 8 giờ là một ngày; ngày
              theo lịch: 24 giờ là một ngày.
            </Typography.Text>
            <Table<Indicators766ProcedureDto>
              rowKey={(r) => `${r.procedure} ${r.month}`}
              size="small"
              bordered
              loading={monthly.isFetching}
              columns={averageColumns}
              dataSource={averageRows}
              pagination={averageRows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              locale={{ emptyText: <Empty description="Chưa có hồ sơ giải quyết trong kỳ" /> }}
            />
          </Card>
        </Col>
      </Row>
      <DrillDrawer filters={filters} drill={drill} onClose={() => setDrill(null)} unitName={unitName} />
    </>
  );
}

/** The dossiers behind a figure, with their count and pages. */
function DrillDrawer({
  filters,
  drill,
  onClose,
  unitName,
}: {
  filters: StatisticsFilters;
  drill: Drill | null;
  onClose: () => void;
  unitName: (code: string) => string;
}) {
  const list = useDrill(filters, drill);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<ReportDossierDto> = [
    { title: 'Mã hồ sơ', dataIndex: 'code', width: 230 },
    { title: 'Đơn vị tiếp nhận', dataIndex: 'unit', ellipsis: true, render: unitName },
    { title: 'Ngày tiếp nhận', dataIndex: 'receivedAt', width: 140, render: formatVietnamDateTime },
    { title: 'Hạn giải quyết', dataIndex: 'dueAt', width: 140, render: formatVietnamDateTime },
    {
      title: 'Kết thúc',
      dataIndex: 'endedAt',
      width: 200,
      render: (endedAt: string | null, d) =>
        endedAt === null ? (
          <Tag color={d.overdueAt ? 'red' : 'processing'}>
            {d.overdueAt ? 'Đang quá hạn' : 'Đang giải quyết'}
          </Tag>
        ) : (
          <Space size={4}>
            {formatVietnamDateTime(endedAt)}
            {d.outcome ? (
              <Tag color={OUTCOME[d.outcome]?.color}>{OUTCOME[d.outcome]?.label}</Tag>
            ) : (
              <Tag>{END[d.endKind ?? ''] ?? ''}</Tag>
            )}
          </Space>
        ),
    },
  ];
  return (
    <Drawer open={drill !== null} onClose={onClose} title={drill?.title} size={1040}>
      {list.error ? (
        <Alert
          type="error"
          showIcon
          title="Không tải được danh sách hồ sơ"
          description={failureMessage(list.error)}
        />
      ) : (
        <>
          <Table<ReportDossierDto>
            rowKey="id"
            size="small"
            loading={list.isPending && drill !== null}
            columns={columns}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: <Empty description="Không có hồ sơ" /> }}
          />
          <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary" aria-live="polite">
              Đang hiển thị {items.length} hồ sơ
            </Typography.Text>
            {list.hasNextPage && (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Xem thêm
              </Button>
            )}
          </Flex>
        </>
      )}
    </Drawer>
  );
}

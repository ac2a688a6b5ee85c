import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState } from 'react';
import { newIdempotencyKey } from '../desk/procedure-fields.util';
import { formatVietnamDateTime } from '../format/date.util';
import {
  type DefinitionSummary,
  type MigrationPlan,
  type MigrationRequest,
  type MigrationResult,
  useDefinitionVersions,
  useExecuteMigration,
  useMigrationPlan,
} from './migration.api';

type MappingEntry = MigrationPlan['mapping'][number];
type DossierPlan = MigrationPlan['dossiers'][number];
type DossierResult = MigrationResult['dossiers'][number];

const STATUS_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  published: 'Đã ban hành',
  retired: 'Đã thay thế',
};

const MAPPED_BY: Record<string, { label: string; color: string }> = {
  id: { label: 'Cùng mã bước', color: 'success' },
  name: { label: 'Cùng tên bước', color: 'blue' },
  manual: { label: 'Chọn tay', color: 'purple' },
};

const OUTCOME: Record<DossierResult['outcome'], { label: string; color: string }> = {
  migrated: { label: 'Đã chuyển', color: 'success' },
  skipped: { label: 'Đã chuyển từ trước', color: 'default' },
  failed: { label: 'Giữ nguyên', color: 'red' },
};

const step = (id: string | null, name: string | null) => (id === null ? '—' : name ? `${name} (${id})` : id);

const change = (before: string | null, after: string | null) =>
  before === after ? (
    formatVietnamDateTime(after)
  ) : (
    <span>
      <Typography.Text delete type="secondary">
        {formatVietnamDateTime(before)}
      </Typography.Text>{' '}
      → <Typography.Text strong>{formatVietnamDateTime(after)}</Typography.Text>
    </span>
  );

const versionLabel = (v: DefinitionSummary) =>
  `Phiên bản ${v.version} — ${STATUS_LABELS[v.status] ?? v.status}${v.decisionNumber ? ` (QĐ ${v.decisionNumber})` : ''}`;

/** A required choice of one of `versions`, in a column of the form's row. */
const versionField = (name: string, label: string, placeholder: string, versions: DefinitionSummary[]) => (
  <Col span={7}>
    <Form.Item name={name} label={label} rules={[{ required: true, message: 'Chọn phiên bản' }]}>
      <Select
        style={{ width: '100%' }}
        placeholder={placeholder}
        options={versions.map((v) => ({ value: v.version, label: versionLabel(v) }))}
      />
    </Form.Item>
  </Col>
);

interface Choice {
  definitionKey?: string;
  sourceVersion?: number;
  targetVersion?: number;
}

/**
 * "Chuyển hồ sơ sang phiên bản mới": a publisher chooses a procedure, the version its running dossiers
 * are on and a published version; the engine proposes where each step goes (unmapped ones are chosen
 * here), previews the dossiers with their new due dates, and moves them after a confirmation, each
 * dossier listed as moved or left as it was with the reason.
 */
export default function MigrationPage() {
  const [form] = Form.useForm<Choice>();
  const versions = useDefinitionVersions();
  const plan = useMigrationPlan();
  const execute = useExecuteMigration();
  const [manual, setManual] = useState<Record<string, string>>({});
  const [result, setResult] = useState<MigrationResult | null>(null);
  // the last preview stays on screen while the next one (a step mapped by hand) is computed
  const [shown, setShown] = useState<MigrationPlan | null>(null);
  const confirmation = useRef<{ key: string; body: string } | null>(null);
  const key = Form.useWatch('definitionKey', form);

  const procedures = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const v of versions.data ?? []) byKey.set(v.key, v.name);
    return [...byKey]
      .map(([value, name]) => ({ value, label: name }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }, [versions.data]);
  const ofKey = (versions.data ?? []).filter((v) => v.key === key).sort((a, b) => b.version - a.version);

  const request = (mapping: Record<string, string>): MigrationRequest => {
    const c = form.getFieldsValue();
    return {
      definitionKey: c.definitionKey!,
      sourceVersion: c.sourceVersion!,
      targetVersion: c.targetVersion!,
      mapping,
    };
  };
  const preview = async (mapping: Record<string, string>) => {
    setResult(null);
    await form.validateFields();
    plan.mutate(request(mapping), { onSuccess: setShown });
  };
  const choose = (source: string, target: string) => {
    const next = { ...manual, [source]: target };
    setManual(next);
    void preview(next);
  };

  const movable = shown?.dossiers.filter((d) => d.problems.length === 0) ?? [];
  const run = () => {
    const data = shown;
    if (!data) return;
    const body: MigrationRequest = {
      ...request(manual),
      dossierIds: data.dossiers.map((d) => d.id),
      expectedRevisions: Object.fromEntries(data.dossiers.map((d) => [d.id, d.revision])),
    };
    const json = JSON.stringify(body);
    if (confirmation.current?.body !== json) confirmation.current = { key: newIdempotencyKey(), body: json };
    const idempotencyKey = confirmation.current.key;
    Modal.confirm({
      title: `Chuyển ${movable.length} hồ sơ sang phiên bản ${data.targetVersion}?`,
      content:
        'Các bước đang xử lý và thời hạn của hồ sơ sẽ theo phiên bản mới. Thao tác này không hoàn tác được. Hồ sơ không chuyển được sẽ giữ nguyên.',
      okText: 'Chuyển hồ sơ',
      cancelText: 'Hủy',
      onOk: async () => {
        const answer = await execute.mutateAsync({ body, idempotencyKey });
        confirmation.current = null;
        setResult(answer);
      },
    });
  };

  const mappingColumns: ColumnsType<MappingEntry> = [
    { title: 'Bước ở phiên bản cũ', render: (_, m) => step(m.source, m.sourceName) },
    {
      title: 'Bước ở phiên bản mới',
      width: 380,
      render: (_, m) => (
        <Select
          aria-label={`Bước mới cho ${m.sourceName ?? m.source}`}
          style={{ width: '100%' }}
          placeholder="Chọn bước ở phiên bản mới"
          value={m.target ?? undefined}
          status={m.target === null ? 'error' : undefined}
          onChange={(target: string) => choose(m.source, target)}
          options={(shown?.targetElements ?? []).map((e) => ({ value: e.id, label: step(e.id, e.name) }))}
        />
      ),
    },
    {
      title: 'Cách ánh xạ',
      width: 160,
      render: (_, m) =>
        m.mappedBy ? (
          <Tag color={MAPPED_BY[m.mappedBy]!.color}>{MAPPED_BY[m.mappedBy]!.label}</Tag>
        ) : (
          <Tag color="red">Chưa ánh xạ</Tag>
        ),
    },
  ];

  const dossierColumns: ColumnsType<DossierPlan> = [
    { title: 'Mã hồ sơ', dataIndex: 'code', width: 200 },
    {
      title: 'Bước đang xử lý',
      render: (_, d) => (
        <Flex vertical gap={2}>
          {d.steps.map((s) => (
            <span key={s.taskId ?? s.source}>
              {step(s.source, s.sourceName)} → {step(s.target, s.targetName)}
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: 'Hạn xử lý bước',
      width: 150,
      render: (_, d) => (
        <Flex vertical gap={2}>
          {d.steps.map((s) => (
            <span key={s.taskId ?? s.source}>
              {d.problems.length ? formatVietnamDateTime(s.dueAt) : change(s.dueAt, s.newDueAt)}
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: 'Hạn trả kết quả',
      width: 150,
      render: (_, d) => (d.problems.length ? formatVietnamDateTime(d.dueAt) : change(d.dueAt, d.newDueAt)),
    },
    {
      title: 'Tình trạng',
      width: 250,
      render: (_, d) =>
        d.problems.length === 0 ? (
          <Tag color="success">Chuyển được</Tag>
        ) : (
          <Typography.Text type="danger">{d.problems.join(' ')}</Typography.Text>
        ),
    },
  ];

  const resultColumns: ColumnsType<DossierResult> = [
    { title: 'Mã hồ sơ', dataIndex: 'code', width: 210 },
    {
      title: 'Kết quả',
      width: 160,
      render: (_, r) => <Tag color={OUTCOME[r.outcome].color}>{OUTCOME[r.outcome].label}</Tag>,
    },
    { title: 'Hạn trả kết quả mới', width: 170, render: (_, r) => formatVietnamDateTime(r.newDueAt) },
    { title: 'Lý do', render: (_, r) => r.reason ?? '' },
  ];

  const error = versions.error ?? plan.error ?? execute.error;
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Chuyển hồ sơ sang phiên bản mới
        </Typography.Title>
        <Typography.Text type="secondary">
          Chuyển các hồ sơ đang giải quyết của một phiên bản quy trình sang phiên bản đã ban hành: xem trước
          bước và thời hạn mới của từng hồ sơ trước khi chuyển.
        </Typography.Text>
      </div>
      <Card>
        <Form
          form={form}
          layout="vertical"
          aria-label="Chọn phiên bản"
          onFinish={() => {
            setManual({});
            void preview({});
          }}
          onValuesChange={(changed: Choice) => {
            if ('definitionKey' in changed)
              form.setFieldsValue({ sourceVersion: undefined, targetVersion: undefined });
            plan.reset();
            setShown(null);
            setResult(null);
          }}
        >
          <Row gutter={16} align="bottom">
            <Col span={7}>
              <Form.Item
                name="definitionKey"
                label="Thủ tục"
                rules={[{ required: true, message: 'Chọn thủ tục' }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ width: '100%' }}
                  placeholder="Chọn thủ tục"
                  loading={versions.isLoading}
                  options={procedures}
                />
              </Form.Item>
            </Col>
            {versionField('sourceVersion', 'Từ phiên bản', 'Phiên bản hồ sơ đang chạy', ofKey)}
            {versionField(
              'targetVersion',
              'Sang phiên bản',
              'Phiên bản đã ban hành',
              ofKey.filter((v) => v.status === 'published'),
            )}
            <Col span={3}>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={plan.isPending} block>
                  Xem trước
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message="Không thực hiện được"
          description={error.message}
        />
      )}
      {result && (
        <Card
          title={`Kết quả: đã chuyển ${result.migrated} hồ sơ${result.skipped > 0 ? `, ${result.skipped} hồ sơ đã chuyển từ trước` : ''}, giữ nguyên ${result.failed} hồ sơ`}
        >
          <Table<DossierResult>
            rowKey="id"
            size="small"
            columns={resultColumns}
            dataSource={result.dossiers}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            aria-label="Kết quả chuyển hồ sơ"
          />
        </Card>
      )}
      {shown && !result && (
        <>
          <Card
            title="Ánh xạ bước đang xử lý"
            extra={
              shown.unmapped.length > 0 ? (
                <Typography.Text type="danger">
                  {shown.unmapped.length} bước chưa ánh xạ: chọn bước ở phiên bản mới
                </Typography.Text>
              ) : (
                <Typography.Text type="success">Mọi bước đều đã được ánh xạ</Typography.Text>
              )
            }
          >
            <Table<MappingEntry>
              rowKey="source"
              size="small"
              columns={mappingColumns}
              dataSource={shown.mapping}
              pagination={false}
              aria-label="Ánh xạ bước"
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có bước nào đang xử lý" />
                ),
              }}
            />
          </Card>
          <Card
            title={`Xem trước: ${shown.dossiers.length} trong ${shown.activeOnSource} hồ sơ đang giải quyết`}
            extra={
              <Space>
                <Typography.Text>{movable.length} hồ sơ chuyển được</Typography.Text>
                <Button
                  type="primary"
                  danger
                  disabled={movable.length === 0}
                  loading={execute.isPending}
                  onClick={run}
                >
                  Chuyển {movable.length} hồ sơ
                </Button>
              </Space>
            }
          >
            <Table<DossierPlan>
              rowKey="id"
              size="small"
              columns={dossierColumns}
              dataSource={shown.dossiers}
              loading={plan.isPending}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              aria-label="Xem trước hồ sơ"
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description="Không có hồ sơ nào đang giải quyết trên phiên bản này"
                  />
                ),
              }}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}

import { Alert, Button, Card, Empty, Flex, Result, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, failureMessage } from '../../api/problem.util';
import { formatVietnamDateTime } from '../../format/date.util';
import { useDefinitions, type DefinitionSummaryDto } from '../drafts.api';
import { VersionCompare } from './version-compare';
import { scrollToTop, VersionDiagram } from './version-diagram';
import { useVersions, useVersionXml, type DefinitionVersionDto } from './versions.api';
import './versions.css';

/** `YYYY-MM-DD` as officers read it. */
const day = (d: string | null) => (d === null ? '—' : d.split('-').reverse().join('/'));

/** A version's status in words: draft, in effect, in effect from a later day, published, replaced. */
export function statusOf(v: DefinitionSummaryDto): { color: string; label: string } {
  if (v.status === 'draft') return { color: 'blue', label: 'Chưa ban hành' };
  if (v.status === 'retired') return { color: 'default', label: 'Đã thay thế' };
  if (v.inEffect) return { color: 'success', label: 'Đang áp dụng' };
  return { color: 'gold', label: `Áp dụng từ ${day(v.effectiveFrom)}` };
}

const who = (by: string | null, at: string | null) =>
  at === null ? '—' : `${by ?? 'không rõ'} · ${formatVietnamDateTime(at)}`;

/** The designer's versions page: `/thiet-ke/phien-ban` (the procedures) and `/thiet-ke/phien-ban/:key`. */
export default function VersionsPage() {
  const { key } = useParams();
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Link to={key ? '/thiet-ke/phien-ban' : '/thiet-ke'}>
          {key ? '← Các quy trình' : '← Thiết kế quy trình'}
        </Link>
      </Flex>
      {key ? <ProcedureVersions key={key} processKey={key} /> : <Procedures />}
    </Flex>
  );
}

interface Procedure {
  key: string;
  name: string;
  versions: number;
  latest: number;
  inEffect: number | null;
}

/** Every deployed procedure, one line each, to open its versions. */
function Procedures() {
  const definitions = useDefinitions();
  const navigate = useNavigate();
  const rows = useMemo(() => {
    const byKey = new Map<string, Procedure>();
    for (const d of definitions.data ?? []) {
      const p = byKey.get(d.key) ?? { key: d.key, name: d.name, versions: 0, latest: 0, inEffect: null };
      p.versions += 1;
      if (d.version >= p.latest) [p.latest, p.name] = [d.version, d.name];
      if (d.inEffect) p.inEffect = d.version;
      byKey.set(d.key, p);
    }
    return [...byKey.values()];
  }, [definitions.data]);
  const open = (key: string) => void navigate(`/thiet-ke/phien-ban/${encodeURIComponent(key)}`);
  return (
    <>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Phiên bản quy trình
        </Typography.Title>
        <Typography.Text type="secondary">
          Chọn một quy trình để xem các phiên bản, quyết định công bố và so sánh hai phiên bản.
        </Typography.Text>
      </div>
      {definitions.isError && <Alert type="error" showIcon title={failureMessage(definitions.error)} />}
      <Table<Procedure>
        rowKey="key"
        size="small"
        loading={definitions.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="Chưa có quy trình nào được triển khai." /> }}
        onRow={(p) => ({ onDoubleClick: () => open(p.key) })}
        columns={[
          {
            title: 'Quy trình',
            render: (_, p) => <Link to={`/thiet-ke/phien-ban/${encodeURIComponent(p.key)}`}>{p.name}</Link>,
          },
          { title: 'Mã quy trình', dataIndex: 'key' },
          { title: 'Số phiên bản', dataIndex: 'versions', width: 120 },
          {
            title: 'Đang áp dụng',
            width: 140,
            render: (_, p) => (p.inEffect === null ? 'Chưa có' : `v${p.inEffect}`),
          },
        ]}
      />
    </>
  );
}

/** One procedure's versions; `?xem=N` shows version N read-only, `?so-sanh=A-B` compares two. */
function ProcedureVersions({ processKey }: { readonly processKey: string }) {
  const versions = useVersions(processKey);
  const [params, setParams] = useSearchParams();
  const viewed = Number(params.get('xem')) || null;
  const compared = (params.get('so-sanh') ?? '').split('-').map(Number);
  const comparing = compared.length === 2 && compared.every((n) => n > 0) ? compared : null;
  const items = versions.data ?? [];
  const [pick, setPick] = useState<{ a?: number; b?: number }>({});
  const a = pick.a ?? comparing?.[0] ?? items[1]?.version;
  const b = pick.b ?? comparing?.[1] ?? items[0]?.version;

  const show = (next: Record<string, string>) => setParams(next, { replace: false });

  if (versions.error instanceof ApiError && versions.error.status === 404) {
    return (
      <Result
        status="404"
        title="Không tìm thấy quy trình"
        subTitle={`Chưa có phiên bản nào của quy trình "${processKey}" được triển khai.`}
        extra={<Link to="/thiet-ke/phien-ban">Về danh sách quy trình</Link>}
      />
    );
  }

  const columns: ColumnsType<DefinitionVersionDto> = [
    { title: 'Phiên bản', width: 90, render: (_, v) => <strong>v{v.version}</strong> },
    {
      title: 'Trạng thái',
      width: 160,
      render: (_, v) => {
        const s = statusOf(v);
        return <Tag color={s.color}>{s.label}</Tag>;
      },
    },
    { title: 'Người tạo, lúc', render: (_, v) => who(v.createdBy, v.createdAt) },
    { title: 'Người ban hành, lúc', render: (_, v) => who(v.publishedBy, v.publishedAt) },
    {
      title: 'Quyết định công bố',
      render: (_, v) =>
        v.decisionNumber === null ? '—' : `Số ${v.decisionNumber}, ngày ${day(v.decisionDate)}`,
    },
    { title: 'Hiệu lực từ', width: 110, render: (_, v) => day(v.effectiveFrom) },
    { title: 'Hồ sơ đang chạy', width: 130, align: 'right', dataIndex: 'runningDossiers' },
    {
      title: '',
      width: 190,
      render: (_, v) => (
        <Flex gap={4}>
          <Button
            size="small"
            aria-label={`Xem phiên bản v${v.version}`}
            type={viewed === v.version ? 'primary' : 'default'}
            onClick={() => show({ xem: String(v.version) })}
          >
            Xem
          </Button>
          {v.version > 1 && (
            <Button
              size="small"
              aria-label={`So sánh v${v.version - 1} với v${v.version}`}
              onClick={() => {
                setPick({});
                show({ 'so-sanh': `${v.version - 1}-${v.version}` });
              }}
            >
              So với bản trước
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const name = items[0]?.name ?? processKey;
  const options = items.map((v) => ({ value: v.version, label: `v${v.version} — ${statusOf(v).label}` }));
  const [before, after] = comparing ? [...comparing].sort((x, y) => x - y) : [0, 0];
  return (
    <>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Phiên bản: {name}
        </Typography.Title>
        <Typography.Text type="secondary">
          Mã quy trình {processKey}. Hồ sơ mới chạy trên phiên bản đang áp dụng; hồ sơ đang chạy giữ phiên bản
          của mình cho đến khi được <Link to="/thiet-ke/chuyen-phien-ban">chuyển sang phiên bản mới</Link>.
        </Typography.Text>
      </div>
      {versions.isError && <Alert type="error" showIcon title={failureMessage(versions.error)} />}
      <Table<DefinitionVersionDto>
        rowKey="id"
        size="small"
        loading={versions.isLoading}
        dataSource={items}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        rowClassName={(v) => (v.version === viewed ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: <Empty description="Quy trình này chưa có phiên bản nào." /> }}
      />
      {items.length > 1 && (
        <Flex gap={8} align="center" wrap role="group" aria-label="So sánh hai phiên bản">
          <span>So sánh phiên bản</span>
          <Select
            aria-label="Phiên bản thứ nhất"
            style={{ width: 260 }}
            value={a}
            options={options}
            onChange={(value: number) => setPick((p) => ({ ...p, a: value }))}
          />
          <span>với</span>
          <Select
            aria-label="Phiên bản thứ hai"
            style={{ width: 260 }}
            value={b}
            options={options}
            onChange={(value: number) => setPick((p) => ({ ...p, b: value }))}
          />
          <Button
            type="primary"
            disabled={a === undefined || b === undefined || a === b}
            onClick={() => show({ 'so-sanh': `${a}-${b}` })}
          >
            So sánh
          </Button>
          {a !== undefined && a === b && (
            <Typography.Text type="secondary">Hãy chọn hai phiên bản khác nhau.</Typography.Text>
          )}
        </Flex>
      )}
      {comparing && before !== after && (
        <VersionCompare key={`${before}-${after}`} processKey={processKey} before={before} after={after} />
      )}
      {!comparing && viewed !== null && <ReadOnlyVersion processKey={processKey} version={viewed} />}
      {!comparing && viewed === null && items.length > 0 && (
        <Empty description="Chọn “Xem” để mở một phiên bản (chỉ xem), hoặc chọn hai phiên bản để so sánh." />
      )}
    </>
  );
}

function ReadOnlyVersion({ processKey, version }: { readonly processKey: string; readonly version: number }) {
  const xml = useVersionXml(processKey, version);
  const card = useRef<HTMLDivElement>(null);
  const shown = useCallback(() => scrollToTop(card.current), []);
  return (
    <Card ref={card} size="small" title={`Phiên bản v${version} (chỉ xem)`} className="lt-version-view">
      {xml.isError && <Alert type="error" showIcon title={failureMessage(xml.error)} />}
      {xml.data !== undefined && (
        <VersionDiagram
          xml={xml.data}
          height={480}
          label={`Sơ đồ phiên bản v${version}, chỉ xem`}
          onShown={shown}
        />
      )}
      {xml.isLoading && <Typography.Text type="secondary">Đang tải sơ đồ…</Typography.Text>}
    </Card>
  );
}

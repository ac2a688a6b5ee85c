import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { failureMessage } from '../api/problem.util';
import { useSession } from '../auth/use-session';
import { formatVietnamDateTime } from '../format/date.util';
import {
  createDraft,
  deleteDraft,
  fetchVersionXml,
  useDefinitions,
  useDrafts,
  type DefinitionSummaryDto,
  type DraftSummaryDto,
} from './drafts.api';
import { blankProcess } from './templates/step-templates';

const STATUS: Record<string, { color: string; label: string }> = {
  published: { color: 'success', label: 'Đang áp dụng' },
  draft: { color: 'blue', label: 'Chưa ban hành' },
  retired: { color: 'default', label: 'Đã thay thế' },
};

/** The designer's start: open a draft, or start one from a deployed procedure, a blank process or a .bpmn file. */
export function DesignerHome() {
  const drafts = useDrafts();
  const definitions = useDefinitions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [starting, setStarting] = useState<string | null>(null);
  const session = useSession();
  const isPublisher = session.status === 'signed-in' && session.user.roles.includes('publisher');
  const [blank, setBlank] = useState<{ key: string; name: string } | null>(null);

  const open = (id: string) => void navigate(`/thiet-ke?ban-nhap=${encodeURIComponent(id)}`);
  const start = async (what: string, make: () => Promise<{ xml: string; baseVersion?: number }>) => {
    setStarting(what);
    try {
      const draft = await createDraft(await make());
      await queryClient.invalidateQueries({ queryKey: ['drafts'] });
      open(draft.id);
    } catch (error) {
      void message.error(failureMessage(error));
    } finally {
      setStarting(null);
    }
  };
  const fromVersion = (d: DefinitionSummaryDto) =>
    start(d.id, async () => ({ xml: await fetchVersionXml(d.key, d.version), baseVersion: d.version }));

  const rows = drafts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Thiết kế quy trình
          </Typography.Title>
          <Typography.Text type="secondary">
            Sửa quy trình nội bộ của thủ tục hành chính (đường đi, đơn vị, thời gian), kiểm tra và trình ban
            hành.
          </Typography.Text>
        </div>
        {isPublisher && (
          <nav aria-label="Chức năng thiết kế">
            <Link to="/thiet-ke/chuyen-phien-ban">Chuyển hồ sơ đang giải quyết sang phiên bản mới →</Link>
          </nav>
        )}
      </Flex>
      <Card title="Bản nháp đang soạn" size="small">
        <Table<DraftSummaryDto>
          rowKey="id"
          size="small"
          loading={drafts.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{
            emptyText: <Empty description="Chưa có bản nháp nào. Bắt đầu từ một quy trình bên dưới." />,
          }}
          onRow={(d) => ({ onDoubleClick: () => open(d.id) })}
          columns={[
            {
              title: 'Quy trình',
              render: (_, d) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => open(d.id)}>
                  {d.name}
                </Button>
              ),
            },
            { title: 'Mã quy trình', dataIndex: 'key' },
            {
              title: 'Từ phiên bản',
              render: (_, d) => (d.baseVersion === null ? 'Mới' : `v${d.baseVersion}`),
            },
            { title: 'Lần lưu', dataIndex: 'revision', width: 80 },
            { title: 'Người lưu', dataIndex: 'updatedBy' },
            { title: 'Lưu lúc', render: (_, d) => formatVietnamDateTime(d.updatedAt) },
            {
              title: '',
              width: 160,
              render: (_, d) => (
                <Flex gap={4}>
                  <Button size="small" onClick={() => open(d.id)}>
                    Mở
                  </Button>
                  <Popconfirm
                    title="Xoá bản nháp này?"
                    description="Bản nháp bị xoá không khôi phục được."
                    okText="Xoá"
                    cancelText="Không"
                    onConfirm={async () => {
                      try {
                        await deleteDraft(d.id);
                        await queryClient.invalidateQueries({ queryKey: ['drafts'] });
                        void message.success('Đã xoá bản nháp.');
                      } catch (error) {
                        void message.error(failureMessage(error));
                      }
                    }}
                  >
                    <Button size="small" danger>
                      Xoá
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
        {drafts.hasNextPage && (
          <Button
            style={{ marginTop: 8 }}
            loading={drafts.isFetchingNextPage}
            onClick={() => void drafts.fetchNextPage()}
          >
            Xem thêm bản nháp
          </Button>
        )}
        {drafts.isError && <Typography.Text type="danger">{failureMessage(drafts.error)}</Typography.Text>}
      </Card>
      <Card
        title="Bắt đầu bản nháp mới"
        size="small"
        extra={
          <Flex gap={8}>
            <Button onClick={() => setBlank({ key: '', name: '' })}>Quy trình trống</Button>
            <Upload
              accept=".bpmn,.xml"
              showUploadList={false}
              beforeUpload={(file) => {
                void start('file', async () => ({ xml: await file.text() }));
                return false;
              }}
            >
              <Button loading={starting === 'file'}>Nhập tệp .bpmn</Button>
            </Upload>
          </Flex>
        }
      >
        <Table<DefinitionSummaryDto>
          rowKey="id"
          size="small"
          loading={definitions.isLoading}
          dataSource={definitions.data ?? []}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="Chưa có quy trình nào được triển khai." /> }}
          columns={[
            { title: 'Thủ tục', dataIndex: 'name' },
            { title: 'Mã quy trình', dataIndex: 'key' },
            { title: 'Phiên bản', render: (_, d) => `v${d.version}`, width: 90 },
            {
              title: 'Trạng thái',
              width: 140,
              render: (_, d) => {
                const s = STATUS[d.status] ?? { color: 'default', label: d.status };
                return <Tag color={s.color}>{s.label}</Tag>;
              },
            },
            {
              title: '',
              width: 300,
              render: (_, d) => (
                <Flex gap={4}>
                  <Button
                    size="small"
                    type="primary"
                    loading={starting === d.id}
                    onClick={() => void fromVersion(d)}
                  >
                    Soạn từ phiên bản này
                  </Button>
                  <Button
                    size="small"
                    onClick={() => void navigate(`/thiet-ke/phien-ban/${encodeURIComponent(d.key)}`)}
                  >
                    Các phiên bản
                  </Button>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={blank !== null}
        title="Quy trình trống"
        okText="Tạo bản nháp"
        cancelText="Huỷ"
        okButtonProps={{ disabled: !/^[A-Za-z_][\w.-]*$/.test(blank?.key ?? '') || !blank?.name.trim() }}
        onCancel={() => setBlank(null)}
        onOk={() => {
          const b = blank;
          setBlank(null);
          if (b) void start('blank', () => Promise.resolve({ xml: blankProcess(b.key, b.name.trim()) }));
        }}
      >
        <Flex vertical gap={8}>
          <label>
            Mã quy trình (chữ không dấu, số, dấu gạch ngang)
            <Input
              value={blank?.key}
              placeholder="vi-du-cap-phep"
              onChange={(e) => setBlank((b) => b && { ...b, key: e.target.value })}
            />
          </label>
          <label>
            Tên thủ tục
            <Input
              value={blank?.name}
              onChange={(e) => setBlank((b) => b && { ...b, name: e.target.value })}
            />
          </label>
        </Flex>
      </Modal>
    </Flex>
  );
}

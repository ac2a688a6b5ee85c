import { Card, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { formatVietnamDateTime } from '../format/date.util';
import { DeadlineTag } from '../inbox/deadline-tag';
import { useDeskDossiers } from './desk.api';
import { CHANNEL_LABELS } from './procedure-fields.util';
import type { components } from '../api/schema.gen';

type DossierSummaryDto = components['schemas']['DossierSummaryDto'];

const STATUS = {
  active: { label: 'Đang giải quyết', color: 'processing' },
  completed: { label: 'Đã trả kết quả', color: 'success' },
  cancelled: { label: 'Đã hủy', color: 'default' },
} as const;

/** The dossiers the desk received lately, newest first, searched by part of their code. */
export function DeskDossiers() {
  const [code, setCode] = useState('');
  const dossiers = useDeskDossiers(code);
  const columns: ColumnsType<DossierSummaryDto> = [
    {
      title: 'Mã hồ sơ',
      dataIndex: 'code',
      width: 250,
      render: (c: string) => (
        <Typography.Text copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}>{c}</Typography.Text>
      ),
    },
    {
      title: 'Người nộp',
      dataIndex: 'applicant',
      width: 180,
      render: (a: DossierSummaryDto['applicant']) => a.name,
    },
    { title: 'Thủ tục', dataIndex: 'procedureName' },
    {
      title: 'Hình thức',
      dataIndex: 'channel',
      width: 110,
      render: (c: DossierSummaryDto['channel']) => CHANNEL_LABELS[c],
    },
    {
      title: 'Tiếp nhận',
      dataIndex: 'createdAt',
      width: 140,
      render: (d: string) => formatVietnamDateTime(d),
    },
    {
      title: 'Hẹn trả',
      dataIndex: 'appointmentAt',
      width: 140,
      render: (d: string | null) => formatVietnamDateTime(d),
    },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 150,
      render: (s: DossierSummaryDto['status'], d) => (
        <Flex vertical gap={4} align="start">
          <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
          {s === 'active' && <DeadlineTag status={d.deadlineStatus} clock={d.clock} />}
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title="Hồ sơ đã tiếp nhận"
      extra={
        <Input.Search
          placeholder="Tìm theo mã hồ sơ"
          aria-label="Tìm theo mã hồ sơ"
          allowClear
          onSearch={setCode}
          style={{ width: 300 }}
          loading={dossiers.isFetching && code !== ''}
        />
      }
      styles={{ body: { padding: 0 } }}
    >
      {dossiers.isError && (
        <Typography.Paragraph type="danger" role="alert" style={{ padding: 16, margin: 0 }}>
          Không tải được danh sách hồ sơ: {dossiers.error.message}
        </Typography.Paragraph>
      )}
      <Table<DossierSummaryDto>
        rowKey="id"
        columns={columns}
        dataSource={dossiers.data?.items ?? []}
        loading={dossiers.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: 1000 }}
        aria-label="Hồ sơ đã tiếp nhận"
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={code ? `Không có hồ sơ nào có mã chứa “${code}”` : 'Chưa tiếp nhận hồ sơ nào'}
              style={{ padding: '32px 0' }}
            />
          ),
        }}
      />
    </Card>
  );
}

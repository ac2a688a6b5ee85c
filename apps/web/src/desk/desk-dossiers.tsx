import { Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatVietnamDateTime } from '../format/date.util';
import { DeadlineTag } from '../inbox/deadline-tag';
import { useCursorPages } from './cursor-pages';
import { DeskList } from './desk-list';
import { dossierSearch, useDeskDossiers } from './desk.api';
import { CHANNEL_LABELS } from './procedure-fields.util';
import type { components } from '../api/schema.gen';

type DossierSummaryDto = components['schemas']['DossierSummaryDto'];

const STATUS = {
  active: { label: 'Đang giải quyết', color: 'processing' },
  completed: { label: 'Đã trả kết quả', color: 'success' },
  cancelled: { label: 'Đã hủy', color: 'default' },
  refused: { label: 'Từ chối tiếp nhận', color: 'warning' },
  stopped: { label: 'Dừng giải quyết', color: 'default' },
} as const;

/**
 * The dossiers the desk received lately, newest first, searched by part of their code (a text with a
 * digit) or of the applicant's name; each code opens the dossier view.
 */
export function DeskDossiers() {
  const [search, setSearch] = useState('');
  const pages = useCursorPages(search);
  const dossiers = useDeskDossiers(search, pages.cursor);
  const { code } = dossierSearch(search);
  const columns: ColumnsType<DossierSummaryDto> = [
    {
      title: 'Mã hồ sơ',
      dataIndex: 'code',
      width: 250,
      render: (c: string) => (
        <Typography.Text copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}>
          <Link to={`/ho-so/${encodeURIComponent(c)}`}>{c}</Link>
        </Typography.Text>
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
    <DeskList<DossierSummaryDto>
      title="Hồ sơ đã tiếp nhận"
      searchLabel="Tìm theo mã hồ sơ hoặc tên người nộp"
      onSearch={setSearch}
      searching={dossiers.isFetching && search !== ''}
      query={dossiers}
      pages={pages}
      rowKey="id"
      columns={columns}
      empty={
        code
          ? `Không có hồ sơ nào có mã chứa “${code}”`
          : search.trim()
            ? `Không có hồ sơ nào của người nộp “${search.trim()}”`
            : 'Chưa tiếp nhận hồ sơ nào'
      }
    />
  );
}

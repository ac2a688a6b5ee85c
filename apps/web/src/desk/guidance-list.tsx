import { Button, Modal } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { formatVietnamDateTime } from '../format/date.util';
import { useCursorPages } from './cursor-pages';
import { useGuidances } from './desk.api';
import { DeskList } from './desk-list';
import { GuidanceSlip } from './reception-slips';
import type { components } from '../api/schema.gen';

type ReceptionGuidanceDto = components['schemas']['ReceptionGuidanceDto'];

/** The supplement guidances the desk gave, found again by number or applicant, each slip shown to print again. */
export function GuidanceList() {
  const [search, setSearch] = useState('');
  const pages = useCursorPages(search);
  const guidances = useGuidances(search, pages.cursor);
  const [shown, setShown] = useState<ReceptionGuidanceDto | null>(null);
  const columns: ColumnsType<ReceptionGuidanceDto> = [
    {
      title: 'Số phiếu',
      dataIndex: 'code',
      width: 270,
      render: (code: string, g) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => setShown(g)}
          aria-label={`Xem phiếu ${code}`}
        >
          {code}
        </Button>
      ),
    },
    { title: 'Người nộp', key: 'applicant', width: 180, render: (_, g) => g.applicant.name },
    { title: 'Thủ tục', dataIndex: 'procedureName' },
    { title: 'Giấy tờ cần bổ sung', key: 'items', width: 160, render: (_, g) => `${g.items.length} mục` },
    { title: 'Lập lúc', dataIndex: 'createdAt', width: 140, render: (t: string) => formatVietnamDateTime(t) },
    { title: 'Cán bộ', dataIndex: 'createdBy', width: 110 },
  ];
  return (
    <DeskList<ReceptionGuidanceDto>
      title="Phiếu hướng dẫn bổ sung đã lập"
      searchLabel="Tìm phiếu hướng dẫn theo số phiếu hoặc tên người nộp"
      onSearch={setSearch}
      searching={guidances.isFetching && search !== ''}
      query={guidances}
      pages={pages}
      rowKey="id"
      columns={columns}
      empty={search ? `Không có phiếu nào khớp “${search}”` : 'Chưa lập phiếu hướng dẫn bổ sung nào'}
    >
      <Modal
        open={shown !== null}
        onCancel={() => setShown(null)}
        footer={null}
        width={1000}
        title="Phiếu hướng dẫn bổ sung"
        destroyOnHidden
      >
        {shown && <GuidanceSlip guidance={shown} />}
      </Modal>
    </DeskList>
  );
}

import {
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  FileSearchOutlined,
  PauseCircleOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';

const STATUS = {
  on_track: { color: 'success', label: 'Đúng hạn', icon: <ClockCircleOutlined /> },
  due_soon: { color: 'warning', label: 'Sắp đến hạn', icon: <ExclamationCircleOutlined /> },
  overdue: { color: 'error', label: 'Quá hạn', icon: <ExclamationCircleOutlined /> },
} as const;

/**
 * A step's deadline status as the sweep marked it, coloured (and worded, not by colour alone); a
 * dossier waiting for the applicant's supplement says so.
 */
export function DeadlineTag({
  status,
  clock,
  holds = [],
}: {
  readonly status: string;
  readonly clock: string;
  /** What holds the dossier's clock (TaskDto.dossierHolds). */
  readonly holds?: readonly string[];
}) {
  if (holds.includes('supplement')) {
    return (
      <Tag icon={<FileSearchOutlined />} color="warning">
        Chờ bổ sung
      </Tag>
    );
  }
  if (clock === 'paused') {
    return (
      <Tag icon={<PauseCircleOutlined />} color="default">
        Tạm dừng
      </Tag>
    );
  }
  const s = STATUS[status as keyof typeof STATUS] ?? STATUS.on_track;
  return (
    <Tag icon={s.icon} color={s.color} variant="outlined">
      {s.label}
    </Tag>
  );
}

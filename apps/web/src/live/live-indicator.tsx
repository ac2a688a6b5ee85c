import { Badge, Tooltip } from 'antd';
import { useLiveStatus } from './use-live-events';

const SHOWN = {
  live: {
    status: 'success',
    text: 'Đang cập nhật trực tiếp',
    hint: 'Hộp việc tự cập nhật khi có bước mới, được nhận, hoàn thành hoặc đổi tình trạng hạn.',
  },
  connecting: { status: 'processing', text: 'Đang kết nối…', hint: 'Đang mở kết nối cập nhật trực tiếp.' },
  reconnecting: {
    status: 'warning',
    text: 'Mất kết nối, đang thử lại…',
    hint: 'Trong lúc này, bấm "Làm mới" để tải lại hộp việc.',
  },
} as const;

/** A discreet word on the live updates of the inbox (nothing while they are off). */
export function LiveIndicator() {
  const status = useLiveStatus();
  if (status === 'off') return null;
  const shown = SHOWN[status];
  return (
    <Tooltip title={shown.hint}>
      <span role="status" aria-live="polite" tabIndex={0} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        <Badge status={shown.status} text={shown.text} />
      </span>
    </Tooltip>
  );
}

import { formatVietnamDateTime } from '../format/date.util';

/** A step's or dossier's outcome as the control record says it. */
export const OUTCOME_WORDS = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

export const STATUS_WORDS = {
  active: 'Đang giải quyết',
  completed: 'Đã trả kết quả',
  cancelled: 'Đã hủy',
  refused: 'Từ chối tiếp nhận',
  stopped: 'Dừng giải quyết',
} as const;

/** Deadline events of the control record, in words. */
export const EVENT_WORDS: Readonly<Record<string, string>> = {
  paused: 'Tạm dừng tính thời gian',
  resumed: 'Tiếp tục tính thời gian',
  restarted: 'Tính lại thời hạn từ đầu',
  extended: 'Xin lỗi và hẹn lại ngày trả',
  recomputed: 'Tính lại theo lịch làm việc mới',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
};

/** The dossier's legal clock in words: running, paused since…, restarted at…, or none. */
export function clockWords(dossier: {
  clock: 'none' | 'running' | 'paused';
  status: string;
  deadline: { pausedAt: string | null; countingFrom: string | null };
  restartedAt: string | null;
}): string {
  if (dossier.status !== 'active') return 'Đã dừng (hồ sơ đã kết thúc)';
  switch (dossier.clock) {
    case 'none':
      return 'Không tính thời hạn';
    case 'paused':
      return `Tạm dừng từ ${formatVietnamDateTime(dossier.deadline.pausedAt)}`;
    case 'running':
      return dossier.restartedAt
        ? `Đang tính (tính lại từ ${formatVietnamDateTime(dossier.deadline.countingFrom ?? dossier.restartedAt)})`
        : `Đang tính từ ${formatVietnamDateTime(dossier.deadline.countingFrom)}`;
  }
}

/** A variable's value for reading: text as is, yes/no, numbers with a decimal comma, objects as JSON. */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

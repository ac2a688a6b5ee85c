import dayjs from 'dayjs';
import { DatePicker } from 'antd';
import { dueRange, type InboxFilters } from './inbox-filters.util';

/**
 * The due-date range of the inbox's filters: the days, both included, as the officer picks them in
 * the Vietnamese calendar. Loaded by LazyDueRange when the filter is first used (antd's date picker
 * is a third of the inbox's first load otherwise).
 */
export default function DueRangePicker({
  first,
  last,
  onChange,
  autoOpen,
}: {
  readonly first: string | null;
  readonly last: string | null;
  readonly onChange: (change: Pick<InboxFilters, 'dueFrom' | 'dueTo'>) => void;
  /** Opened and focused as soon as it shows (the officer clicked the stand-in). */
  readonly autoOpen: boolean;
}) {
  return (
    <DatePicker.RangePicker
      aria-label="Hạn xử lý"
      format="DD/MM/YYYY"
      placeholder={['Hạn từ ngày', 'đến ngày']}
      allowEmpty={[true, true]}
      autoFocus={autoOpen}
      defaultOpen={autoOpen}
      value={[first ? dayjs(first) : null, last ? dayjs(last) : null]}
      onChange={(range) => {
        const [from, to] = range ?? [null, null];
        const f = from?.format('YYYY-MM-DD');
        const t = to?.format('YYYY-MM-DD');
        onChange({
          dueFrom: f ? dueRange(f, f).dueFrom : undefined,
          dueTo: t ? dueRange(t, t).dueTo : undefined,
        });
      }}
      style={{ width: 270 }}
    />
  );
}

import { CalendarOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import type DueRangePicker from './due-range-picker';

const loadPicker = () => import('./due-range-picker');
const Picker = lazy(loadPicker);

/** `yyyy-mm-dd` as the picker shows it, dd/mm/yyyy. */
const shown = (day: string | null): string => (day ? day.split('-').reverse().join('/') : '');

type Props = Omit<ComponentProps<typeof DueRangePicker>, 'autoOpen'>;

/**
 * The due-date range filter, its date picker fetched when first needed: a read-only field of the same
 * size stands in for it (showing the range of the URL, if any) until the officer points at it, focuses
 * it or clicks it; a click or Enter opens the picker once it has arrived.
 */
export function LazyDueRange(props: Props) {
  const [wanted, setWanted] = useState<'no' | 'shown' | 'opened'>(
    props.first || props.last ? 'shown' : 'no',
  );
  const standIn = (
    <Input
      readOnly
      aria-label="Hạn xử lý"
      aria-haspopup="dialog"
      placeholder="Hạn từ ngày → đến ngày"
      value={props.first || props.last ? `${shown(props.first)} → ${shown(props.last)}` : ''}
      suffix={<CalendarOutlined aria-hidden style={{ color: 'rgba(0, 0, 0, 0.45)' }} />}
      onMouseEnter={() => void loadPicker()}
      onFocus={() => void loadPicker()}
      onClick={() => setWanted('opened')}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowDown') {
          e.preventDefault();
          setWanted('opened');
        }
      }}
      style={{ width: 270, cursor: 'pointer' }}
    />
  );
  if (wanted === 'no') return standIn;
  return (
    <Suspense fallback={standIn}>
      <Picker {...props} autoOpen={wanted === 'opened'} />
    </Suspense>
  );
}

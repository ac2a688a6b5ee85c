import { VIETNAM_OFFSET_MS } from '@lienthong/calendar';

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as officers read it, in Vietnam time (UTC+7, no daylight saving): `dd/MM/yyyy HH:mm`. */
export function formatVietnamDateTime(instant: string | Date | null | undefined): string {
  if (instant === null || instant === undefined) return '—';
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + VIETNAM_OFFSET_MS;
  if (Number.isNaN(ms)) return '—';
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

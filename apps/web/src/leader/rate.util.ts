/** A rate (0..1) as a Vietnamese percentage with one decimal (`92,3%`); none: a dash. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const value = Math.round(rate * 1000) / 10;
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

/** `2026-12` as Vietnamese officers write a month: `12/2026`. */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-');
  return `${m}/${year}`;
}

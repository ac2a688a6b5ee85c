import { VIETNAM_OFFSET_MS } from '@lienthong/calendar';
/**
 * ISO 8601 timer values as used by BPMN timer events: durations (`P3D`, `PT4H30M`), dates
 * (`2025-07-01T08:00:00+07:00`) and repeating cycles (`R3/PT1H`). Calendar time, not working
 * time: working-day durations belong to the deadlines module.
 */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION =
  /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const CYCLE = /^R(\d*)\/(.+)$/;

export function parseIsoDuration(text: string): IsoDuration | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  const n = (i: number) => (m[i] ? Number(m[i].replace(',', '.')) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** Adds a calendar duration to an instant (years, months and days in UTC+7 local dates, the rest exactly). */
export function addIsoDuration(from: Date, d: IsoDuration): Date {
  const local = new Date(from.getTime() + VIETNAM_OFFSET_MS);
  local.setUTCFullYear(
    local.getUTCFullYear() + Math.trunc(d.years),
    local.getUTCMonth() + Math.trunc(d.months),
  );
  local.setUTCDate(local.getUTCDate() + Math.trunc(d.weeks * 7 + d.days));
  const fractionalDays = (d.years % 1) * 365 + (d.months % 1) * 30 + ((d.weeks * 7 + d.days) % 1);
  const ms = fractionalDays * 86_400_000 + d.hours * 3600_000 + d.minutes * 60_000 + d.seconds * 1000;
  return new Date(local.getTime() - VIETNAM_OFFSET_MS + ms);
}

export function parseIsoDate(text: string): Date | null {
  const t = text.trim();
  if (!DATE_TIME.test(t)) return null;
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface IsoCycle {
  /** Number of repetitions; null for unbounded. */
  repetitions: number | null;
  interval: IsoDuration;
}

export function parseIsoCycle(text: string): IsoCycle | null {
  const m = CYCLE.exec(text.trim());
  if (!m) return null;
  const interval = parseIsoDuration(m[2] ?? '');
  if (!interval) return null;
  return { repetitions: m[1] ? Number(m[1]) : null, interval };
}

export function isZeroDuration(d: IsoDuration): boolean {
  return d.years + d.months + d.weeks + d.days + d.hours + d.minutes + d.seconds === 0;
}

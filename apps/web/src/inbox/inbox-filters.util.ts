import { VIETNAM_OFFSET_MS } from '@lienthong/calendar';

/** The inbox's filters, as the URL's query holds them (the API's parameter names: shareable as they are). */
export const FILTER_KEYS = [
  'definitionKey',
  'definitionVersion',
  'deadlineStatus',
  'dueFrom',
  'dueTo',
  'assignee',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type InboxFilters = Partial<Record<FilterKey, string>>;

export const DEADLINE_STATUSES = ['on_track', 'due_soon', 'overdue'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

const DAY_MS = 86_400_000;

/** The filters of a URL query: its known, non-empty parameters only (a mistyped link shows the whole inbox). */
export function filtersFromParams(params: URLSearchParams): InboxFilters {
  const filters: InboxFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  if (filters.deadlineStatus && !(DEADLINE_STATUSES as readonly string[]).includes(filters.deadlineStatus))
    delete filters.deadlineStatus;
  if (
    filters.definitionVersion &&
    (!/^[1-9]\d{0,5}$/.test(filters.definitionVersion) || !filters.definitionKey)
  )
    delete filters.definitionVersion;
  for (const key of ['dueFrom', 'dueTo'] as const)
    if (filters[key] && Number.isNaN(Date.parse(filters[key]))) delete filters[key];
  return filters;
}

/** `params` with the filters replaced by `filters` (other parameters, e.g. the open step, kept). */
export function withFilters(params: URLSearchParams, filters: InboxFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) next.delete(key);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) next.set(key, value);
  }
  return next;
}

/** Whether two sets of filters are the same (a saved filter is the one shown). */
export function sameFilters(a: InboxFilters, b: InboxFilters): boolean {
  return FILTER_KEYS.every((key) => (a[key] ?? '') === (b[key] ?? ''));
}

/** The API's query parameters for the filters. */
export function apiQuery(filters: InboxFilters) {
  return {
    definitionKey: filters.definitionKey,
    definitionVersion:
      filters.definitionVersion === undefined ? undefined : Number(filters.definitionVersion),
    deadlineStatus: filters.deadlineStatus as DeadlineStatus | undefined,
    dueFrom: filters.dueFrom,
    dueTo: filters.dueTo,
    assignee: filters.assignee,
    q: filters.q,
  };
}

/** The instant a Vietnam calendar day (`2026-12-03`) begins, in ISO 8601. */
export function vietnamDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - VIETNAM_OFFSET_MS).toISOString();
}

/** The Vietnam calendar day (`2026-12-03`) of an instant. */
export function vietnamDay(instant: string): string {
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The due range of two Vietnam days, both included: from the first's start to the start of the day after the last. */
export function dueRange(first: string, last: string): { dueFrom: string; dueTo: string } {
  return {
    dueFrom: vietnamDayStart(first),
    dueTo: new Date(Date.parse(vietnamDayStart(last)) + DAY_MS).toISOString(),
  };
}

/** The days of a due range, both included (the opposite of `dueRange`). */
export function rangeDays(filters: InboxFilters): [string | null, string | null] {
  return [
    filters.dueFrom ? vietnamDay(filters.dueFrom) : null,
    filters.dueTo ? vietnamDay(new Date(Date.parse(filters.dueTo) - 1).toISOString()) : null,
  ];
}

const STATUS_EMPTY: Record<DeadlineStatus, string> = {
  on_track: 'Không có bước nào còn trong hạn',
  due_soon: 'Không có bước nào sắp đến hạn',
  overdue: 'Không có bước nào quá hạn',
};

/** What an empty list says, for the filters that emptied it. */
export function emptyText(filters: InboxFilters): string {
  if (filters.q) return `Không tìm thấy bước nào khớp với “${filters.q}”`;
  const others = FILTER_KEYS.filter((k) => filters[k] !== undefined && k !== 'deadlineStatus');
  if (filters.deadlineStatus && others.length === 0)
    return STATUS_EMPTY[filters.deadlineStatus as DeadlineStatus];
  if (filters.assignee === 'me' && others.length === 1 && !filters.deadlineStatus)
    return 'Bạn chưa nhận xử lý bước nào';
  if (filters.assignee === 'unassigned' && others.length === 1 && !filters.deadlineStatus)
    return 'Không có bước nào đang chờ nhận';
  if (others.length > 0 || filters.deadlineStatus) return 'Không có bước nào khớp với bộ lọc';
  return 'Không có việc nào đang chờ';
}

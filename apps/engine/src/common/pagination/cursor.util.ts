import { badRequest } from '../problem/problem.exception';

/** One sort-key value of a row (timestamps as ISO strings). */
export type CursorValue = string | number | boolean | null;
/** The sort-key values of the last row of a page, e.g. `{ createdAt: '2025-01-02T03:04:05.000Z', id: '42' }`. */
export type CursorKey = Readonly<Record<string, CursorValue>>;

const MAX_CURSOR_LENGTH = 2048;

/** Opaque cursor: base64url of the JSON of the sort-key values. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by `encodeCursor`: `decodeCursor<{ createdAt: string; id: string }>(cursor, ['createdAt', 'id'])`.
 * It must be an object of scalar values and, when `fields` are given, hold exactly those fields
 * (recommended: the cursor comes from the client).
 * @throws ProblemException 400 `invalid-cursor`
 */
export function decodeCursor<T extends CursorKey>(cursor: string, fields?: readonly (keyof T & string)[]): T {
  const invalid = () =>
    badRequest('The cursor is not valid for this list.', undefined, { slug: 'invalid-cursor' });
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0) throw invalid();
  if (
    entries.some(([, value]) => value !== null && !['string', 'number', 'boolean'].includes(typeof value))
  ) {
    throw invalid();
  }
  if (fields && (entries.length !== fields.length || !entries.every(([name]) => fields.includes(name)))) {
    throw invalid();
  }
  return parsed as T;
}

/** A page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * Builds a page from rows fetched with `LIMIT limit + 1` in sort order: the extra row, if any, only
 * tells that there is a next page, whose cursor is the key of the last row kept.
 */
export function toPage<T>(rows: readonly T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

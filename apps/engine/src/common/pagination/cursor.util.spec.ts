import { ProblemException } from '../problem/problem.exception';
import { decodeCursor, encodeCursor, toPage } from './cursor.util';

function slugOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ProblemException ? `${error.getStatus()} ${error.slug}` : String(error);
  }
  return undefined;
}

describe('cursor', () => {
  it('round-trips the sort key values through an opaque URL-safe string', () => {
    // given
    const key = { createdAt: '2025-09-02T01:02:03.456Z', id: '42', title: 'Tách thửa đất / ?&=' };

    // when
    const cursor = encodeCursor(key);

    // then
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor<typeof key>(cursor, ['createdAt', 'id', 'title'])).toEqual(key);
    expect(decodeCursor<typeof key>(cursor)).toEqual(key);
  });

  it('keeps numbers, booleans and nulls', () => {
    const key = { version: 3, published: false, deletedAt: null };
    expect(decodeCursor(encodeCursor(key), ['version', 'published', 'deletedAt'])).toEqual(key);
  });

  it.each([
    ['not base64url', '***'],
    ['empty', ''],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['an array', encodeArbitrary([1, 2])],
    ['a scalar', encodeArbitrary('x')],
    ['an empty object', encodeArbitrary({})],
    ['a nested value', encodeArbitrary({ id: { $gt: 1 } })],
    ['too long', 'a'.repeat(3000)],
  ])('refuses a cursor that is %s with a 400 problem', (_what, cursor) => {
    expect(slugOf(() => decodeCursor(cursor))).toBe('400 invalid-cursor');
  });

  it('refuses a cursor of another list (other fields) when the fields are given', () => {
    // given
    const cursor = encodeCursor({ key: 'a', version: 1 });

    // when / then
    expect(slugOf(() => decodeCursor(cursor, ['createdAt', 'id']))).toBe('400 invalid-cursor');
    expect(slugOf(() => decodeCursor(cursor, ['key']))).toBe('400 invalid-cursor');
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3, 4].map((id) => ({ id: String(id) }));

  it('gives a next cursor at the last kept row when the extra row exists', () => {
    // given rows fetched with LIMIT 3 + 1
    // when
    const page = toPage(rows, 3, (row) => ({ id: row.id }));

    // then
    expect(page.items).toEqual(rows.slice(0, 3));
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor as string, ['id'])).toEqual({ id: '3' });
  });

  it('has no next cursor on the last page', () => {
    expect(toPage(rows, 4, (row) => ({ id: row.id }))).toEqual({ items: rows, nextCursor: null });
    expect(toPage([], 10, () => ({ id: 'x' }))).toEqual({ items: [], nextCursor: null });
  });
});

function encodeArbitrary(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

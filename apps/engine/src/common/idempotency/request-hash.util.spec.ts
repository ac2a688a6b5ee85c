import { canonicalJson, requestHash } from './request-hash.util';

describe('requestHash', () => {
  it('ignores the order of object keys, at every level', () => {
    const a = requestHash('POST', '/api/v1/dossiers', '', { b: 1, a: { d: [1, { y: 1, x: 2 }], c: null } });
    const b = requestHash('post', '/api/v1/dossiers', '', { a: { c: null, d: [1, { x: 2, y: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart bodies, paths, queries, array orders and XML strings', () => {
    const base = requestHash('POST', '/p', 'x=1', { a: [1, 2] });
    expect(requestHash('POST', '/p', 'x=1', { a: [2, 1] })).not.toBe(base);
    expect(requestHash('POST', '/q', 'x=1', { a: [1, 2] })).not.toBe(base);
    expect(requestHash('POST', '/p', 'x=2', { a: [1, 2] })).not.toBe(base);
    expect(requestHash('POST', '/p', '', '<a/>')).not.toBe(requestHash('POST', '/p', '', '<b/>'));
  });

  it('treats a missing body as null', () => {
    expect(requestHash('POST', '/p', '', undefined)).toBe(requestHash('POST', '/p', '', null));
    expect(canonicalJson(undefined)).toBe('null');
  });
});

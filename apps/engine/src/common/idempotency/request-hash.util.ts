import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so that `{a,b}` and `{b,a}` hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** sha256 (hex) identifying a request: method, path, query string and (canonical) body. */
export function requestHash(method: string, path: string, query: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([method.toUpperCase(), path, query, body === undefined ? null : body]))
    .digest('hex');
}

/**
 * A key as stored, per caller: another principal's identical key (Idempotency-Key, messageId) is another
 * request, never a replay of it. Without a principal (public routes) the key is kept as given.
 */
export function callerScopedKey(principal: { kind: string; id: string } | undefined, key: string): string {
  return principal === undefined
    ? key
    : createHash('sha256').update(`${principal.kind}:${principal.id}\n${key}`).digest('hex');
}

import { type FieldError } from '../problem/problem.exception';

/** NUL (refused by PostgreSQL text and jsonb) and UTF-16 surrogates without their pair (refused by jsonb). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_LISTED = 20;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(text: string): string {
  const found = UNSTORABLE.exec(text)?.[0] ?? '';
  return found === '\u0000'
    ? 'contains a NUL character (U+0000), which cannot be stored'
    : `contains a lone surrogate (U+${found.charCodeAt(0).toString(16).toUpperCase()}), which cannot be stored`;
}

/**
 * The JSON pointers (RFC 6901) of the strings of a parsed JSON body, keys included, that PostgreSQL
 * cannot store; at most 20.
 */
export function unstorableText(value: unknown, pointer = '', found: FieldError[] = []): FieldError[] {
  if (found.length >= MAX_LISTED) return found;
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) found.push({ path: pointer, message: `The text ${describe(value)}.` });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableText(item, `${pointer}/${index}`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (UNSTORABLE.test(key) && found.length < MAX_LISTED) {
        found.push({ path: at, message: `The property name ${describe(key)}.` });
      }
      unstorableText(item, at, found);
    }
  }
  return found;
}

import { evaluate } from 'feelin';
import type { Json, Variables } from './model';

/** Evaluates a FEEL expression (without a leading `=`) against the dossier's variables. */
export function evaluateFeel(expression: string, context: Variables): unknown {
  return evaluate(expression, context).value;
}

/** FEEL values (dates, durations, ranges, contexts) as plain JSON for storage. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return Number(value);
    case 'object': {
      if (Array.isArray(value)) return value.map(toJson);
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return toJson(withJson.toJSON());
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return String(value);
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(v);
      return out;
    }
    default:
      return null;
  }
}

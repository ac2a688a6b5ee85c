import type { Json } from '@lienthong/engine-core';

/** A Camunda 7 REST variable: `{ "value": ..., "type": "String" | "Integer" | ..., "valueInfo": {...} }`. */
export interface TypedValue {
  value: unknown;
  type?: string;
  valueInfo?: Record<string, unknown>;
}

export class TypedVariableError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const INT32 = 2 ** 31;

/** Our JSON variables as Camunda typed values (objects and arrays as `Json`, which the JS client parses). */
export function toTypedVariables(variables: Record<string, unknown>): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [name, value] of Object.entries(variables)) out[name] = toTyped(value);
  return out;
}

function toTyped(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null', valueInfo: {} };
  if (typeof value === 'string') return { value, type: 'String', valueInfo: {} };
  if (typeof value === 'boolean') return { value, type: 'Boolean', valueInfo: {} };
  if (typeof value === 'number') {
    if (Number.isInteger(value))
      return { value, type: Math.abs(value) < INT32 ? 'Integer' : 'Long', valueInfo: {} };
    return { value, type: 'Double', valueInfo: {} };
  }
  return { value: JSON.stringify(value), type: 'Json', valueInfo: {} };
}

/**
 * Camunda typed values as our JSON variables: numbers, booleans, strings, null, dates (as ISO strings),
 * and `Json` / serialized `Object` values (application/json) parsed. Anything else (files, Java objects)
 * is refused with the variable's name.
 */
export function fromTypedVariables(input: unknown, path = 'variables'): Record<string, Json> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new TypedVariableError(path, 'must be an object of typed values');
  const out: Record<string, Json> = {};
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    const at = `${path}.${name}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new TypedVariableError(at, 'must be {"value", "type"}');
    out[name] = fromTyped(raw as TypedValue, at);
  }
  return out;
}

function fromTyped(typed: TypedValue, at: string): Json {
  const type = (typed.type ?? inferType(typed.value)).toLowerCase();
  const value = typed.value;
  switch (type) {
    case 'null':
      return null;
    case 'string':
      if (typeof value !== 'string') throw new TypedVariableError(at, 'String value must be a string');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypedVariableError(at, 'Boolean value must be true or false');
      return value;
    case 'integer':
    case 'long':
    case 'short':
    case 'double': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n))
        throw new TypedVariableError(at, `${typed.type} value must be a number`);
      return n;
    }
    case 'date': {
      const d = new Date(value as string);
      if (typeof value !== 'string' || Number.isNaN(d.getTime()))
        throw new TypedVariableError(at, 'Date value must be a date string');
      return d.toISOString();
    }
    case 'json':
    case 'object': {
      if (typeof value !== 'string') return value as Json;
      const format = typed.valueInfo?.['serializationDataFormat'];
      if (type === 'object' && format !== undefined && format !== 'application/json') {
        throw new TypedVariableError(
          at,
          `Object values must be serialized as application/json, not ${String(format)}`,
        );
      }
      try {
        return JSON.parse(value) as Json;
      } catch {
        throw new TypedVariableError(at, `${typed.type} value is not valid JSON`);
      }
    }
    default:
      throw new TypedVariableError(at, `variables of type ${typed.type} are not supported`);
  }
}

function inferType(value: unknown): string {
  if (value === null || value === undefined) return 'Null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Long' : 'Double';
  return 'Json';
}

import { evaluate, parseExpression } from 'feelin';
import type { Json, Variables } from './model';

/**
 * Evaluates a FEEL expression (without a leading `=`) against the dossier's variables.
 *
 * feelin parses the expression on every call, which is most of the cost of a gateway's conditions.
 * FEEL is side-effect free, so a result is a function of the expression and the values of the
 * variables it names: scalar results are kept, keyed by both. Expressions that call a function
 * (`now()`, `today()`, and any other, to stay simple) are always evaluated, and so is every expression
 * while a variable name holds characters that make FEEL names parse differently (spaces, operators).
 */
export function evaluateFeel(expression: string, context: Variables): unknown {
  let names = referencedNames.get(expression);
  if (names === undefined) {
    names = namesOf(expression);
    if (referencedNames.size >= MAX_EXPRESSIONS) referencedNames.clear();
    referencedNames.set(expression, names);
  }
  const key = names === null || hasSpecialName(context) ? undefined : keyOf(expression, names, context);
  if (key === undefined) return evaluate(expression, context).value;
  const known = results.get(key);
  if (known !== undefined || results.has(key)) return known;
  const value = evaluate(expression, context).value;
  if (value === null || ['boolean', 'number', 'string'].includes(typeof value)) {
    if (results.size >= MAX_RESULTS) results.clear();
    results.set(key, value);
  }
  return value;
}

const MAX_EXPRESSIONS = 5_000;
const MAX_RESULTS = 20_000;
/** Variable names an expression reads, or null when it cannot be kept (a function call, a parse error). */
const referencedNames = new Map<string, string[] | null>();
const results = new Map<string, unknown>();

/** Keys longer than this (large values named) are not kept: the cache stays small (MAX_RESULTS of them). */
const MAX_KEY_LENGTH = 1024;

function keyOf(expression: string, names: string[], context: Variables): string | undefined {
  try {
    const key = `${expression}\u0000${JSON.stringify(names.map((n) => context[n] ?? null))}`;
    return key.length <= MAX_KEY_LENGTH ? key : undefined;
  } catch {
    return undefined; // a value JSON cannot hold: evaluate
  }
}

function namesOf(expression: string): string[] | null {
  const names = new Set<string>();
  let cacheable = true;
  try {
    parseExpression(expression, {}, undefined).iterate({
      enter(node) {
        if (node.type.isError || node.name === 'FunctionInvocation') cacheable = false;
        else if (node.name === 'VariableName') names.add(expression.slice(node.from, node.to));
        return cacheable;
      },
    });
  } catch {
    return null;
  }
  return cacheable ? [...names] : null;
}

/** A name FEEL could read as several tokens, or several names as one: e.g. `so to`, `a-b`, `x.y`, `ok?`. */
function hasSpecialName(context: Variables): boolean {
  for (const key in context) if (/[^\p{L}\p{N}_]/u.test(key)) return true;
  return false;
}

/** Forgets kept results (for tests). */
export function clearFeelCache(): void {
  referencedNames.clear();
  results.clear();
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

/** A JSON value: what variables hold (stored as jsonb, sent over the API). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Process variables: a JSON object. */
export type VariablesDto = Record<string, JsonValue>;

import { createHash } from 'node:crypto';

/** A pg query config running `text` as a named prepared statement (parsed and planned once per connection). */
export interface NamedStatement {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[] | undefined;
}

/**
 * Statement names by text, for one pool. The engine's statement texts are a bounded set (their
 * variants differ by which effects a step has, never by data), so the map stays small.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  of(text: string, params: unknown[] | undefined): NamedStatement {
    let name = this.names.get(text);
    if (name === undefined) {
      name = `lt_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.names.set(text, name);
    }
    return { name, text, values: params };
  }
}

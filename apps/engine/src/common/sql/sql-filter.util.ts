/**
 * Builds the WHERE clause of a list query with numbered parameters:
 * `filter.add('d.status = ?', status)` → `d.status = $1`. Each `?` takes the next value given.
 */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  add(sql: string, ...values: unknown[]): this {
    let i = 0;
    this.clauses.push(sql.replace(/\?/g, () => this.param(values[i++])));
    return this;
  }

  /** Adds a condition only when the value is given. */
  addIf(value: unknown, sql: string): this {
    return value === undefined || value === null || value === '' ? this : this.add(sql, value);
  }

  /** Registers a parameter and returns its placeholder (`$n`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** A timestamp column as ISO 8601, or null. */
export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

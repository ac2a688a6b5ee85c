import { type Sql } from './db.service';

/**
 * Creates the missing month partitions of history_events, audit_log and deadline_events from the month
 * of `today` to `monthsAhead` months later (lt_ensure_partitions, migration 1764700000000): under a
 * transaction advisory lock, so that engines doing it at once create each partition once. The number created.
 */
export async function ensurePartitions(sql: Sql, today: Date, monthsAhead: number): Promise<number> {
  const { rows } = await sql<{ made: number }>(
    `SELECT lt_ensure_partitions(($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, $2::int) AS made`,
    [today.toISOString(), monthsAhead],
  );
  return rows[0]?.made ?? 0;
}

/** The partitions of an append-only table, oldest first, with their bounds and row estimates (tests, bench). */
export async function partitionsOf(sql: Sql, table: string): Promise<{ name: string; bounds: string }[]> {
  const { rows } = await sql<{ name: string; bounds: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bounds
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass ORDER BY c.relname`,
    [table],
  );
  return rows;
}

/**
 * A dossier's history, audit and deadline events are dated within its life (ADR 0011): `at` between
 * its receipt and its end, given as parameters (see `lifeOf`), lets the planner keep only the month
 * partitions of those months. A day of slack on each side covers rows dated by the database's clock
 * (ExternalTasksRepository.insertHistory) on a server a little off the engine's; no command writes on
 * an ended dossier, and an open one has no upper bound.
 */
export const DATED = (from: string, to: string): string =>
  `at BETWEEN ${from}::timestamptz AND ${to}::timestamptz`;

/** The parameters of DATED for a dossier: its receipt less a day, its end plus a day; all time if unknown. */
export async function lifeOf(sql: Sql, dossierId: string): Promise<[string, string]> {
  const { rows } = await sql<{ since: string; until: string }>(
    `SELECT coalesce(min(created_at) - interval '1 day', '-infinity')::text AS since,
            coalesce(min(ended_at) + interval '1 day', 'infinity')::text AS until
       FROM dossiers WHERE id = $1`,
    [dossierId],
  );
  const row = rows[0];
  return row ? [row.since, row.until] : ['-infinity', 'infinity'];
}

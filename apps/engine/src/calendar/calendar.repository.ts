import { Injectable } from '@nestjs/common';
import { Db, type Sql } from '../database/db.service';

/** The NOTIFY channel of calendar changes; the payload is the id of the `calendar_changes` row. */
export const CALENDAR_CHANNEL = 'lt_calendar';

export interface StoredRow {
  change_id: string | null;
  decision_count: number;
  decisions: unknown[];
  changes: Array<{
    id: string;
    at: string;
    year: number;
    actor: string;
    reason: string | null;
    previousVersion: string;
    version: string;
  }>;
}

/** Reads the decisions in force and, in the same snapshot, the audit rows after a given id. */
const LOAD_SQL = `
  SELECT (SELECT max(id) FROM calendar_changes)::text AS change_id,
         (SELECT count(*) FROM calendar_decisions)::int AS decision_count,
         (SELECT coalesce(jsonb_agg(decision ORDER BY year, id), '[]'::jsonb) FROM calendar_decisions) AS decisions,
         (SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', id::text, 'at', at, 'year', year, 'actor', actor, 'reason', reason,
                    'previousVersion', previous_version, 'version', version) ORDER BY id), '[]'::jsonb)
            FROM (SELECT * FROM calendar_changes WHERE id > $1::bigint ORDER BY id LIMIT 1000) AS recent) AS changes`;

/** A change of the calendar as calendar_changes records it. */
export interface CalendarChangeRow {
  id: string;
  at: Date;
  year: number;
  actor: string;
  reason: string | null;
  previousVersion: string;
  version: string;
  /** The year's decisions as submitted. */
  decisions: unknown;
}

/**
 * Statements on the working calendar's tables (calendar_decisions, calendar_changes) and the
 * recomputation a change asks for. Those that take `sql` run in the change's transaction, under `lock`.
 */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  /** Serialises calendar changes of every engine process (until the transaction ends). */
  async lock(sql: Sql): Promise<void> {
    await sql(`SELECT pg_advisory_xact_lock(hashtext('${CALENDAR_CHANNEL}'))`);
  }

  /** The decisions in force and, in the same snapshot, the changes after `after` (an id). */
  async load(sql: Sql, after: string): Promise<StoredRow> {
    const { rows } = await sql<StoredRow>(LOAD_SQL, [after]);
    return rows[0];
  }

  /** The id of the last change (null: none). */
  async lastChangeId(): Promise<string | null | undefined> {
    const { rows } = await this.db.query<{ id: string | null }>(
      `SELECT max(id)::text AS id FROM calendar_changes`,
    );
    return rows[0]?.id;
  }

  async nextChangeId(sql: Sql): Promise<string> {
    const { rows } = await sql<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('calendar_changes', 'id'))::text AS id`,
    );
    return rows[0].id;
  }

  /** Deletes every decision (the first write replaces the library's data by the whole set). */
  async deleteDecisions(sql: Sql): Promise<void> {
    await sql(`DELETE FROM calendar_decisions`);
  }

  async deleteDecisionsOf(sql: Sql, year: number): Promise<void> {
    await sql(`DELETE FROM calendar_decisions WHERE year = $1`, [year]);
  }

  async insertDecisions(sql: Sql, decisions: readonly unknown[], actor: string, at: Date): Promise<void> {
    await sql(
      `INSERT INTO calendar_decisions (id, year, decision, updated_by, updated_at)
             SELECT d->>'id', (d->>'year')::int, d, $2, $3 FROM jsonb_array_elements($1::jsonb) AS d`,
      [JSON.stringify(decisions), actor, at],
    );
  }

  async insertChange(sql: Sql, c: CalendarChangeRow): Promise<void> {
    await sql(
      `INSERT INTO calendar_changes (id, at, year, actor, reason, previous_version, version, decisions)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [c.id, c.at, c.year, c.actor, c.reason, c.previousVersion, c.version, JSON.stringify(c.decisions)],
    );
  }

  /** Asks for the open due instants to be computed again (DeadlineRecomputer). */
  async requestRecomputation(
    sql: Sql,
    r: { changeId: string; calendarVersion: string; reason: string; actor: string; at: Date },
  ): Promise<void> {
    await sql(
      `INSERT INTO calendar_recomputations (change_id, calendar_version, reason, actor, requested_at)
           VALUES ($1, $2, $3, $4, $5)`,
      [r.changeId, r.calendarVersion, r.reason, r.actor, r.at],
    );
  }

  /** Tells every engine process of the change (at commit). */
  async notifyChange(sql: Sql, changeId: string): Promise<void> {
    await sql(`SELECT pg_notify($1, $2)`, [CALENDAR_CHANNEL, changeId]);
  }
}

import { Injectable } from '@nestjs/common';
import type { Client } from 'pg';
import { Db } from '../database/db.service';
import type { DeadlineState } from '../runtime/deadlines';
import { lowerStatus } from '../runtime/dossier-write';
import { recomputedOutboxCte } from '../webhooks/webhook-outbox.sql';

/** Any number being a lock key shared by every engine process: one recomputation at a time. */
const RECOMPUTE_LOCK = 7_210_002;

/**
 * Every open dossier with a clock, read once by a sequential scan in physical order (a cursor): no index
 * descent per dossier, and consecutive batches then rewrite neighbouring heap pages (and their steps',
 * created with them), so that each page is read, written and logged (full-page image after a checkpoint)
 * about once in the whole recomputation rather than once per batch touching it.
 */
const SCAN_SQL = `SELECT id, revision, deadlines FROM dossiers
                   WHERE status = 'active' AND (clock <> 'none' OR deadlines->'tasks' <> '{}'::jsonb)`;

const READ_SQL = `SELECT id, revision, deadlines FROM dossiers WHERE id = ANY($1::uuid[]) AND status = 'active'`;

/**
 * One batch, one statement: the dossiers some of whose clocks moved (each only if its revision is still
 * the one read), the steps whose due instants moved (only of the dossiers written), and a 'recomputed'
 * deadline event and its webhook deliveries for each dossier whose own due instant moved. Typed arrays rather than JSON records
 * (the clocks, jsonb anyway, are one JSON array).
 *
 * `parent_id`, `created_at`, `dossier_id` and `unit` are set to themselves on purpose: naming an index's
 * key column in an UPDATE makes PostgreSQL insert the new row version into that (non-unique) index without
 * first trying a "bottom-up deletion" pass, which visits heap pages looking for dead versions of the same
 * key. In a recomputation there are none to find (every version is the batch's own), and those passes
 * cost a sixth of its time. The values do not change: no foreign key is checked again.
 */
const WRITE_SQL = `
  WITH x AS (
         SELECT * FROM ROWS FROM (unnest($1::uuid[]), unnest($2::int[]), jsonb_array_elements($3::jsonb),
                                  unnest($4::text[]), unnest($5::timestamptz[]), unnest($6::timestamptz[]),
                                  unnest($7::text[]), unnest($8::timestamptz[]), unnest($9::timestamptz[]))
                  AS x(id, revision, deadlines, clock, due_at, due_soon_at, deadline_status, appointment, previous_due)),
       d AS (
         UPDATE dossiers SET deadlines = x.deadlines, clock = x.clock, due_at = x.due_at, due_soon_at = x.due_soon_at,
                deadline_status = ${lowerStatus('dossiers.deadline_status', 'x.deadline_status')},
                overdue_holders = CASE WHEN ${lowerStatus('dossiers.deadline_status', 'x.deadline_status')} = 'overdue'
                                       THEN dossiers.overdue_holders END,
                revision = dossiers.revision + 1,
                appointment_at = CASE WHEN dossiers.extension IS NULL THEN x.appointment ELSE dossiers.appointment_at END,
                parent_id = dossiers.parent_id, created_at = dossiers.created_at
           FROM x WHERE dossiers.id = x.id AND dossiers.revision = x.revision
         RETURNING dossiers.id, x.previous_due IS DISTINCT FROM x.due_at AS moved, x.previous_due, dossiers.due_at,
                   dossiers.code, dossiers.status, dossiers.receiving_unit, dossiers.definition_key, dossiers.clock,
                   dossiers.appointment_at, dossiers.deadline_status),
       t AS (
         UPDATE tasks SET due_at = y.due_at, due_soon_at = y.due_soon_at,
                deadline_status = ${lowerStatus('tasks.deadline_status', 'y.deadline_status')},
                dossier_id = tasks.dossier_id, unit = tasks.unit
           FROM unnest($10::uuid[], $11::uuid[], $12::timestamptz[], $13::timestamptz[], $14::text[])
                AS y(id, dossier_id, due_at, due_soon_at, deadline_status)
          WHERE tasks.id = y.id AND tasks.status = 'active' AND y.dossier_id IN (SELECT id FROM d)),
       e AS (
         INSERT INTO deadline_events (dossier_id, at, kind, reason, actor, previous_due_at, new_due_at, calendar_version)
         SELECT id, $15, 'recomputed', $16, $17, previous_due, due_at, $18 FROM d WHERE moved),
       ${recomputedOutboxCte('$15', '$16')}
  SELECT id, moved FROM d`;

const PENDING_SQL = `SELECT id::text, reason, actor FROM calendar_recomputations WHERE finished_at IS NULL ORDER BY id`;

/** A dossier as the recomputation reads it (array rows: id, revision, deadlines). */
export type RecomputeRow = [id: string, revision: number, deadlines: DeadlineState];

/**
 * The recomputation's statements (calendar_recomputations, and the dossiers and steps it rewrites).
 * Asking for one and listing those pending run on the engine's Db; a run's own statements run on the
 * connections it opens for itself (`Db.connect`: session settings, an advisory session lock, a cursor,
 * array rows and named statements), so they take that `Client`.
 */
@Injectable()
export class DeadlineRecomputeRepository {
  constructor(private readonly db: Db) {}

  /** Records a recomputation asked for; answers its id. */
  async request(calendarVersion: string, reason: string, actor: string, at: Date): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO calendar_recomputations (calendar_version, reason, actor, requested_at)
         VALUES ($1, $2, $3, $4) RETURNING id::text`,
      [calendarVersion, reason, actor, at],
    );
    return rows[0]!.id;
  }

  /** The recomputations not finished yet, oldest first. */
  async pending(): Promise<Array<{ id: string; reason: string; actor: string }>> {
    const { rows: pending } = await this.db.query<{ id: string; reason: string; actor: string }>(PENDING_SQL);
    return pending;
  }

  /** Settings of a run's connection. */
  async prepare(client: Client): Promise<void> {
    // A recomputation is restartable: its commits need not wait for the WAL to reach the disk. Its
    // statements are the same shape every batch: planned once (arrays of any length, same plan).
    await client.query('SET synchronous_commit = off');
    await client.query('SET plan_cache_mode = force_generic_plan');
  }

  /** One recomputation at a time across engine processes (session lock, released with the connection). */
  async tryLock(client: Client): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1) AS locked`, [
      RECOMPUTE_LOCK,
    ]);
    return rows[0]!.locked;
  }

  /** The ids of the recomputations not finished yet (another process may have carried some out). */
  async pendingIds(client: Client): Promise<string[]> {
    const { rows: pending } = await client.query<{ id: string }>(PENDING_SQL);
    return pending.map((p) => p.id);
  }

  async markStarted(client: Client, rows: string[], at: Date, calendarVersion: string): Promise<void> {
    await client.query(
      `UPDATE calendar_recomputations SET started_at = $2, calendar_version = $3 WHERE id = ANY($1::bigint[])`,
      [rows, at, calendarVersion],
    );
  }

  /** Opens the scan (SCAN_SQL) in a transaction of its own, sequential: `fetch` reads it batch by batch. */
  async openScan(client: Client): Promise<void> {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_indexscan = off');
    await client.query('SET LOCAL enable_bitmapscan = off');
    await client.query(`DECLARE lt_recompute NO SCROLL CURSOR FOR ${SCAN_SQL}`);
  }

  async fetch(client: Client, batchSize: number): Promise<RecomputeRow[]> {
    const { rows: batch } = await client.query<RecomputeRow>({
      text: `FETCH ${batchSize} FROM lt_recompute`,
      rowMode: 'array',
    });
    return batch;
  }

  /** Ends the scan's transaction. */
  async closeScan(client: Client): Promise<void> {
    await client.query('COMMIT');
  }

  /** One batch (WRITE_SQL, parameters from WriteBatch); answers the dossiers written and whether their due instant moved. */
  async write(client: Client, values: unknown[]): Promise<Array<[string, boolean]>> {
    const { rows: written } = await client.query<[string, boolean]>({
      name: 'lt_recompute_write',
      text: WRITE_SQL,
      values,
      rowMode: 'array',
    });
    return written;
  }

  /** The dossiers `ids` (a PostgreSQL array literal) again, still active. */
  async read(client: Client, ids: string): Promise<RecomputeRow[]> {
    const { rows } = await client.query<RecomputeRow>({
      name: 'lt_recompute_read',
      text: READ_SQL,
      values: [ids],
      rowMode: 'array',
    });
    return rows;
  }

  async progress(client: Client, id: string, dossiers: number, moved: number): Promise<void> {
    await client.query(
      `UPDATE calendar_recomputations SET dossiers = dossiers + $2, moved = moved + $3 WHERE id = $1`,
      [id, dossiers, moved],
    );
  }

  async markFinished(client: Client, rows: string[], at: Date): Promise<void> {
    await client.query(`UPDATE calendar_recomputations SET finished_at = $2 WHERE id = ANY($1::bigint[])`, [
      rows,
      at,
    ]);
  }
}

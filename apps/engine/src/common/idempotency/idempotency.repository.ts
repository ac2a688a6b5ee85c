import { Injectable } from '@nestjs/common';
import { Db, type Sql } from '../../database/db.service';

export interface IdempotencyScope {
  readonly key: string;
  readonly method: string;
  readonly path: string;
}

/** The response recorded for a key, replayed to later requests with the same key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export type Reservation =
  /** First request with this key (or the takeover of an abandoned one): go ahead, then `complete`. */
  | { readonly kind: 'reserved'; readonly id: string }
  /** Already answered: replay. */
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /** The first request with this key is still running. */
  | { readonly kind: 'in-flight' }
  /** The key was used for a different request (method, path, query or body). */
  | { readonly kind: 'mismatch' };

/** A key's stored row (its request's hash, and its answer once recorded). */
export interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
}

/**
 * Storage of `idempotency_keys`, on the engine's Db: the interceptor's statements (a key reserved
 * before the request runs, its answer recorded after) here, and below, as functions of the command's
 * `sql`, those of a key kept inside a command's transaction (command-key.ts).
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  /**
   * Reserves `scope` for a request whose hash is `requestHash`, or says why not.
   * A reservation older than `staleAfterMs` that never completed (its process died) is taken over.
   */
  async reserve(scope: IdempotencyScope, requestHash: string, staleAfterMs: number): Promise<Reservation> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inserted = await this.db.query<{ id: string }>(
        `INSERT INTO idempotency_keys (key, method, path, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING id`,
        [scope.key, scope.method, scope.path, requestHash],
      );
      const created = inserted.rows[0];
      if (created) return { kind: 'reserved', id: String(created.id) };

      const { rows } = await this.db.query<KeyRow & { id: string }>(
        `SELECT id, request_hash, response_status, response_body, response_headers FROM idempotency_keys
          WHERE key = $1 AND method = $2 AND path = $3 LIMIT 1`,
        [scope.key, scope.method, scope.path],
      );
      const existing = rows[0];
      if (!existing) continue; // released between our insert and select: try again
      if (existing.request_hash !== requestHash) return { kind: 'mismatch' };
      if (existing.response_status !== null) {
        return {
          kind: 'replay',
          response: {
            status: existing.response_status,
            body: existing.response_body,
            headers: existing.response_headers ?? {},
          },
        };
      }
      const takenOver = await this.db.query(
        `UPDATE idempotency_keys SET created_at = now()
          WHERE id = $1 AND response_status IS NULL AND created_at < now() - make_interval(secs => $2)`,
        [existing.id, staleAfterMs / 1000],
      );
      return takenOver.rowCount > 0 ? { kind: 'reserved', id: existing.id } : { kind: 'in-flight' };
    }
    return { kind: 'in-flight' };
  }

  /** Records the response of a reserved key. */
  async complete(id: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET response_status = $2, response_body = $3::jsonb, response_headers = $4::jsonb,
              completed_at = now()
        WHERE id = $1`,
      [id, response.status, jsonOrNull(response.body), JSON.stringify(response.headers)],
    );
  }

  /**
   * Records the answer of a request with this key that reserved nothing beforehand (a command path that
   * kept no key in its transaction); a row already there (a concurrent first) is left as it is.
   */
  async recordOnce(scope: IdempotencyScope, requestHash: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `INSERT INTO idempotency_keys (key, method, path, request_hash, response_status, response_body, response_headers,
                                     completed_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, now()) ON CONFLICT DO NOTHING`,
      [
        scope.key,
        scope.method,
        scope.path,
        requestHash,
        response.status,
        jsonOrNull(response.body),
        JSON.stringify(response.headers),
      ],
    );
  }

  /** Frees a reservation whose request failed, so that the client can retry with the same key. */
  async release(id: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE id = $1 AND response_status IS NULL`, [id]);
  }

  /** Forgets keys created before `instant` (for a periodic job; clients retry within minutes, not days). */
  async purgeCreatedBefore(instant: Date): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < $1`, [instant]);
    return rowCount;
  }
}

/** A body as jsonb text: exactly the JSON sent (strings included); none is SQL NULL. */
function jsonOrNull(body: unknown): string | null {
  return body === undefined || body === null ? null : JSON.stringify(body);
}

/** The stored row of a key, in the caller's `sql`. */
export async function selectKey(sql: Sql, scope: IdempotencyScope): Promise<KeyRow | undefined> {
  const { rows } = await sql<KeyRow>(
    `SELECT request_hash, response_status, response_body, response_headers FROM idempotency_keys
      WHERE key = $1 AND method = $2 AND path = $3`,
    [scope.key, scope.method, scope.path],
  );
  return rows[0];
}

/** Inserts the key unless it is there (waiting for a transaction holding it uncommitted); true when inserted. */
export async function insertKey(sql: Sql, scope: IdempotencyScope, requestHash: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO idempotency_keys (key, method, path, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key, method, path) DO NOTHING RETURNING id`,
    [scope.key, scope.method, scope.path, requestHash],
  );
  return rows.length > 0;
}

/** Stores the answer of a key, in the transaction that inserted it. */
export async function updateKeyAnswer(
  sql: Sql,
  scope: IdempotencyScope,
  status: number,
  bodyJson: string | null,
  headersJson: string,
): Promise<void> {
  await sql(
    `UPDATE idempotency_keys SET response_status = $4, response_body = $5::jsonb, response_headers = $6::jsonb,
            completed_at = now()
      WHERE key = $1 AND method = $2 AND path = $3`,
    [scope.key, scope.method, scope.path, status, bodyJson, headersJson],
  );
}

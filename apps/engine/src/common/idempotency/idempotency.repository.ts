import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

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

/** Storage of `idempotency_keys`. */
@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
  ) {}

  /**
   * Reserves `scope` for a request whose hash is `requestHash`, or says why not.
   * A reservation older than `staleAfterMs` that never completed (its process died) is taken over.
   */
  async reserve(scope: IdempotencyScope, requestHash: string, staleAfterMs: number): Promise<Reservation> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inserted = await this.keys
        .createQueryBuilder()
        .insert()
        .into(IdempotencyKeyEntity)
        .values({ ...scope, requestHash })
        .orIgnore()
        .returning(['id'])
        .updateEntity(false)
        .execute();
      const created = (inserted.raw as { id: string }[])[0];
      if (created) return { kind: 'reserved', id: String(created.id) };

      const existing = await this.keys.findOneBy({ key: scope.key, method: scope.method, path: scope.path });
      if (!existing) continue; // released between our insert and select: try again
      if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
      if (existing.responseStatus !== null) {
        return {
          kind: 'replay',
          response: {
            status: existing.responseStatus,
            body: existing.responseBody,
            headers: existing.responseHeaders ?? {},
          },
        };
      }
      const takenOver = await this.keys
        .createQueryBuilder()
        .update(IdempotencyKeyEntity)
        .set({ createdAt: () => 'now()' })
        .where('id = :id AND response_status IS NULL', { id: existing.id })
        .andWhere('created_at < now() - make_interval(secs => :seconds)', { seconds: staleAfterMs / 1000 })
        .execute();
      return takenOver.affected ? { kind: 'reserved', id: existing.id } : { kind: 'in-flight' };
    }
    return { kind: 'in-flight' };
  }

  /** Records the response of a reserved key. */
  async complete(id: string, response: StoredResponse): Promise<void> {
    await this.keys
      .createQueryBuilder()
      .update(IdempotencyKeyEntity)
      .set({
        responseStatus: response.status,
        // jsonb: TypeORM stores JSON.stringify(body), exactly the JSON sent (strings included).
        responseBody:
          response.body === undefined || response.body === null ? () => 'NULL' : (response.body as object),
        responseHeaders: response.headers,
        completedAt: () => 'now()',
      })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Records the answer of a request with this key that reserved nothing beforehand (a command path that
   * kept no key in its transaction); a row already there (a concurrent first) is left as it is.
   */
  async recordOnce(scope: IdempotencyScope, requestHash: string, response: StoredResponse): Promise<void> {
    await this.keys
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKeyEntity)
      .values({
        ...scope,
        requestHash,
        responseStatus: response.status,
        responseBody:
          response.body === undefined || response.body === null ? () => 'NULL' : (response.body as object),
        responseHeaders: response.headers,
        completedAt: () => 'now()',
      })
      .orIgnore()
      .execute();
  }

  /** Frees a reservation whose request failed, so that the client can retry with the same key. */
  async release(id: string): Promise<void> {
    await this.keys
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where('id = :id AND response_status IS NULL', { id })
      .execute();
  }

  /** Forgets keys created before `instant` (for a periodic job; clients retry within minutes, not days). */
  async purgeCreatedBefore(instant: Date): Promise<number> {
    const result = await this.keys.delete({ createdAt: LessThan(instant) });
    return result.affected ?? 0;
  }
}

import type { Sql } from '../../database/db.service';
import { ProblemException } from '../problem/problem.exception';
import {
  type IdempotencyScope,
  insertKey,
  type KeyRow,
  selectKey,
  type StoredResponse,
  updateKeyAnswer,
} from './idempotency.repository';

/**
 * An `Idempotency-Key` (or a message's `messageId`) kept in the command's own transaction: the
 * reservation, the command's change, its audit record and the stored answer commit together or not at
 * all. A retry of a command that committed gets its answer; a retry of one that died before commit
 * (the engine killed, the database gone) runs it, since nothing of it was kept; and a retry that
 * arrives while the first is still running waits on the reservation's unique index until the first
 * commits, then gets its answer. A dead holder's reservation disappears with its connection: nothing
 * waits for a timeout.
 *
 * Made by IdempotencyInterceptor for routes marked `keyInCommand` (see `@Audit`), carried to the
 * process runtime with the actor (`actorOf`), as the audit record is.
 */
export interface CommandKey {
  readonly scope: IdempotencyScope;
  readonly requestHash: string;
  /** The status a success answers with (the route's). */
  readonly status: number;
  /** Set once the answer is committed with the command. */
  recorded: boolean;
}

/** What a reservation made in the command's transaction found. */
export type KeyReservation =
  | { readonly kind: 'reserved' }
  /** A command with this key committed first: its answer. */
  | { readonly kind: 'stored'; readonly response: StoredResponse }
  /** The key was used for another request. */
  | { readonly kind: 'mismatch' }
  /** Reserved the old way (outside a transaction) by a request still running. */
  | { readonly kind: 'in-flight' };

/**
 * Thrown inside a command's transaction when a command with the same key committed first: the
 * transaction rolls back, and IdempotencyInterceptor answers with the stored response.
 */
export class StoredAnswer extends Error {
  constructor(readonly response: StoredResponse) {
    super('A request with this Idempotency-Key was already answered.');
  }
}

const keys = new WeakMap<object, CommandKey>();

/** Ties a key to the request's principal (AuthGuard gives every request its own principal object). */
export function attachCommandKey(principal: object, key: CommandKey): void {
  keys.set(principal, key);
}

export function commandKeyOf(principal: object): CommandKey | undefined {
  return keys.get(principal);
}

/** The key to keep with a command now, if the actor's request has one not yet kept. */
export function pendingKey(actor: { key?: CommandKey }): CommandKey | undefined {
  const key = actor.key;
  return key !== undefined && !key.recorded ? key : undefined;
}

/** The stored state of a key, outside any command (the interceptor's look before running one). */
export async function lookUpKey(
  sql: Sql,
  scope: IdempotencyScope,
  requestHash: string,
): Promise<KeyReservation | null> {
  const row = await selectKey(sql, scope);
  return row === undefined ? null : found(row, requestHash);
}

function found(row: KeyRow, requestHash: string): KeyReservation {
  if (row.request_hash !== requestHash) return { kind: 'mismatch' };
  if (row.response_status === null) return { kind: 'in-flight' };
  return {
    kind: 'stored',
    response: { status: row.response_status, body: row.response_body, headers: row.response_headers ?? {} },
  };
}

/**
 * Reserves `key` inside the command's transaction `sql`. While another transaction holds the same key
 * uncommitted, PostgreSQL makes this insert wait for it (unique index); then it finds that one's answer,
 * or, if it rolled back or its connection died, takes the key.
 */
export async function reserveKeyIn(sql: Sql, key: CommandKey): Promise<KeyReservation> {
  if (await insertKey(sql, key.scope, key.requestHash)) return { kind: 'reserved' };
  // READ COMMITTED: this statement sees the row the insert conflicted with, committed.
  return (await lookUpKey(sql, key.scope, key.requestHash)) ?? { kind: 'in-flight' };
}

/** Stores the answer of a key reserved by `reserveKeyIn`, in the same transaction. */
export async function recordKeyIn(
  sql: Sql,
  key: CommandKey,
  response: { status: number; body: unknown; headers?: Record<string, string> },
): Promise<void> {
  await updateKeyAnswer(
    sql,
    key.scope,
    response.status,
    response.body === undefined || response.body === null ? null : JSON.stringify(response.body),
    JSON.stringify(response.headers ?? {}),
  );
}

/** Reserves `key` in the command's transaction, or throws what stands in the way (see StoredAnswer). */
export async function takeKeyIn(sql: Sql, key: CommandKey): Promise<void> {
  const reservation = await reserveKeyIn(sql, key);
  switch (reservation.kind) {
    case 'reserved':
      return;
    case 'stored':
      throw new StoredAnswer(reservation.response);
    case 'mismatch':
      throw keyReused();
    case 'in-flight':
      throw keyInFlight();
  }
}

export function keyReused(): ProblemException {
  return ProblemException.of(
    409,
    'idempotency-key-reused',
    'Idempotency key reused',
    'This Idempotency-Key was already used for a different request; use a new key.',
  );
}

export function keyInFlight(): ProblemException {
  return ProblemException.of(
    409,
    'idempotency-key-in-flight',
    'Request already in progress',
    'A request with this Idempotency-Key is still being processed; retry shortly.',
    { headers: { 'Retry-After': '1' } },
  );
}

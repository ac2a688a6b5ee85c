import type { Pool, PoolClient } from 'pg';

const ignore = (): void => undefined;

/**
 * Gives every connection of `pool` (those open now and those it opens later) an 'error' listener that
 * does nothing, so that a connection the server ends (a restart, a fail-over, a fast shutdown) never
 * crashes the process with an unhandled 'error' event.
 *
 * pg-pool listens for a client's errors only while the client is idle or, in `pool.query`, with
 * `once`: a connection that reports two errors during one query (the server's termination notice, then
 * the end of the socket) has the second unheard. The query itself still fails (and the engine answers
 * 503); the pool still drops the broken client through its own listeners.
 */
export function guardClientErrors(pool: Pool): void {
  const guarded = pool as Pool & { _clients?: PoolClient[]; ltGuarded?: boolean };
  if (guarded.ltGuarded === true) return;
  guarded.ltGuarded = true;
  pool.on('connect', (client) => client.on('error', ignore));
  // Connections opened before this call (pg-pool keeps them in `_clients`).
  for (const client of guarded._clients ?? []) client.on('error', ignore);
}

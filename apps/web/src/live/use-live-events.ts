import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client.api';
import { LiveConnection, type LiveStatus, type LiveTaskEvent } from './live-connection';

/** Events arriving close together (a sweep, a batch claim) refetch the inbox once. */
const BATCH_MS = 150;
/**
 * The list is read again this much later: with a read standby (DATABASE_READ_URL) the engine's lists
 * may be a moment behind the event, which the first refetch may not see yet.
 */
const AGAIN_MS = 1_500;

let connection: LiveConnection | null = null;
const statusListeners = new Set<() => void>();
const notify = () => statusListeners.forEach((l) => l());

/** A stream ticket for the signed-in person (the typed client renews an expired access token). */
async function streamTicket(): Promise<string | null> {
  const { data, response } = await api.POST('/api/v1/events/ticket');
  if (response.status === 401 || response.status === 403) return null;
  if (data === undefined) throw new Error(`ticket: ${response.status}`);
  return data.ticket;
}

/** Refetches the inbox lists (query key `['tasks', …]`, see inbox.api.ts) and the steps events named. */
function refresher(client: QueryClient): { onTask: (e: LiveTaskEvent) => void; onReset: () => void } {
  const steps = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let again: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    void client.invalidateQueries({ queryKey: ['tasks'] });
    for (const id of steps) void client.invalidateQueries({ queryKey: ['task', id] });
    steps.clear();
    again ??= setTimeout(() => {
      again = null;
      void client.invalidateQueries({ queryKey: ['tasks'] });
    }, AGAIN_MS);
  };
  const soon = () => {
    timer ??= setTimeout(flush, BATCH_MS);
  };
  return {
    onTask: (e) => {
      steps.add(e.taskId);
      soon();
    },
    onReset: soon,
  };
}

/**
 * Keeps the live stream open while `userId` is signed in (one EventSource per session, mounted once by
 * the app's layout), refetching the inbox when one of its steps appears, is claimed, completed or
 * changes deadline status.
 */
export function useLiveEvents(userId: string | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (userId === null) return;
    const live = new LiveConnection({ ticket: streamTicket, ...refresher(client) });
    connection = live;
    const unsubscribe = live.subscribe(notify);
    live.start();
    notify();
    return () => {
      unsubscribe();
      live.stop();
      if (connection === live) connection = null;
      notify();
    };
  }, [userId, client]);
}

/** The live stream's state, for the indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    () => connection?.status ?? 'off',
  );
}

import { useSyncExternalStore } from 'react';
import { session, type SessionState } from './session';

/** The browser's session, re-rendering on sign-in, sign-out and expiry. */
export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

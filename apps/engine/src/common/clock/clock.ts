import { Injectable } from '@nestjs/common';

/**
 * The only place the engine reads the time. Two readings:
 * - `now()`, the engine's time: what dossiers, steps, deadlines and audit records are dated with. In
 *   test mode, end-to-end tests set it: it then stays at that instant until set again, so that
 *   deadlines can be asserted to the minute.
 * - `machineNow()` / `machineMs()`, the machine's time, never held: for what is checked against the
 *   machine's time elsewhere (access tokens verified by the JWT library, sessions, API key expiry)
 *   and for lifetimes and timeouts (caches, long polls, retries, signatures).
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Holds the clock at `at` (test mode). */
  set(at: Date): void {
    this.fixed = new Date(at);
  }

  /** The machine's time (never held by test mode). */
  machineNow(): Date {
    return new Date();
  }

  /** The machine's time in milliseconds since the epoch (never held by test mode). */
  machineMs(): number {
    return Date.now();
  }
}

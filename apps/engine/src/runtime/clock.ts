import { Injectable } from '@nestjs/common';

/**
 * The only place the engine reads the time. In test mode, end-to-end tests set it: it then stays
 * at that instant until set again, so that deadlines can be asserted to the minute.
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
}

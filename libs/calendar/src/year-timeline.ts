/**
 * The working time of one civil year, precomputed for constant-time and logarithmic look-ups.
 *
 * Every working period (an office-hours interval of a working day) is stored in order with its
 * start and end instants (epoch milliseconds) and the working milliseconds elapsed in the year
 * before it. The *position* of an instant is the working time elapsed in the year up to it; it
 * stays constant outside office hours. Adding working time is then: position + duration, then the
 * instant at that position (a binary search over ~500 periods).
 */
import { MINUTE_MS, instantOfDayStart } from './date.util';

/** Office-hours intervals of one day, as [from, to) minutes after local midnight. */
export type DayIntervals = ReadonlyArray<readonly [number, number]>;

export class YearTimeline {
  /** Number of working periods. */
  readonly periodCount: number;
  /** Start of each period, epoch ms. */
  readonly starts: Float64Array;
  /** End of each period, epoch ms. */
  readonly ends: Float64Array;
  /** cumulative[i]: working ms of the year before period i; cumulative[periodCount] is the total. */
  readonly cumulative: Float64Array;
  /** firstPeriodOfDay[d]: index of the first period on or after day `firstDay + d` (d ≤ dayCount). */
  readonly firstPeriodOfDay: Int32Array;
  /** Working milliseconds in the whole year. */
  readonly total: number;

  constructor(
    readonly year: number,
    /** Day number of 1 January. */
    readonly firstDay: number,
    readonly dayCount: number,
    intervalsOf: (dayNumber: number) => DayIntervals,
  ) {
    const starts: number[] = [];
    const ends: number[] = [];
    this.firstPeriodOfDay = new Int32Array(dayCount + 1);
    for (let d = 0; d < dayCount; d++) {
      this.firstPeriodOfDay[d] = starts.length;
      const midnight = instantOfDayStart(firstDay + d);
      for (const [from, to] of intervalsOf(firstDay + d)) {
        starts.push(midnight + from * MINUTE_MS);
        ends.push(midnight + to * MINUTE_MS);
      }
    }
    this.firstPeriodOfDay[dayCount] = starts.length;
    this.periodCount = starts.length;
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.cumulative = new Float64Array(starts.length + 1);
    for (let i = 0; i < starts.length; i++) {
      this.cumulative[i + 1] = this.cumulative[i] + (ends[i] - starts[i]);
    }
    this.total = this.cumulative[starts.length];
  }

  /** Working ms of the year elapsed at instant `ms`, which lies on day `dayNumber` of this year. */
  positionAt(ms: number, dayNumber: number): number {
    const d = dayNumber - this.firstDay;
    const last = this.firstPeriodOfDay[d + 1];
    for (let i = this.firstPeriodOfDay[d]; i < last; i++) {
      if (ms < this.starts[i]) return this.cumulative[i];
      if (ms < this.ends[i]) return this.cumulative[i] + (ms - this.starts[i]);
    }
    return this.cumulative[last];
  }

  /**
   * The earliest instant whose position is `q`, for 0 < q ≤ total: inside a period or exactly at
   * its end (never at the next opening).
   */
  earliestAt(q: number): number {
    const cumulative = this.cumulative;
    let lo = 0;
    let hi = this.periodCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid + 1] >= q) hi = mid;
      else lo = mid + 1;
    }
    return this.starts[lo] + (q - cumulative[lo]);
  }

  /**
   * The latest instant whose position is `q`, for 0 ≤ q < total: inside a period or exactly at
   * its start (never at the previous closing).
   */
  latestAt(q: number): number {
    const cumulative = this.cumulative;
    let lo = 0;
    let hi = this.periodCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid + 1] > q) hi = mid;
      else lo = mid + 1;
    }
    return this.starts[lo] + (q - cumulative[lo]);
  }

  /**
   * The earliest working instant at or after `ms` (on day `dayNumber` of this year) within this
   * year, or -1 when the year has no working time left.
   */
  nextWorkingAt(ms: number, dayNumber: number): number {
    for (let i = this.firstPeriodOfDay[dayNumber - this.firstDay]; i < this.periodCount; i++) {
      if (ms < this.ends[i]) return ms > this.starts[i] ? ms : this.starts[i];
    }
    return -1;
  }

  /** Index range [first, last) of the periods of day `dayNumber`. */
  periodsOfDay(dayNumber: number): readonly [number, number] {
    const d = dayNumber - this.firstDay;
    return [this.firstPeriodOfDay[d], this.firstPeriodOfDay[d + 1]];
  }
}

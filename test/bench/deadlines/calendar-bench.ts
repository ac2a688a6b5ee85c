/**
 * Working-calendar throughput: additions and between-measurements per second on random instants
 * across 2024-2027 and random durations up to 30 working days. A plain Node script:
 *
 *   node --require ./test/bench/register.js test/bench/deadlines/calendar-bench.ts
 *
 * Options (environment): CALLS (per round, default 1,000,000), ROUNDS (default 5).
 * Prints one line per round and a summary with the best round; exits non-zero if the best
 * addition rate is under 1,000,000 calls per second.
 */
import { WorkingCalendar } from '../../../libs/calendar/src';

const CALLS = Number(process.env['CALLS'] ?? 1_000_000);
const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
const TARGET_ADDITIONS_PER_SECOND = 1_000_000;

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FROM = Date.parse('2024-01-01T00:00:00+07:00');
const TO = Date.parse('2028-01-01T00:00:00+07:00');
const MAX_MINUTES = 30 * 480;

function inputs(count: number, seed: number): { instants: Date[]; others: Date[]; minutes: Float64Array } {
  const next = random(seed);
  const instants: Date[] = [];
  const others: Date[] = [];
  const minutes = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    instants.push(new Date(FROM + Math.floor((next() * (TO - FROM)) / 60_000) * 60_000));
    others.push(new Date(FROM + Math.floor((next() * (TO - FROM)) / 60_000) * 60_000));
    minutes[i] = 1 + Math.floor(next() * MAX_MINUTES);
  }
  return { instants, others, minutes };
}

function ratePerSecond(calls: number, startNs: bigint, endNs: bigint): number {
  return calls / (Number(endNs - startNs) / 1e9);
}

function format(rate: number): string {
  return `${(rate / 1e6).toFixed(2)} M/s`;
}

function main(): void {
  const calendar = new WorkingCalendar();
  const { instants, others, minutes } = inputs(CALLS, 2026);
  // Warm up: builds the year tables lazily and lets the JIT optimise.
  let sink = 0;
  for (let i = 0; i < Math.min(CALLS, 200_000); i++) {
    sink += calendar.addWorkingTime(instants[i], minutes[i]).getTime();
    sink += calendar.workingMinutesBetween(instants[i], others[i]);
  }

  let bestAdd = 0;
  let bestBetween = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    let start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) sink += calendar.addWorkingTime(instants[i], minutes[i]).getTime();
    const add = ratePerSecond(CALLS, start, process.hrtime.bigint());

    start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) sink += calendar.workingMinutesBetween(instants[i], others[i]);
    const between = ratePerSecond(CALLS, start, process.hrtime.bigint());

    bestAdd = Math.max(bestAdd, add);
    bestBetween = Math.max(bestBetween, between);
    console.log(`round ${round}: addWorkingTime ${format(add)}, workingMinutesBetween ${format(between)}`);
  }
  console.log(
    `best of ${ROUNDS} x ${CALLS.toLocaleString('en-US')} calls (node ${process.version}, calendar ${calendar.version}): ` +
      `addWorkingTime ${format(bestAdd)}, workingMinutesBetween ${format(bestBetween)} (checksum ${sink % 997})`,
  );
  if (bestAdd < TARGET_ADDITIONS_PER_SECOND) {
    console.error(`addWorkingTime below the target of ${format(TARGET_ADDITIONS_PER_SECOND)}`);
    process.exitCode = 1;
  }
}

main();

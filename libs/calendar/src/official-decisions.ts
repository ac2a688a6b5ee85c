/**
 * Official yearly decisions as data: each year the Prime Minister fixes the placement of Tết and
 * of the national-day break for civil servants, and often swaps a weekday off with a working
 * Saturday (làm bù). The default data is `data/official-decisions.json` (versioned); an admin API
 * can pass its own to the WorkingCalendar constructor after `parseOfficialDecisions`.
 */
import { InvalidCalendarConfigError } from './calendar.errors';
import { dayNumberFromIso, isoFromDayNumber, type IsoDate } from './date.util';
import defaultDecisionsJson from './data/official-decisions.json';

/** The holidays of the Labour Code 2019 art. 112.1. */
export type StatutoryHolidayKey =
  'new-year' | 'tet' | 'hung-kings' | 'victory-day' | 'labour-day' | 'national-day';

export const STATUTORY_HOLIDAY_KEYS: readonly StatutoryHolidayKey[] = [
  'new-year',
  'tet',
  'hung-kings',
  'victory-day',
  'labour-day',
  'national-day',
];

/** A document a decision's dates come from. */
export interface DecisionSource {
  issuer: string;
  /** Document number, e.g. `8726/VPCP-KGVX`. */
  number: string;
  date: IsoDate;
  title: string;
  /** Where the content was read (the document itself, an implementing notice or a press report). */
  url?: string;
}

/** A working day that would otherwise be off, usually a Saturday worked in exchange for a weekday. */
export interface SwappedWorkingDay {
  date: IsoDate;
  /** The weekday given off in exchange, when the swap names one. */
  replaces?: IsoDate;
}

export interface OfficialDecision {
  /** Unique, e.g. `2026-tet`. */
  id: string;
  /** The year whose holidays listed in `covers` this decision places. */
  year: number;
  /**
   * Holidays of `year` whose placement this decision fixes: for them the calendar computes no
   * compensatory day (art. 111.3); `daysOff` says which days are off instead. May be empty for a
   * decision that only adds a day off or a working day.
   */
  covers: StatutoryHolidayKey[];
  /** Name given to the days off of the break that are not themselves statutory holidays. */
  name: string;
  /** Every date of this inclusive range is a day off. */
  daysOff?: { from: IsoDate; to: IsoDate };
  /** Days worked although the weekly pattern (or a holiday rule) would make them days off. */
  workingDays?: SwappedWorkingDay[];
  /** For `national-day`: the day adjacent to 2/9 chosen that year (YYYY-09-01 or YYYY-09-03). */
  nationalDayAdjacent?: IsoDate;
  sources: DecisionSource[];
  /** True when the dates could not be checked in the text of an official document. */
  unverified?: boolean;
  note?: string;
}

export interface OfficialDecisions {
  /** Recorded by every calendar built from these decisions (see WorkingCalendar.version). */
  version: string;
  decisions: OfficialDecision[];
}

type JsonObject = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new InvalidCalendarConfigError(`Official decisions, ${path}: ${message}`);
}

function asObject(value: unknown, path: string, allowed: readonly string[]): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object');
  const object = value as JsonObject;
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) fail(path, `unknown field ${JSON.stringify(key)}`);
  }
  return object;
}

function asString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'expected a non-empty string');
  return value;
}

function asDate(value: unknown, path: string): IsoDate {
  const text = asString(value, path);
  try {
    return isoFromDayNumber(dayNumberFromIso(text));
  } catch {
    return fail(path, `expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  return value;
}

function parseSource(value: unknown, path: string): DecisionSource {
  const o = asObject(value, path, ['issuer', 'number', 'date', 'title', 'url']);
  const source: DecisionSource = {
    issuer: asString(o['issuer'], `${path}.issuer`),
    number: asString(o['number'], `${path}.number`),
    date: asDate(o['date'], `${path}.date`),
    title: asString(o['title'], `${path}.title`),
  };
  if (o['url'] !== undefined) source.url = asString(o['url'], `${path}.url`);
  return source;
}

function parseDecision(value: unknown, path: string): OfficialDecision {
  const o = asObject(value, path, [
    'id',
    'year',
    'covers',
    'name',
    'daysOff',
    'workingDays',
    'nationalDayAdjacent',
    'sources',
    'unverified',
    'note',
  ]);
  const year = o['year'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    fail(`${path}.year`, 'expected a year from 2000 to 2100');
  }
  const covers = asArray(o['covers'], `${path}.covers`).map((key, i) => {
    if (!STATUTORY_HOLIDAY_KEYS.includes(key as StatutoryHolidayKey)) {
      fail(`${path}.covers[${i}]`, `expected one of ${STATUTORY_HOLIDAY_KEYS.join(', ')}`);
    }
    return key as StatutoryHolidayKey;
  });
  const decision: OfficialDecision = {
    id: asString(o['id'], `${path}.id`),
    year,
    covers,
    name: asString(o['name'], `${path}.name`),
    sources: asArray(o['sources'], `${path}.sources`).map((s, i) => parseSource(s, `${path}.sources[${i}]`)),
  };
  if (decision.sources.length === 0) fail(`${path}.sources`, 'cite at least one source');
  if (o['daysOff'] !== undefined) {
    const range = asObject(o['daysOff'], `${path}.daysOff`, ['from', 'to']);
    const from = asDate(range['from'], `${path}.daysOff.from`);
    const to = asDate(range['to'], `${path}.daysOff.to`);
    if (to < from) fail(`${path}.daysOff`, `ends (${to}) before it starts (${from})`);
    if (dayNumberFromIso(to) - dayNumberFromIso(from) > 31) fail(`${path}.daysOff`, 'longer than a month');
    decision.daysOff = { from, to };
  }
  if (o['workingDays'] !== undefined) {
    decision.workingDays = asArray(o['workingDays'], `${path}.workingDays`).map((w, i) => {
      const p = `${path}.workingDays[${i}]`;
      const wo = asObject(w, p, ['date', 'replaces']);
      const swapped: SwappedWorkingDay = { date: asDate(wo['date'], `${p}.date`) };
      if (wo['replaces'] !== undefined) swapped.replaces = asDate(wo['replaces'], `${p}.replaces`);
      return swapped;
    });
  }
  if (o['nationalDayAdjacent'] !== undefined) {
    const adjacent = asDate(o['nationalDayAdjacent'], `${path}.nationalDayAdjacent`);
    if (adjacent !== `${year}-09-01` && adjacent !== `${year}-09-03`) {
      fail(`${path}.nationalDayAdjacent`, `expected ${year}-09-01 or ${year}-09-03`);
    }
    if (!covers.includes('national-day'))
      fail(`${path}.nationalDayAdjacent`, 'requires covers to include national-day');
    decision.nationalDayAdjacent = adjacent;
  }
  if (o['unverified'] !== undefined) {
    if (typeof o['unverified'] !== 'boolean') fail(`${path}.unverified`, 'expected a boolean');
    decision.unverified = o['unverified'];
  }
  if (o['note'] !== undefined) decision.note = asString(o['note'], `${path}.note`);
  return decision;
}

/**
 * Validates official-decisions data (e.g. JSON from an admin API) and returns a normalised copy.
 * Throws InvalidCalendarConfigError naming the offending field. Besides the shape it checks that
 * ids are unique, that no holiday of a year is covered twice, and that no date is both a day off
 * and a working day.
 */
export function parseOfficialDecisions(input: unknown): OfficialDecisions {
  const o = asObject(input, '(root)', ['version', 'decisions', '$comment', 'notes']);
  const version = asString(o['version'], 'version');
  const decisions = asArray(o['decisions'], 'decisions').map((d, i) => parseDecision(d, `decisions[${i}]`));

  const ids = new Set<string>();
  const covered = new Map<string, string>();
  const offDates = new Map<IsoDate, string>();
  const workDates = new Map<IsoDate, string>();
  for (const decision of decisions) {
    if (ids.has(decision.id)) fail(`decision ${decision.id}`, 'duplicate id');
    ids.add(decision.id);
    for (const key of decision.covers) {
      const slot = `${decision.year}/${key}`;
      const other = covered.get(slot);
      if (other !== undefined)
        fail(`decision ${decision.id}`, `${key} ${decision.year} is already covered by ${other}`);
      covered.set(slot, decision.id);
    }
    if (decision.daysOff !== undefined) {
      const from = dayNumberFromIso(decision.daysOff.from);
      const to = dayNumberFromIso(decision.daysOff.to);
      for (let day = from; day <= to; day++) offDates.set(isoFromDayNumber(day), decision.id);
    }
    for (const working of decision.workingDays ?? []) {
      const other = workDates.get(working.date);
      if (other !== undefined)
        fail(`decision ${decision.id}`, `working day ${working.date} is also listed by ${other}`);
      workDates.set(working.date, decision.id);
    }
  }
  for (const [date, id] of workDates) {
    const other = offDates.get(date);
    if (other !== undefined)
      fail(`decision ${id}`, `${date} is a working day here but a day off in ${other}`);
  }
  return { version, decisions };
}

/** The decisions shipped with the library (`data/official-decisions.json`). */
export const DEFAULT_OFFICIAL_DECISIONS: OfficialDecisions = parseOfficialDecisions(defaultDecisionsJson);

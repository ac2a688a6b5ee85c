import {
  feelProblemVi,
  feelSyntaxError,
  parseIsoCycle,
  parseIsoDate,
  parseIsoDuration,
  stripFeelPrefix,
} from '@lienthong/bpmn';
import { parseWorkingDuration } from '@lienthong/calendar';

/**
 * What the properties panel's editors write into the diagram, as the engine reads it (libs/bpmn's
 * `compile.ts`): a user task's `lt:form` fields, a step's multi-instance loop, a call activity's
 * `lt:in`/`lt:out` mappings, the message an element waits for, a timer's value. Each change is one or
 * two commands of bpmn-js's `modeling` (so undo/redo and the autosave see them).
 */

/** A moddle element as the editors read and change it. */
export interface Bo {
  $type: string;
  $parent?: Bo;
  id?: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  [key: string]: unknown;
}

/** The part of bpmn-js's `modeling` and `bpmnFactory` the editors use. */
export interface ModelContext {
  modeling: { updateModdleProperties(element: unknown, bo: Bo, props: Record<string, unknown>): void };
  factory: { create(type: string, attrs?: Record<string, unknown>): Bo };
}

/** A diagram element (its shape) and its business object. */
export interface Shape {
  businessObject: Bo;
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function own<T extends Bo>(child: T, parent: Bo): T {
  child.$parent = parent;
  return child;
}

function extensionValues(bo: Bo): Bo[] {
  const ext = bo.get('extensionElements') as Bo | undefined;
  return ext ? ((ext.get('values') as Bo[] | undefined) ?? []) : [];
}

/**
 * Replaces the extension values of the element for which `replaced` holds by `added`, keeping the
 * others (ours and those of other tools) in their order: one command.
 */
function replaceExtensionValues(
  ctx: ModelContext,
  element: Shape,
  replaced: (value: Bo) => boolean,
  added: Bo[],
): void {
  const bo = element.businessObject;
  const ext = bo.get('extensionElements') as Bo | undefined;
  if (!ext) {
    if (added.length === 0) return;
    const created = own(ctx.factory.create('bpmn:ExtensionElements', { values: [] }), bo);
    (created.get('values') as Bo[]).push(...added.map((v) => own(v, created)));
    ctx.modeling.updateModdleProperties(element, bo, { extensionElements: created });
    return;
  }
  const values = (ext.get('values') as Bo[] | undefined) ?? [];
  const at = values.findIndex(replaced);
  const kept = values.filter((v) => !replaced(v));
  const next = [...kept];
  next.splice(at < 0 ? kept.length : at, 0, ...added.map((v) => own(v, ext)));
  ctx.modeling.updateModdleProperties(element, ext, { values: next });
}

// ---------------------------------------------------------------- form fields

export type FieldType = 'string' | 'text' | 'number' | 'boolean' | 'date' | 'enum';

/** The field types the engine and the inbox's form know, as the designer names them. */
export const FIELD_TYPE_OPTIONS: ReadonlyArray<{ value: FieldType; label: string }> = [
  { value: 'string', label: 'Chữ (một dòng)' },
  { value: 'text', label: 'Đoạn văn (nhiều dòng)' },
  { value: 'number', label: 'Số' },
  { value: 'boolean', label: 'Có / Không' },
  { value: 'date', label: 'Ngày' },
  { value: 'enum', label: 'Chọn một trong danh sách' },
];

/** A form field as the editor holds it. */
export interface FieldDraft {
  id: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** The values of an `enum` field (written comma-separated in `options`). */
  options: string[];
}

/** The fields of a user task's `lt:form` (all its forms, in order, as the engine reads them). */
export function readFormFields(bo: Bo): FieldDraft[] {
  const fields: FieldDraft[] = [];
  for (const form of extensionValues(bo).filter((v) => v.$type === 'lt:Form')) {
    for (const f of (form.get('fields') as Bo[] | undefined) ?? []) {
      const type = text(f.get('type')) || 'string';
      fields.push({
        id: text(f.get('id')),
        label: text(f.get('label')),
        type: (FIELD_TYPE_OPTIONS.some((o) => o.value === type) ? type : 'string') as FieldType,
        required: f.get('required') === true,
        options: text(f.get('options'))
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      });
    }
  }
  return fields;
}

/** What is wrong with a field, by property (Vietnamese, shown beside the input); empty when nothing. */
export type FieldProblems = Partial<Record<'id' | 'label' | 'options', string>>;

export function formFieldProblems(fields: readonly FieldDraft[]): FieldProblems[] {
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(f.id.trim(), (counts.get(f.id.trim()) ?? 0) + 1);
  return fields.map((f) => {
    const problems: FieldProblems = {};
    const id = f.id.trim();
    if (id === '') problems.id = 'Chưa có mã trường.';
    else if (!IDENTIFIER.test(id))
      problems.id = 'Mã trường viết liền, không dấu: chữ cái, số, dấu _ (không bắt đầu bằng số).';
    else if ((counts.get(id) ?? 0) > 1) problems.id = `Mã ${id} đã dùng cho trường khác.`;
    if (f.label.trim() === '') problems.label = 'Chưa có nhãn (tên trường cán bộ nhìn thấy).';
    if (f.type === 'enum' && f.options.every((o) => o.trim() === ''))
      problems.options = 'Trường lựa chọn cần ít nhất một giá trị.';
    else if (f.type === 'enum' && f.options.some((o) => o.includes(',')))
      problems.options = 'Giá trị lựa chọn không được chứa dấu phẩy.';
    return problems;
  });
}

/** Whether the fields can be written (no problem on any of them). */
export function formFieldsValid(fields: readonly FieldDraft[]): boolean {
  return formFieldProblems(fields).every((p) => Object.keys(p).length === 0);
}

/** A new field's id: `truong1`, `truong2`… not yet used. */
export function newFieldId(fields: readonly FieldDraft[]): string {
  for (let n = fields.length + 1; ; n++) {
    const id = `truong${n}`;
    if (!fields.some((f) => f.id === id)) return id;
  }
}

/** Moves the field at `index` by `by` (−1 up, +1 down); the list unchanged at either end. */
export function moveField<T>(fields: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= fields.length || to < 0 || to >= fields.length) return [...fields];
  const next = [...fields];
  const [moved] = next.splice(index, 1) as [T];
  next.splice(to, 0, moved);
  return next;
}

/** Writes the fields as the user task's one `lt:form` (none when the list is empty): one command. */
export function writeFormFields(ctx: ModelContext, element: Shape, fields: readonly FieldDraft[]): void {
  const added: Bo[] = [];
  if (fields.length > 0) {
    const form = ctx.factory.create('lt:Form', { fields: [] });
    for (const f of fields) {
      const attrs: Record<string, unknown> = { id: f.id.trim(), label: f.label.trim(), type: f.type };
      if (f.required) attrs['required'] = true;
      if (f.type === 'enum')
        attrs['options'] = f.options
          .map((o) => o.trim())
          .filter(Boolean)
          .join(',');
      (form.get('fields') as Bo[]).push(own(ctx.factory.create('lt:FormField', attrs), form));
    }
    added.push(form);
  }
  replaceExtensionValues(ctx, element, (v) => v.$type === 'lt:Form', added);
}

// ---------------------------------------------------------------- multi-instance

export type LoopMode = 'none' | 'parallel' | 'sequential';

/** The multi-instance loop of a step (`bpmn:multiInstanceLoopCharacteristics`), if it has one. */
export function multiInstanceOf(bo: Bo): Bo | undefined {
  const loop = bo.get('loopCharacteristics') as Bo | undefined;
  return loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? loop : undefined;
}

export function loopMode(bo: Bo): LoopMode {
  const loop = multiInstanceOf(bo);
  if (!loop) return 'none';
  return loop.get('isSequential') === true ? 'sequential' : 'parallel';
}

/** Sets the step's loop: none, or multi-instance in parallel or one after the other (kept values stay). */
export function setLoopMode(ctx: ModelContext, element: Shape, mode: LoopMode): void {
  const bo = element.businessObject;
  const loop = multiInstanceOf(bo);
  if (mode === 'none') {
    if (bo.get('loopCharacteristics'))
      ctx.modeling.updateModdleProperties(element, bo, { loopCharacteristics: undefined });
    return;
  }
  if (loop) {
    ctx.modeling.updateModdleProperties(element, loop, { isSequential: mode === 'sequential' });
    return;
  }
  const created = own(
    ctx.factory.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: mode === 'sequential' }),
    bo,
  );
  ctx.modeling.updateModdleProperties(element, bo, { loopCharacteristics: created });
}

/** The loop's values the panel edits: `lt:` attributes, and two expressions of BPMN itself. */
export type LoopValue =
  | 'lt:collection'
  | 'lt:elementVariable'
  | 'lt:outputCollection'
  | 'lt:outputElement'
  | 'loopCardinality'
  | 'completionCondition';

const EXPRESSIONS: readonly LoopValue[] = ['loopCardinality', 'completionCondition'];

export function loopValue(bo: Bo, name: LoopValue): string {
  const loop = multiInstanceOf(bo);
  if (!loop) return '';
  const value = loop.get(name);
  return EXPRESSIONS.includes(name) ? text((value as Bo | undefined)?.get('body')) : text(value);
}

export function setLoopValue(ctx: ModelContext, element: Shape, name: LoopValue, value: string): void {
  const loop = multiInstanceOf(element.businessObject);
  if (!loop) return;
  const empty = value.trim() === '';
  const next = EXPRESSIONS.includes(name)
    ? empty
      ? undefined
      : own(ctx.factory.create('bpmn:FormalExpression', { body: value.trim() }), loop)
    : empty
      ? undefined
      : value.trim();
  ctx.modeling.updateModdleProperties(element, loop, { [name]: next });
}

// ---------------------------------------------------------------- call activity mappings

export type MappingKind = 'lt:In' | 'lt:Out';

/** A variable passed into the called procedure (`lt:in`) or back out of it (`lt:out`). */
export interface Mapping {
  /** A FEEL expression over the caller's (in) or the called procedure's (out) variables. */
  source: string;
  /** The variable it is stored in, on the other side. */
  target: string;
}

export function readMappings(bo: Bo, kind: MappingKind): Mapping[] {
  return extensionValues(bo)
    .filter((v) => v.$type === kind)
    .map((v) => ({ source: text(v.get('source')), target: text(v.get('target')) }));
}

export function mappingProblems(m: Mapping): Partial<Record<'source' | 'target', string>> {
  const problems: Partial<Record<'source' | 'target', string>> = {};
  const source = stripFeelPrefix(m.source.trim());
  if (source === '') problems.source = 'Chưa có biểu thức nguồn.';
  else {
    const error = feelSyntaxError(source);
    if (error) problems.source = `Biểu thức FEEL chưa đúng cú pháp: ${feelProblemVi(error)}`;
  }
  if (m.target.trim() === '') problems.target = 'Chưa có tên biến đích.';
  else if (!IDENTIFIER.test(m.target.trim()))
    problems.target = 'Tên biến viết liền, không dấu: chữ cái, số, dấu _.';
  return problems;
}

/** Writes the mappings of one kind (replacing those there were): one command. */
export function writeMappings(
  ctx: ModelContext,
  element: Shape,
  kind: MappingKind,
  mappings: readonly Mapping[],
): void {
  const added = mappings.map((m) =>
    ctx.factory.create(kind, { source: m.source.trim(), target: m.target.trim() }),
  );
  replaceExtensionValues(ctx, element, (v) => v.$type === kind, added);
}

// ---------------------------------------------------------------- messages

/** The definitions (root) of a moddle element. */
function definitionsOf(bo: Bo): Bo | undefined {
  let current: Bo | undefined = bo;
  while (current && current.$type !== 'bpmn:Definitions') current = current.$parent;
  return current;
}

/** Where the awaited message is referenced: the receive task, or the event's message definition. */
export function messageHolder(bo: Bo): Bo | undefined {
  if (bo.$type === 'bpmn:ReceiveTask') return bo;
  const defs = (bo.get('eventDefinitions') as Bo[] | undefined) ?? [];
  return defs.find((d) => d.$type === 'bpmn:MessageEventDefinition');
}

export function messageName(bo: Bo): string {
  return text((messageHolder(bo)?.get('messageRef') as Bo | undefined)?.get('name'));
}

/** The names of the diagram's messages (`bpmn:message`), sorted, for the pick list. */
export function messageNames(bo: Bo): string[] {
  const roots = (definitionsOf(bo)?.get('rootElements') as Bo[] | undefined) ?? [];
  const names = roots.filter((r) => r.$type === 'bpmn:Message').map((r) => text(r.get('name')).trim());
  return [...new Set(names.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'vi'));
}

/** An id for a new message from its name: `Message_` and the name's letters without diacritics. */
export function messageIdFor(name: string, taken: (id: string) => boolean): string {
  const base = `Message_${
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'message'
  }`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * The element waits for the message named `name`: the diagram's message of that name, or a new one
 * added to the definitions; an empty name removes the reference (the message itself stays).
 */
export function setMessageName(ctx: ModelContext, element: Shape, name: string): void {
  const holder = messageHolder(element.businessObject);
  const definitions = definitionsOf(element.businessObject);
  if (!holder || !definitions) return;
  const wanted = name.trim();
  if (wanted === '') {
    ctx.modeling.updateModdleProperties(element, holder, { messageRef: undefined });
    return;
  }
  const roots = (definitions.get('rootElements') as Bo[] | undefined) ?? [];
  let message = roots.find((r) => r.$type === 'bpmn:Message' && text(r.get('name')).trim() === wanted);
  if (!message) {
    const ids = new Set(roots.map((r) => r.id));
    message = own(
      ctx.factory.create('bpmn:Message', { id: messageIdFor(wanted, (id) => ids.has(id)), name: wanted }),
      definitions,
    );
    ctx.modeling.updateModdleProperties(element, definitions, { rootElements: [...roots, message] });
  }
  ctx.modeling.updateModdleProperties(element, holder, { messageRef: message });
}

// ---------------------------------------------------------------- timers

export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';
const TIMER_KINDS: readonly TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];

export function timerDefinition(bo: Bo): Bo | undefined {
  const defs = (bo.get('eventDefinitions') as Bo[] | undefined) ?? [];
  return defs.find((d) => d.$type === 'bpmn:TimerEventDefinition');
}

/** The timer's kind and value (the first of the three given; none: a duration, empty). */
export function readTimer(bo: Bo): { kind: TimerKind; value: string } {
  const def = timerDefinition(bo);
  for (const kind of TIMER_KINDS) {
    const body = text((def?.get(kind) as Bo | undefined)?.get('body'));
    if (body !== '') return { kind, value: body };
  }
  return { kind: 'timeDuration', value: '' };
}

/** Sets the timer to exactly one value (the engine refuses a timer with two): one command. */
export function writeTimer(ctx: ModelContext, element: Shape, kind: TimerKind, value: string): void {
  const def = timerDefinition(element.businessObject);
  if (!def) return;
  const props: Record<string, unknown> = {
    timeDuration: undefined,
    timeDate: undefined,
    timeCycle: undefined,
  };
  if (value.trim() !== '')
    props[kind] = own(ctx.factory.create('bpmn:FormalExpression', { body: value.trim() }), def);
  ctx.modeling.updateModdleProperties(element, def, props);
}

function isWorkingDuration(value: string): boolean {
  try {
    parseWorkingDuration(value);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a timer's value, as the engine's timer and FEEL rules see it; null when nothing. */
export function timerProblem(kind: TimerKind, value: string): string | null {
  const v = value.trim();
  if (v === '') return 'Chưa có giá trị hẹn giờ.';
  if (v.startsWith('=')) {
    const error = feelSyntaxError(stripFeelPrefix(v));
    return error ? `Biểu thức FEEL chưa đúng cú pháp: ${feelProblemVi(error)}` : null;
  }
  if (kind === 'timeDuration') {
    return parseIsoDuration(v) !== null || isWorkingDuration(v)
      ? null
      : 'Viết thời gian làm việc (2d: 2 ngày làm việc, 4h: 4 giờ làm việc) hoặc ISO 8601 (P2D: 2 ngày lịch).';
  }
  if (kind === 'timeDate') {
    return parseIsoDate(v) !== null
      ? null
      : 'Viết ngày giờ ISO 8601 có múi giờ, ví dụ 2026-07-01T08:00:00+07:00.';
  }
  return parseIsoCycle(v) !== null ? null : 'Viết chu kỳ ISO 8601, ví dụ R3/PT1H (3 lần, mỗi giờ một lần).';
}

/** Whether a duration is working time (the deadlines' calendar counts it) rather than calendar time. */
export function isWorkingTimer(kind: TimerKind, value: string): boolean {
  const v = value.trim();
  return (
    kind === 'timeDuration' && !v.startsWith('=') && parseIsoDuration(v) === null && isWorkingDuration(v)
  );
}

import type { DiffResult } from 'bpmn-js-differ';
import { formatDays } from '../deadline/critical-path';
import { MINUTES_PER_WORKING_DAY, parseWorkingDuration } from '@lienthong/calendar';
import { ROLE_OPTIONS } from '../properties/lt-data';

/** What bpmn-js-differ reports. */
export type DiffLike = Pick<DiffResult, '_added' | '_removed' | '_changed'>;

export interface ChangeLine {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  text: string;
}

const ATTRIBUTE_WORDS: Readonly<Record<string, string>> = {
  name: 'tên',
  allottedTime: 'thời gian',
  unit: 'đơn vị',
  candidateRole: 'vai trò',
  clock: 'cách tính thời hạn',
  topic: 'chủ đề',
  retries: 'số lần thử lại',
  legalTimeLimit: 'thời hạn giải quyết',
  procedureCode: 'mã thủ tục',
  receivingUnit: 'bộ phận tiếp nhận',
  cutoff: 'giờ tiếp nhận cuối ngày',
  conditionExpression: 'điều kiện',
  default: 'luồng mặc định',
  messageRef: 'thông điệp',
  calledElement: 'quy trình được gọi',
};
const DURATIONS = new Set(['allottedTime', 'legalTimeLimit']);
/** Attributes whose change is another part of the line (the form fields) or not worth saying. */
const UNSAID = new Set(['di', 'extensionElements']);
const MORE_WORDS: Readonly<Record<string, string>> = {
  documentation: 'mô tả',
  sourceRef: 'đi từ',
  targetRef: 'đi đến',
  attachedToRef: 'gắn vào',
};
const VALUE_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  candidateRole: Object.fromEntries(ROLE_OPTIONS.map((o) => [o.value, o.label])),
  clock: { '': 'tính vào thời hạn', pause: 'tạm dừng', restart: 'tính lại từ đầu' },
};
const FIELD_WORDS: Readonly<Record<string, string>> = {
  label: 'nhãn',
  type: 'kiểu',
  required: 'bắt buộc',
  options: 'lựa chọn',
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  'bpmn:UserTask': 'bước',
  'bpmn:ServiceTask': 'bước của hệ thống',
  'bpmn:ReceiveTask': 'bước chờ',
  'bpmn:SequenceFlow': 'luồng',
  'bpmn:ExclusiveGateway': 'cổng chọn một nhánh',
  'bpmn:ParallelGateway': 'cổng song song',
  'bpmn:StartEvent': 'sự kiện bắt đầu',
  'bpmn:EndEvent': 'sự kiện kết thúc',
  'bpmn:Process': 'quy trình',
};

/** A model element as bpmn-moddle reads it (what the describer looks at). */
interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  extensionElements?: { values?: ModdleElement[] };
  fields?: FormFieldElement[];
}
interface FormFieldElement {
  id?: string;
  label?: string;
  type?: string;
  required?: boolean;
  options?: string;
}

/** The two versions compared (their bpmn:Definitions), to name referenced elements and compare forms. */
export interface ComparedModels {
  before: unknown;
  after: unknown;
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

function show(value: unknown, names: ReadonlyMap<string, string> = new Map()): string {
  if (value === undefined || value === null || value === '') return '(trống)';
  if (typeof value === 'object') {
    const v = value as { body?: string; text?: string; id?: string; name?: string };
    return clip(v.body ?? v.text ?? v.name ?? v.id ?? '…');
  }
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  const text = String(value);
  if (text.startsWith('#ref:')) return names.get(text.slice(5)) ?? text.slice(5);
  return clip(text);
}

/** Every element with an id in a model tree, by id (references are not followed twice). */
export function elementsById(root: unknown): Map<string, ModdleElement> {
  const found = new Map<string, ModdleElement>();
  const seen = new Set<unknown>();
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    const element = node as ModdleElement & Record<string, unknown>;
    if (typeof element.$type !== 'string') return;
    if (element.$type.startsWith('bpmn:') && typeof element.id === 'string' && !found.has(element.id))
      found.set(element.id, element);
    for (const key of Object.keys(element)) if (!key.startsWith('$')) walk(element[key]);
  };
  walk(root);
  return found;
}

const valueOf = (e: ModdleElement | undefined, attribute: string): unknown =>
  e === undefined ? undefined : (e as unknown as Record<string, unknown>)[attribute.replace(/^lt:/, '')];

const formOf = (e: ModdleElement | undefined): FormFieldElement[] =>
  e?.extensionElements?.values?.find((v) => v.$type === 'lt:Form')?.fields ?? [];

const fieldName = (f: FormFieldElement) => `trường "${f.label?.trim() || f.id || '?'}"`;

/** What changed in a step's form, in words: fields added, removed, and their label, type, required, options. */
export function describeFormChanges(
  before: readonly FormFieldElement[],
  after: readonly FormFieldElement[],
): string[] {
  const parts: string[] = [];
  const old = new Map(before.map((f) => [f.id, f]));
  const now = new Map(after.map((f) => [f.id, f]));
  for (const f of after) if (!old.has(f.id)) parts.push(`thêm ${fieldName(f)}`);
  for (const f of before) if (!now.has(f.id)) parts.push(`bỏ ${fieldName(f)}`);
  for (const f of after) {
    const was = old.get(f.id);
    if (!was) continue;
    const changes = (Object.keys(FIELD_WORDS) as Array<keyof FormFieldElement>)
      .filter((k) => (k === 'required' ? Boolean(was[k]) !== Boolean(f[k]) : (was[k] ?? '') !== (f[k] ?? '')))
      .map((k) =>
        k === 'required'
          ? `${FIELD_WORDS[k]} ${show(Boolean(was[k]))} → ${show(Boolean(f[k]))}`
          : `${FIELD_WORDS[k]} ${show(was[k])} → ${show(f[k])}`,
      );
    if (changes.length > 0) parts.push(`${fieldName(was)}: ${changes.join(', ')}`);
  }
  return parts;
}

function days(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  try {
    return parseWorkingDuration(value) / MINUTES_PER_WORKING_DAY;
  } catch {
    return null;
  }
}

/** One attribute's change in words: "thời gian 3 → 2 ngày", "đơn vị DTP-VPDK-CL → DTP-VPDK". */
export function describeAttribute(
  attribute: string,
  oldValue: unknown,
  newValue: unknown,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const name = attribute.replace(/^lt:/, '').replace(/\[\d+\]$/, '');
  const word = ATTRIBUTE_WORDS[name] ?? MORE_WORDS[name] ?? name;
  if (DURATIONS.has(name)) {
    const [a, b] = [days(oldValue), days(newValue)];
    if (a !== null && b !== null) return `${word} ${formatDays(a)} → ${formatDays(b)} ngày`;
  }
  const words = VALUE_WORDS[name];
  const value = (v: unknown) => (words && typeof v === 'string' ? (words[v] ?? v) : v);
  return `${word} ${show(value(oldValue), names)} → ${show(value(newValue), names)}`;
}

const label = (e: { $type: string; name?: string }, id: string) =>
  e.name?.trim() || `${TYPE_WORDS[e.$type] ?? e.$type.replace('bpmn:', '')} ${id}`;

/** An added or removed element: "bước: Thẩm tra thực địa", or unnamed "cổng chọn một nhánh gw_hop". */
const what = (e: { $type: string; name?: string }, id: string) => {
  const type = TYPE_WORDS[e.$type] ?? 'phần tử';
  return e.name?.trim() ? `${type}: ${e.name.trim()}` : `${type} ${id}`;
};

/**
 * The differences between two versions, in words, for the list beside the compared diagram. With the
 * two models, references are named and the steps' forms compared (bpmn-js-differ does not look inside
 * extension elements).
 */
export function describeChanges(diff: DiffLike, models?: ComparedModels): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const before = models ? elementsById(models.before) : new Map<string, ModdleElement>();
  const after = models ? elementsById(models.after) : new Map<string, ModdleElement>();
  const names = new Map<string, string>();
  for (const [id, e] of [...before, ...after]) names.set(id, e.name?.trim() || id);
  const formChanges = (id: string) =>
    before.has(id) && after.has(id) ? describeFormChanges(formOf(before.get(id)), formOf(after.get(id))) : [];
  for (const [id, e] of Object.entries(diff._added)) {
    if (e.$type.startsWith('bpmndi:') || e.$type.startsWith('dc:')) continue;
    lines.push({ id, kind: 'added', text: `Thêm ${what(e, id)}` });
  }
  for (const [id, e] of Object.entries(diff._removed)) {
    if (e.$type.startsWith('bpmndi:') || e.$type.startsWith('dc:')) continue;
    lines.push({ id, kind: 'removed', text: `Bỏ ${what(e, id)}` });
  }
  const changed = new Map(Object.entries(diff._changed).map(([id, c]) => [id, c.model]));
  for (const [id, e] of after) if (!changed.has(id) && formChanges(id).length > 0) changed.set(id, e);
  for (const [id, model] of changed) {
    if (model.$type.startsWith('bpmndi:')) continue;
    const parts = Object.entries(diff._changed[id]?.attrs ?? {})
      .filter(([attribute]) => !attribute.startsWith('$') && !UNSAID.has(attribute))
      .map(([attribute, reported]) => {
        const [was, now] =
          models && /^[\w:]+$/.test(attribute)
            ? [valueOf(before.get(id), attribute), valueOf(after.get(id), attribute)]
            : // bpmn-js-differ 3 swaps them: `oldValue` is the attribute's value in b, `newValue` in a
              [reported.newValue, reported.oldValue];
        return describeAttribute(attribute, was, now, names);
      });
    parts.push(...formChanges(id).map((p) => `biểu mẫu: ${p}`));
    if (parts.length > 0)
      lines.push({ id, kind: 'changed', text: `${label(model, id)}: ${parts.join('; ')}` });
  }
  // what was changed first (the property changes a designer looks for), then what was added and removed
  return [...lines.filter((l) => l.kind === 'changed'), ...lines.filter((l) => l.kind !== 'changed')];
}

import type { DiffResult } from 'bpmn-js-differ';
import { formatDays } from '../deadline/critical-path';
import { MINUTES_PER_WORKING_DAY, parseWorkingDuration } from '@lienthong/calendar';

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

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(trống)';
  if (typeof value === 'object') {
    const v = value as { body?: string; id?: string; name?: string };
    return v.body ?? v.name ?? v.id ?? '…';
  }
  return String(value);
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
export function describeAttribute(attribute: string, oldValue: unknown, newValue: unknown): string {
  const name = attribute.replace(/^lt:/, '');
  const word = ATTRIBUTE_WORDS[name] ?? name;
  if (DURATIONS.has(name)) {
    const [a, b] = [days(oldValue), days(newValue)];
    if (a !== null && b !== null) return `${word} ${formatDays(a)} → ${formatDays(b)} ngày`;
  }
  return `${word} ${show(oldValue)} → ${show(newValue)}`;
}

const label = (e: { $type: string; name?: string }, id: string) =>
  e.name?.trim() || `${TYPE_WORDS[e.$type] ?? e.$type.replace('bpmn:', '')} ${id}`;

/** The differences between two versions, in words, for the list beside the compared diagram. */
export function describeChanges(diff: DiffLike): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const [id, e] of Object.entries(diff._added)) {
    if (e.$type.startsWith('bpmndi:') || e.$type.startsWith('dc:')) continue;
    lines.push({ id, kind: 'added', text: `Thêm ${TYPE_WORDS[e.$type] ?? 'phần tử'}: ${label(e, id)}` });
  }
  for (const [id, e] of Object.entries(diff._removed)) {
    if (e.$type.startsWith('bpmndi:') || e.$type.startsWith('dc:')) continue;
    lines.push({ id, kind: 'removed', text: `Bỏ ${TYPE_WORDS[e.$type] ?? 'phần tử'}: ${label(e, id)}` });
  }
  for (const [id, change] of Object.entries(diff._changed)) {
    if (change.model.$type.startsWith('bpmndi:')) continue;
    const parts = Object.entries(change.attrs)
      .filter(([attribute]) => !attribute.startsWith('$') && attribute !== 'di')
      .map(([attribute, { oldValue, newValue }]) => describeAttribute(attribute, oldValue, newValue));
    if (parts.length > 0)
      lines.push({ id, kind: 'changed', text: `${label(change.model, id)}: ${parts.join('; ')}` });
  }
  return lines;
}

import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { createElement as h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { CLOCK_OPTIONS, CLOCKED_TYPES, ROLE_OPTIONS, STEP_TYPES, type LtData } from './lt-data';
import { ltGroups, REPLACED_GROUPS } from './lt-groups';
import { useTextField } from './text-field';
import { feel, wholeNumber, workingTime, type Validate } from './validators';

/** What the provider reads of a diagram element and its business object. */
interface Bo {
  $type: string;
  id: string;
  processRef?: Bo;
  conditionExpression?: { body?: string };
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  [key: string]: unknown;
}
interface Element {
  id: string;
  businessObject: Bo;
}
interface Modeling {
  updateProperties(element: Element, props: Record<string, unknown>): void;
  updateModdleProperties(element: Element, bo: Bo, props: Record<string, unknown>): void;
}
interface BpmnFactory {
  create(type: string, attrs: Record<string, unknown>): unknown;
}
interface EntryProps {
  element: Element;
  id: string;
}
type Option = { value: string; label: string };

/** The business object holding an `lt:` attribute: the process of a participant, else the element's. */
function target(element: Element): Bo {
  const bo = element.businessObject;
  return bo.$type === 'bpmn:Participant' && bo.processRef ? bo.processRef : bo;
}

function useUpdate(element: Element) {
  const modeling = useService<Modeling>('modeling');
  return (props: Record<string, unknown>) => {
    const bo = target(element);
    if (bo === element.businessObject) modeling.updateProperties(element, props);
    else modeling.updateModdleProperties(element, bo, props);
  };
}

/** A text entry of an `lt:` attribute, optionally checked as the designer types. */
function textEntry(
  name: string,
  label: string,
  description: string,
  validate?: Validate,
  shown: (value: string) => string = (value) => value,
) {
  return function LtTextEntry(props: EntryProps) {
    const update = useUpdate(props.element);
    return useTextField(props, {
      label,
      description,
      get: () => shown((target(props.element).get(name) as string | undefined) ?? ''),
      set: (value: string) => update({ [name]: value === '' ? undefined : value }),
      validate,
    });
  };
}

/** A select entry of an `lt:` attribute; a value not among the options stays shown (and kept). */
function selectEntry(name: string, label: string, options: (data: LtData) => Option[], description?: string) {
  return function LtSelectEntry(props: EntryProps) {
    const update = useUpdate(props.element);
    const data = useService<LtData>('ltData');
    const getOptions = () => {
      const current = (target(props.element).get(name) as string | undefined) ?? '';
      const list = options(data);
      const known = current === '' || list.some((o) => o.value === current);
      return [
        ...(list.some((o) => o.value === '') ? [] : [{ value: '', label: '— Chưa chọn —' }]),
        ...list,
        ...(known ? [] : [{ value: current, label: current }]),
      ];
    };
    return h(SelectEntry, {
      element: props.element,
      id: props.id,
      label,
      description,
      getOptions,
      getValue: () => (target(props.element).get(name) as string | undefined) ?? '',
      setValue: (value: string) => update({ [name]: value === '' ? undefined : value }),
    });
  };
}

const ProcedureCode = selectEntry(
  'lt:procedureCode',
  'Mã thủ tục hành chính',
  (d) => d.procedures.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` })),
  'Chọn từ danh mục thủ tục (Cơ sở dữ liệu quốc gia về thủ tục hành chính).',
);
const LegalTimeLimit = textEntry(
  'lt:legalTimeLimit',
  'Thời hạn giải quyết',
  'Theo văn bản pháp luật, bằng ngày làm việc: ví dụ 12d.',
  workingTime,
);
const Cutoff = textEntry(
  'lt:cutoff',
  'Giờ tiếp nhận cuối ngày',
  'Hồ sơ nhận sau giờ này tính từ ngày làm việc tiếp theo, ví dụ 16:00.',
);
const ReceivingUnit = selectEntry('lt:receivingUnit', 'Bộ phận tiếp nhận', (d) => unitOptions(d));
const Unit = selectEntry(
  'lt:unit',
  'Đơn vị xử lý',
  (d) => unitOptions(d),
  'Chọn trong cơ cấu tổ chức theo tên đơn vị.',
);
const UnitExpression = textEntry(
  'lt:unit',
  'Hoặc đơn vị theo biểu thức FEEL',
  'Ví dụ =receivingBranch (đơn vị tính theo dữ liệu của hồ sơ). Bắt đầu bằng dấu =.',
  (v) => (v.trim() === '' ? null : v.trim().startsWith('=') ? feel(v) : 'Biểu thức bắt đầu bằng dấu =.'),
  // a unit picked from the tree is shown above, not here
  (value) => (value.trim().startsWith('=') ? value : ''),
);
const CandidateRole = selectEntry('lt:candidateRole', 'Vai trò xử lý', () => [...ROLE_OPTIONS]);
const AllottedTime = textEntry(
  'lt:allottedTime',
  'Thời gian được giao',
  'Ngày hoặc giờ làm việc: 0.5d, 3d, 4h.',
  workingTime,
);
const Clock = selectEntry('lt:clock', 'Cách tính thời hạn', () => [...CLOCK_OPTIONS]);
const Topic = textEntry(
  'lt:topic',
  'Chủ đề (topic) của hệ thống xử lý',
  'Hệ thống của cơ quan nhận việc theo chủ đề này, ví dụ tax-assessment.',
);
const Retries = textEntry('lt:retries', 'Số lần thử lại', 'Khi hệ thống báo lỗi; mặc định 3.', wholeNumber);

function unitOptions(d: LtData): Option[] {
  return d.units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
}

/** The condition of a sequence flow, checked as FEEL while typing. */
function Condition(props: EntryProps) {
  const modeling = useService<Modeling>('modeling');
  const factory = useService<BpmnFactory>('bpmnFactory');
  const bo = props.element.businessObject;
  return useTextField(props, {
    label: 'Điều kiện (FEEL)',
    description: 'Ví dụ =approved = true. Để trống: luồng không có điều kiện.',
    get: () => bo.conditionExpression?.body ?? '',
    set: (value: string) =>
      modeling.updateProperties(props.element, {
        conditionExpression:
          value.trim() === '' ? undefined : factory.create('bpmn:FormalExpression', { body: value }),
      }),
    validate: feel,
  });
}

type Entry = { id: string; component: unknown; isEdited: unknown };
const text = (id: string, component: unknown): Entry => ({ id, component, isEdited: isTextFieldEntryEdited });
const select = (id: string, component: unknown): Entry => ({ id, component, isEdited: isSelectEntryEdited });

/** The entries of the "Liên thông" group for an element (none for those the engine reads nothing of). */
export function ltEntries(element: Element): Entry[] {
  const bo = target(element);
  const is = (types: readonly string[]) => types.some((t) => bo.$instanceOf(t));
  const entries: Entry[] = [];
  if (bo.$type === 'bpmn:Process') {
    entries.push(
      select('lt-procedureCode', ProcedureCode),
      text('lt-legalTimeLimit', LegalTimeLimit),
      text('lt-cutoff', Cutoff),
      select('lt-receivingUnit', ReceivingUnit),
    );
  }
  if (is(STEP_TYPES)) {
    entries.push(
      select('lt-unit', Unit),
      text('lt-unit-feel', UnitExpression),
      select('lt-candidateRole', CandidateRole),
      text('lt-allottedTime', AllottedTime),
    );
  }
  if (is(CLOCKED_TYPES)) entries.push(select('lt-clock', Clock));
  if (bo.$type === 'bpmn:ServiceTask') entries.push(text('lt-topic', Topic), text('lt-retries', Retries));
  if (bo.$type === 'bpmn:SequenceFlow') entries.push(text('lt-condition', Condition));
  return entries.map((e) => ({ ...e, element }));
}

interface Group {
  id: string;
  label: string;
  entries?: unknown[];
  [key: string]: unknown;
}

/**
 * Adds the "Liên thông" group (our `lt` attributes, from the engine's moddle descriptor) to the panel,
 * and the form, multi-instance, call, message and timer groups in place of bpmn-js-properties-panel's.
 */
class LtPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: Element) {
    return (groups: Group[]) => {
      const kept = groups.filter((g) => !REPLACED_GROUPS.includes(g.id));
      const entries = ltEntries(element);
      const ours: Group[] = [
        ...(entries.length > 0 ? [{ id: 'lienthong', label: 'Liên thông', entries }] : []),
        ...ltGroups(element as Parameters<typeof ltGroups>[0]),
      ];
      kept.splice(1, 0, ...ours);
      return kept;
    };
  }
}

export function ltPropertiesModule(data: LtData) {
  return {
    __init__: ['ltPropertiesProvider'],
    ltPropertiesProvider: ['type', LtPropertiesProvider],
    ltData: ['value', data],
  };
}

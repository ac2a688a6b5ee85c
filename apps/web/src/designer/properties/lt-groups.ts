import { Group, isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { createElement as h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import {
  isWorkingTimer,
  loopMode,
  loopValue,
  mappingProblems,
  messageHolder,
  messageName,
  messageNames,
  multiInstanceOf,
  readFormFields,
  readMappings,
  readTimer,
  setLoopMode,
  setLoopValue,
  setMessageName,
  timerDefinition,
  timerProblem,
  writeMappings,
  writeTimer,
  type Bo,
  type LoopMode,
  type LoopValue,
  type Mapping,
  type MappingKind,
  type ModelContext,
  type TimerKind,
} from './lt-model';
import { useTextField } from './text-field';
import { feel, identifier, type Validate } from './validators';

/**
 * The panel's groups for what the engine runs beyond the `lt:` attributes: a user task's form (edited
 * in the form editor, with its preview), multi-instance, a call activity's called procedure and
 * variable mappings, the message an element waits for, a timer. They replace bpmn-js-properties-panel's
 * own message, timer and multi-instance groups, which write what our engine does not read
 * (`lt:collection`…) or allow what it refuses (a timer with two values).
 */

interface Element {
  id: string;
  businessObject: Bo;
}
interface EntryProps {
  element: Element;
  id: string;
}
/** The event the form summary fires to open the form editor (see `FormEditorDrawer`). */
export const FORM_EDIT_EVENT = 'lt.form.edit';

function useModel(): ModelContext {
  return { modeling: useService('modeling'), factory: useService('bpmnFactory') };
}

const text = (id: string, component: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  component,
  isEdited: isTextFieldEntryEdited,
  ...extra,
});
const select = (id: string, component: unknown) => ({ id, component, isEdited: isSelectEntryEdited });

// ---------------------------------------------------------------- form

function FormSummary(props: EntryProps) {
  const eventBus = useService<{ fire(event: string, data: unknown): void }>('eventBus');
  const fields = readFormFields(props.element.businessObject);
  const summary =
    fields.length === 0
      ? 'Chưa có trường nào: cán bộ chỉ xác nhận hoàn thành bước.'
      : `${fields.length} trường: ${fields.map((f) => f.label || f.id).join(', ')}.`;
  return h(
    'div',
    { class: 'bio-properties-panel-entry lt-form-summary', 'data-entry-id': props.id },
    h('p', { class: 'lt-form-summary-text' }, summary),
    h(
      'button',
      {
        type: 'button',
        class: 'lt-panel-button',
        onClick: () => eventBus.fire(FORM_EDIT_EVENT, { element: props.element }),
      },
      'Sửa biểu mẫu và xem trước…',
    ),
  );
}

// ---------------------------------------------------------------- multi-instance

const LOOP_OPTIONS: ReadonlyArray<{ value: LoopMode; label: string }> = [
  { value: 'none', label: 'Không lặp (một lần)' },
  { value: 'parallel', label: 'Nhiều bản song song' },
  { value: 'sequential', label: 'Nhiều bản lần lượt' },
];

function LoopModeEntry(props: EntryProps) {
  const ctx = useModel();
  return h(SelectEntry, {
    element: props.element,
    id: props.id,
    label: 'Thực hiện nhiều bản',
    description: 'Ví dụ: mỗi thửa đất của hồ sơ một bản, cùng lúc hoặc lần lượt.',
    getOptions: () => [...LOOP_OPTIONS],
    getValue: () => loopMode(props.element.businessObject),
    setValue: (value: LoopMode) => setLoopMode(ctx, props.element, value),
  });
}

function loopEntry(name: LoopValue, label: string, description: string, validate: Validate) {
  return function LoopValueEntry(props: EntryProps) {
    const ctx = useModel();
    return useTextField(props, {
      label,
      description,
      get: () => loopValue(props.element.businessObject, name),
      set: (value: string) => setLoopValue(ctx, props.element, name, value),
      validate,
    });
  };
}

const feelOrEmpty: Validate = (v) => (v.trim() === '' ? null : feel(v));
const Collection = loopEntry(
  'lt:collection',
  'Danh sách (FEEL)',
  'Mỗi phần tử của danh sách một bản, ví dụ =parcels. Hoặc nhập số bản bên dưới.',
  feelOrEmpty,
);
const ElementVariable = loopEntry(
  'lt:elementVariable',
  'Tên biến của phần tử',
  'Mỗi bản đọc phần tử của mình qua biến này, ví dụ parcel.',
  identifier,
);
const Cardinality = loopEntry(
  'loopCardinality',
  'Số bản (FEEL)',
  'Khi không lặp theo danh sách: số bản, ví dụ 3 hoặc =count(parcels).',
  feelOrEmpty,
);
const Completion = loopEntry(
  'completionCondition',
  'Điều kiện hoàn thành sớm (FEEL)',
  'Các bản còn lại dừng khi điều kiện đúng, ví dụ =nrOfCompletedInstances >= 2.',
  feelOrEmpty,
);
const OutputCollection = loopEntry(
  'lt:outputCollection',
  'Gom kết quả vào biến',
  'Danh sách kết quả của các bản (khai báo cùng biểu thức kết quả bên dưới).',
  identifier,
);
const OutputElement = loopEntry(
  'lt:outputElement',
  'Kết quả của mỗi bản (FEEL)',
  'Ví dụ =approved.',
  feelOrEmpty,
);

function multiInstanceEntries(element: Element) {
  const entries: Array<Record<string, unknown>> = [select('lt-loop-mode', LoopModeEntry)];
  if (multiInstanceOf(element.businessObject)) {
    entries.push(
      text('lt-loop-collection', Collection),
      text('lt-loop-elementVariable', ElementVariable),
      text('lt-loop-cardinality', Cardinality),
      text('lt-loop-completion', Completion),
      text('lt-loop-outputCollection', OutputCollection),
      text('lt-loop-outputElement', OutputElement),
    );
  }
  return entries.map((e) => ({ ...e, element }));
}

// ---------------------------------------------------------------- call activity

function CalledElement(props: EntryProps) {
  const ctx = useModel();
  return useTextField(props, {
    label: 'Quy trình được gọi',
    description: 'Mã quy trình (khoá) của thủ tục được gọi, ví dụ dang-ky-bien-dong.',
    get: () => (props.element.businessObject.get('calledElement') as string | undefined) ?? '',
    set: (value: string) =>
      ctx.modeling.updateModdleProperties(props.element, props.element.businessObject, {
        calledElement: value.trim() === '' ? undefined : value.trim(),
      }),
    validate: (v: string) => (v.trim() === '' ? 'Chưa chỉ định quy trình được gọi.' : null),
  });
}

interface MappingEntryProps extends EntryProps {
  kind: MappingKind;
  index: number;
  part: keyof Mapping;
}

function MappingPart(props: MappingEntryProps) {
  const ctx = useModel();
  const { kind, index, part } = props;
  const label =
    part === 'source'
      ? kind === 'lt:In'
        ? 'Giá trị truyền vào (FEEL, theo biến của hồ sơ này)'
        : 'Giá trị lấy ra (FEEL, theo biến của quy trình được gọi)'
      : kind === 'lt:In'
        ? 'Lưu vào biến của quy trình được gọi'
        : 'Lưu vào biến của hồ sơ này';
  return useTextField(props, {
    label,
    get: () => readMappings(props.element.businessObject, kind)[index]?.[part] ?? '',
    set: (value: string) => {
      const mappings = readMappings(props.element.businessObject, kind);
      const current = mappings[index];
      if (!current) return;
      mappings[index] = { ...current, [part]: value };
      writeMappings(ctx, props.element, kind, mappings);
    },
    validate: (value: string) => {
      const current = readMappings(props.element.businessObject, kind)[index] ?? { source: '', target: '' };
      return mappingProblems({ ...current, [part]: value })[part] ?? null;
    },
  });
}

interface MappingButtonProps extends EntryProps {
  kind: MappingKind;
  index: number;
}

/** Adds an empty mapping (its inputs then say what is missing). */
function MappingAdd(props: MappingButtonProps) {
  const ctx = useModel();
  const { kind } = props;
  return h(
    'div',
    { class: 'bio-properties-panel-entry', 'data-entry-id': props.id },
    h(
      'button',
      {
        type: 'button',
        class: 'lt-panel-button',
        onClick: () =>
          writeMappings(ctx, props.element, kind, [
            ...readMappings(props.element.businessObject, kind),
            { source: '', target: '' },
          ]),
      },
      kind === 'lt:In' ? '+ Thêm biến truyền vào' : '+ Thêm biến nhận về',
    ),
  );
}

function MappingRemove(props: MappingButtonProps) {
  const ctx = useModel();
  const { kind, index } = props;
  return h(
    'div',
    { class: 'bio-properties-panel-entry lt-mapping-remove', 'data-entry-id': props.id },
    h(
      'button',
      {
        type: 'button',
        class: 'lt-panel-button lt-panel-button-danger',
        onClick: () =>
          writeMappings(
            ctx,
            props.element,
            kind,
            readMappings(props.element.businessObject, kind).filter((_, i) => i !== index),
          ),
      },
      `Xoá biến thứ ${index + 1}`,
    ),
  );
}

/**
 * The mappings of one kind: for each, its source and target checked as typed, and a remove button;
 * then an add button. (No mapping of a kind: the engine passes every variable that way.)
 */
function mappingEntries(element: Element, kind: MappingKind) {
  const key = kind === 'lt:In' ? 'in' : 'out';
  const entries: Array<Record<string, unknown>> = [];
  readMappings(element.businessObject, kind).forEach((_, index) => {
    const id = `${element.id}-${key}-${index}`;
    for (const part of ['source', 'target'] as const)
      entries.push(text(`${id}-${part}`, MappingPart, { kind, index, part }));
    entries.push({ id: `${id}-remove`, component: MappingRemove, kind, index });
  });
  entries.push({ id: `lt-call-${key}-add`, component: MappingAdd, kind, index: -1 });
  return entries;
}

// ---------------------------------------------------------------- messages

function MessageNameEntry(props: EntryProps) {
  const ctx = useModel();
  const bo = props.element.businessObject;
  const inputId = `bio-properties-panel-${props.id}`;
  const listId = `${inputId}-names`;
  const current = messageName(bo);
  return h(
    'div',
    { class: 'bio-properties-panel-entry', 'data-entry-id': props.id },
    h(
      'div',
      { class: 'bio-properties-panel-textfield' },
      h('label', { for: inputId, class: 'bio-properties-panel-label' }, 'Tên thông điệp chờ nhận'),
      h('input', {
        id: inputId,
        key: `${props.element.id}-${current}`,
        class: 'bio-properties-panel-input',
        list: listId,
        defaultValue: current,
        autoComplete: 'off',
        spellcheck: false,
        onChange: (event: Event) =>
          setMessageName(ctx, props.element, (event.target as HTMLInputElement).value),
      }),
    ),
    h(
      'datalist',
      { id: listId },
      messageNames(bo).map((name) => h('option', { value: name, key: name })),
    ),
    h(
      'div',
      { class: 'bio-properties-panel-description' },
      current === ''
        ? 'Chưa chờ thông điệp nào. Chọn tên đã dùng trong sơ đồ hoặc gõ tên mới.'
        : 'Hệ thống khác gửi thông điệp theo tên này (POST /api/v1/messages) để hồ sơ đi tiếp.',
    ),
  );
}

// ---------------------------------------------------------------- timers

const TIMER_OPTIONS: ReadonlyArray<{ value: TimerKind; label: string }> = [
  { value: 'timeDuration', label: 'Chờ một khoảng thời gian' },
  { value: 'timeDate', label: 'Chờ đến một thời điểm' },
  { value: 'timeCycle', label: 'Lặp theo chu kỳ' },
];

function TimerKindEntry(props: EntryProps) {
  const ctx = useModel();
  return h(SelectEntry, {
    element: props.element,
    id: props.id,
    label: 'Loại hẹn giờ',
    getOptions: () => [...TIMER_OPTIONS],
    getValue: () => readTimer(props.element.businessObject).kind,
    setValue: (kind: TimerKind) =>
      writeTimer(ctx, props.element, kind, readTimer(props.element.businessObject).value),
  });
}

function TimerValueEntry(props: EntryProps) {
  const ctx = useModel();
  const { kind, value } = readTimer(props.element.businessObject);
  const description =
    kind === 'timeDuration'
      ? isWorkingTimer(kind, value)
        ? 'Tính theo ngày, giờ làm việc (bỏ qua ngày nghỉ, ngày lễ). P2D, PT4H: ngày, giờ lịch.'
        : '2d, 0.5d, 4h: ngày, giờ làm việc (bỏ qua ngày nghỉ, ngày lễ); P2D, PT4H: ngày, giờ lịch; =biểu thức FEEL.'
      : kind === 'timeDate'
        ? 'Ví dụ 2026-07-01T08:00:00+07:00 (giờ Việt Nam).'
        : 'Ví dụ R3/PT1H: 3 lần, mỗi giờ một lần.';
  return useTextField(props, {
    label: 'Thời gian',
    description,
    get: () => readTimer(props.element.businessObject).value,
    set: (next: string) => writeTimer(ctx, props.element, readTimer(props.element.businessObject).kind, next),
    validate: (next: string) => timerProblem(readTimer(props.element.businessObject).kind, next),
  });
}

// ---------------------------------------------------------------- the groups

interface PanelGroup {
  id: string;
  label: string;
  component?: unknown;
  entries?: unknown[];
  [key: string]: unknown;
}

/** Groups of bpmn-js-properties-panel that ours replace. */
export const REPLACED_GROUPS: readonly string[] = ['message', 'timer', 'multiInstance'];

/** Our groups for an element (after the "Liên thông" group), with what they need from the modeler. */
export function ltGroups(element: Element): PanelGroup[] {
  const bo = element.businessObject;
  const groups: PanelGroup[] = [];
  const group = (id: string, label: string, entries: Array<Record<string, unknown>>) =>
    groups.push({ id, label, component: Group, entries: entries.map((e) => ({ ...e, element })) });
  if (bo.$type === 'bpmn:UserTask')
    group('lt-form', 'Biểu mẫu', [{ id: 'lt-form-summary', component: FormSummary }]);
  if (bo.$type === 'bpmn:UserTask' || bo.$type === 'bpmn:ServiceTask')
    groups.push({
      id: 'lt-multi-instance',
      label: 'Nhiều bản',
      component: Group,
      entries: multiInstanceEntries(element),
    });
  if (bo.$type === 'bpmn:CallActivity') {
    group('lt-call', 'Gọi quy trình', [text('lt-calledElement', CalledElement)]);
    group('lt-call-in', 'Biến truyền vào', mappingEntries(element, 'lt:In'));
    group('lt-call-out', 'Biến nhận về', mappingEntries(element, 'lt:Out'));
  }
  const waits =
    bo.$type === 'bpmn:ReceiveTask' ||
    ((bo.$type === 'bpmn:IntermediateCatchEvent' || bo.$type === 'bpmn:BoundaryEvent') && messageHolder(bo));
  if (waits) group('lt-message', 'Thông điệp', [{ id: 'lt-messageName', component: MessageNameEntry }]);
  if (
    (bo.$type === 'bpmn:IntermediateCatchEvent' || bo.$type === 'bpmn:BoundaryEvent') &&
    timerDefinition(bo)
  ) {
    group('lt-timer', 'Hẹn giờ', [
      select('lt-timer-kind', TimerKindEntry),
      text('lt-timer-value', TimerValueEntry),
    ]);
  }
  return groups;
}

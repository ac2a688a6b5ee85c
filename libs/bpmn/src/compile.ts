import { parseWorkingDuration } from '@lienthong/calendar';
import type {
  BoundaryTrigger,
  FormField,
  FormFieldType,
  GraphNode,
  MultiInstance,
  ProcessGraph,
  SequenceFlow,
  StepProps,
  TimerDefinition,
  ValueSource,
  VariableMapping,
} from './graph';
import { feelSyntaxError, stripFeelPrefix } from './feel.util';
import { parseBpmn, type ModdleElement } from './moddle';
import { parseIsoCycle, parseIsoDate, parseIsoDuration } from './timer.util';
import { BpmnValidationError, issue, type ValidationIssue } from './validation-issue';

export interface CompileResult {
  graph: ProcessGraph | null;
  issues: ValidationIssue[];
}

/** Compiles and throws a `BpmnValidationError` listing every error when the model is not executable. */
export async function compileBpmn(xml: string): Promise<ProcessGraph> {
  const { graph, issues } = await analyzeBpmn(xml);
  if (!graph || issues.some((i) => i.severity === 'error')) throw new BpmnValidationError(issues);
  return graph;
}

/** Parses, validates and compiles; returns every issue found (the designer shows them all). */
export async function analyzeBpmn(xml: string): Promise<CompileResult> {
  const parsed = await parseBpmn(xml);
  if (!parsed.definitions) return { graph: null, issues: parsed.issues };
  const compiler = new Compiler(parsed.issues);
  const graph = compiler.compile(parsed.definitions);
  return { graph, issues: compiler.issues };
}

const FORM_FIELD_TYPES: readonly FormFieldType[] = ['string', 'text', 'number', 'boolean', 'date', 'enum'];
const CANDIDATE_ROLES = ['reception', 'officer', 'leader'];
/** Elements that carry no execution semantics and are ignored. */
const ARTIFACTS = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

type El = ModdleElement;

function isWorkingDuration(text: string): boolean {
  try {
    parseWorkingDuration(text);
    return true;
  } catch {
    return false;
  }
}

function list(value: unknown): El[] {
  return Array.isArray(value) ? (value as El[]) : [];
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
function label(el: El): string {
  const name = str(el['name']);
  return name ? `${el.id} ("${name}")` : String(el.id);
}
function typeName(el: El): string {
  return el.$type.replace(/^bpmn:/, '');
}

class Compiler {
  private readonly nodes: Record<string, GraphNode> = {};
  private readonly flows: Record<string, SequenceFlow> = {};
  private readonly boundaries: Record<string, string[]> = {};
  private readonly messages = new Set<string>();

  constructor(readonly issues: ValidationIssue[]) {}

  private error(code: string, elementId: string | null, message: string, messageVi: string): void {
    this.issues.push(issue(code, elementId, message, messageVi));
  }
  private warn(code: string, elementId: string | null, message: string, messageVi: string): void {
    this.issues.push(issue(code, elementId, message, messageVi, 'warning'));
  }

  compile(definitions: El): ProcessGraph | null {
    const processes = list(definitions['rootElements']).filter((e) => e.$type === 'bpmn:Process');
    let candidates = processes;
    if (processes.length > 1) candidates = processes.filter((p) => p['isExecutable'] === true);
    if (candidates.length !== 1) {
      this.error(
        'process-count',
        null,
        processes.length === 0
          ? 'The document contains no process.'
          : 'The document must contain exactly one executable process (mark one with isExecutable="true").',
        processes.length === 0
          ? 'Tài liệu không có quy trình nào.'
          : 'Tài liệu phải có đúng một quy trình thực thi được.',
      );
      return null;
    }
    const process = candidates[0] as El;
    const key = str(process.id);
    if (!key || !/^[A-Za-z_][\w.-]{0,99}$/.test(key)) {
      this.error(
        'process-id',
        process.id ?? null,
        'The process id must start with a letter or underscore and contain only letters, digits, ".", "-" or "_" (at most 100).',
        'Mã quy trình phải bắt đầu bằng chữ cái và chỉ gồm chữ, số, ".", "-", "_" (tối đa 100 ký tự).',
      );
      return null;
    }
    const legalTimeLimit = str(process['legalTimeLimit']);
    if (legalTimeLimit && !isWorkingDuration(legalTimeLimit)) {
      this.error(
        'invalid-duration',
        key,
        `lt:legalTimeLimit "${legalTimeLimit}" is not a working duration such as "12d", "4h" or "1d4h".`,
        `Thời hạn giải quyết "${legalTimeLimit}" không đúng định dạng (ví dụ "12d", "4h", "1d4h").`,
      );
    }
    const startNode = this.compileScope(process, null);
    for (const hostId of Object.keys(this.boundaries)) {
      if (this.nodes[hostId]) this.checkBoundaryHost(hostId);
      else {
        for (const bId of this.boundaries[hostId] ?? []) {
          this.error(
            'boundary-host',
            bId,
            `Boundary event ${bId} is attached to unknown element ${hostId}.`,
            `Sự kiện biên ${bId} gắn vào phần tử không tồn tại ${hostId}.`,
          );
        }
      }
    }
    this.checkConnectivity();
    if (!startNode) return null;
    return {
      key,
      name: str(process['name']) ?? key,
      procedureCode: str(process['procedureCode']),
      legalTimeLimit,
      receivingUnit: str(process['receivingUnit']),
      cutoff: this.cutoff(process),
      startNode,
      nodes: this.nodes,
      flows: this.flows,
      boundaries: this.boundaries,
      inclusiveJoinUpstream: this.inclusiveUpstream(),
      messages: [...this.messages].sort(),
    };
  }

  private cutoff(process: El): string | undefined {
    const cutoff = str(process['cutoff']);
    if (cutoff && cutoff !== 'last-office-hour' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff)) {
      this.error(
        'invalid-cutoff',
        String(process.id),
        `lt:cutoff "${cutoff}" must be a time of day (HH:MM, e.g. 15:00) or "last-office-hour".`,
        `Giờ chốt tiếp nhận "${cutoff}" phải có dạng HH:MM (ví dụ 15:00) hoặc "last-office-hour".`,
      );
    }
    return cutoff;
  }

  /** Compiles the flow elements of a process or sub-process; returns its none start event id. */
  private compileScope(container: El, scope: string | null): string | null {
    const elements = list(container['flowElements']);
    const starts: string[] = [];
    for (const el of elements) {
      if (el.$type === 'bpmn:SequenceFlow') continue;
      const node = this.compileNode(el, scope);
      if (!node) continue;
      const clock = str(el['clock']);
      if (clock) {
        if (clock === 'pause' || clock === 'restart') node.clock = clock;
        else {
          this.error(
            'invalid-clock',
            node.id,
            `lt:clock "${clock}" of ${node.id} must be "pause" or "restart".`,
            `Quy tắc tính thời hạn "${clock}" của ${node.id} phải là "pause" (tạm dừng) hoặc "restart" (tính lại từ đầu).`,
          );
        }
      }
      if (this.nodes[node.id]) {
        this.error(
          'duplicate-id',
          node.id,
          `Duplicate element id ${node.id}.`,
          `Trùng mã phần tử ${node.id}.`,
        );
        continue;
      }
      this.nodes[node.id] = node;
      if (node.kind === 'startEvent') starts.push(node.id);
      if (node.kind === 'boundaryEvent') (this.boundaries[node.attachedTo] ??= []).push(node.id);
    }
    for (const el of elements) if (el.$type === 'bpmn:SequenceFlow') this.compileFlow(el, scope);
    // Sub-processes are compiled after their own node exists so that scope ids resolve.
    for (const el of elements) {
      if (el.$type === 'bpmn:SubProcess' && this.nodes[String(el.id)]?.kind === 'subProcess') {
        const inner = this.compileScope(el, String(el.id));
        const node = this.nodes[String(el.id)];
        if (node?.kind === 'subProcess' && inner) node.startNode = inner;
      }
    }
    const where = scope ? `Sub-process ${scope}` : 'The process';
    const whereVi = scope ? `Quy trình con ${scope}` : 'Quy trình';
    if (starts.length !== 1) {
      this.error(
        'start-event-count',
        scope ?? (container.id as string),
        `${where} must have exactly one none start event (found ${starts.length}).`,
        `${whereVi} phải có đúng một sự kiện bắt đầu (hiện có ${starts.length}).`,
      );
      return null;
    }
    return starts[0] as string;
  }

  private compileNode(el: El, scope: string | null): GraphNode | null {
    const id = str(el.id);
    if (ARTIFACTS.has(el.$type)) return null;
    if (!id) {
      this.error(
        'missing-id',
        null,
        `A ${typeName(el)} has no id.`,
        `Một phần tử ${typeName(el)} không có mã (id).`,
      );
      return null;
    }
    const base = { id, name: str(el['name']), scope, incoming: [] as string[], outgoing: [] as string[] };
    const defs = list(el['eventDefinitions']);
    const loop = el['loopCharacteristics'] as El | undefined;
    if (loop && !['bpmn:UserTask', 'bpmn:ServiceTask'].includes(el.$type)) {
      this.unsupported(el, `loop characteristics on a ${typeName(el)}`);
      return null;
    }
    switch (el.$type) {
      case 'bpmn:StartEvent':
        if (defs.length > 0) return this.unsupported(el, `a ${typeName(defs[0] as El)} start event`);
        return { ...base, kind: 'startEvent' };
      case 'bpmn:EndEvent': {
        if (defs.length === 0) return { ...base, kind: 'endEvent', result: 'none' };
        const def = defs[0] as El;
        if (defs.length > 1) return this.unsupported(el, 'an end event with several event definitions');
        if (def.$type === 'bpmn:TerminateEventDefinition')
          return { ...base, kind: 'endEvent', result: 'terminate' };
        if (def.$type === 'bpmn:ErrorEventDefinition') {
          const error = def['errorRef'] as El | undefined;
          const errorCode = str(error?.['errorCode']);
          if (!errorCode) {
            this.error(
              'error-code-missing',
              id,
              `Error end event ${label(el)} must reference a bpmn:error with an errorCode.`,
              `Sự kiện kết thúc lỗi ${label(el)} phải tham chiếu một lỗi có errorCode.`,
            );
          }
          return { ...base, kind: 'endEvent', result: 'error', errorCode, errorName: str(error?.['name']) };
        }
        return this.unsupported(el, `a ${typeName(def)} end event`);
      }
      case 'bpmn:Task':
      case 'bpmn:ManualTask':
        return { ...base, kind: 'passThrough', element: typeName(el) };
      case 'bpmn:IntermediateThrowEvent':
        if (defs.length > 0) return this.unsupported(el, `a ${typeName(defs[0] as El)} throw event`);
        return { ...base, kind: 'passThrough', element: typeName(el) };
      case 'bpmn:UserTask': {
        const step = this.stepProps(el, true);
        return { ...base, ...step, kind: 'userTask', form: this.form(el) };
      }
      case 'bpmn:ServiceTask': {
        const step = this.stepProps(el, true);
        const topic = str(el['topic']);
        if (!topic) {
          this.error(
            'topic-missing',
            id,
            `Service task ${label(el)} has no lt:topic: agency systems fetch its work by topic.`,
            `Tác vụ dịch vụ ${label(el)} chưa có chủ đề (lt:topic) để hệ thống của cơ quan nhận việc.`,
          );
        }
        const retries = typeof el['retries'] === 'number' ? (el['retries'] as number) : 3;
        return { ...base, ...step, kind: 'serviceTask', topic: topic ?? '', retries };
      }
      case 'bpmn:ReceiveTask': {
        const step = this.stepProps(el, false);
        return {
          ...base,
          ...step,
          kind: 'receiveTask',
          messageName: this.messageName(el, el['messageRef'] as El | undefined),
        };
      }
      case 'bpmn:IntermediateCatchEvent': {
        if (defs.length !== 1)
          return this.unsupported(el, 'a catch event without exactly one event definition');
        const def = defs[0] as El;
        if (def.$type === 'bpmn:MessageEventDefinition') {
          return {
            ...base,
            kind: 'messageCatch',
            messageName: this.messageName(el, def['messageRef'] as El | undefined),
          };
        }
        if (def.$type === 'bpmn:TimerEventDefinition') {
          const timer = this.timer(el, def);
          return timer ? { ...base, kind: 'timerCatch', timer } : null;
        }
        return this.unsupported(el, `a ${typeName(def)} catch event`);
      }
      case 'bpmn:ExclusiveGateway':
      case 'bpmn:InclusiveGateway':
      case 'bpmn:ParallelGateway': {
        const kind =
          el.$type === 'bpmn:ExclusiveGateway'
            ? 'exclusiveGateway'
            : el.$type === 'bpmn:InclusiveGateway'
              ? 'inclusiveGateway'
              : 'parallelGateway';
        const defaultFlow = str((el['default'] as El | undefined)?.id);
        return { ...base, kind, defaultFlow };
      }
      case 'bpmn:SubProcess': {
        if (el['triggeredByEvent'] === true) return this.unsupported(el, 'an event sub-process');
        const step = this.stepProps(el, false);
        return { ...base, ...step, kind: 'subProcess', startNode: '' };
      }
      case 'bpmn:CallActivity': {
        const step = this.stepProps(el, false);
        const calledElement = str(el['calledElement']);
        if (!calledElement) {
          this.error(
            'called-element-missing',
            id,
            `Call activity ${label(el)} has no calledElement (the key of the procedure it calls).`,
            `Hoạt động gọi ${label(el)} chưa chỉ định quy trình được gọi (calledElement).`,
          );
        }
        const ext = list((el['extensionElements'] as El | undefined)?.['values']);
        const inputs = this.mappings(
          el,
          ext.filter((x) => x.$type === 'lt:In'),
        );
        const outputs = this.mappings(
          el,
          ext.filter((x) => x.$type === 'lt:Out'),
        );
        return {
          ...base,
          ...step,
          kind: 'callActivity',
          calledElement: calledElement ?? '',
          inputs,
          outputs,
          passAllIn: inputs.length === 0,
          passAllOut: outputs.length === 0,
        };
      }
      case 'bpmn:BoundaryEvent': {
        const host = str((el['attachedToRef'] as El | undefined)?.id);
        if (!host) {
          this.error(
            'boundary-unattached',
            id,
            `Boundary event ${label(el)} is not attached to an activity.`,
            `Sự kiện biên ${label(el)} chưa gắn vào hoạt động nào.`,
          );
          return null;
        }
        if (defs.length !== 1)
          return this.unsupported(el, 'a boundary event without exactly one event definition');
        const def = defs[0] as El;
        const cancelActivity = el['cancelActivity'] !== false;
        let trigger: BoundaryTrigger;
        if (def.$type === 'bpmn:TimerEventDefinition') {
          const timer = this.timer(el, def);
          if (!timer) return null;
          trigger = { kind: 'timer', timer };
        } else if (def.$type === 'bpmn:ErrorEventDefinition') {
          if (!cancelActivity) return this.unsupported(el, 'a non-interrupting error boundary event');
          trigger = { kind: 'error', errorCode: str((def['errorRef'] as El | undefined)?.['errorCode']) };
        } else if (def.$type === 'bpmn:MessageEventDefinition') {
          trigger = {
            kind: 'message',
            messageName: this.messageName(el, def['messageRef'] as El | undefined),
          };
        } else {
          return this.unsupported(el, `a ${typeName(def)} boundary event`);
        }
        return { ...base, kind: 'boundaryEvent', attachedTo: host, cancelActivity, trigger };
      }
      default:
        return this.unsupported(el, `a ${typeName(el)}`);
    }
  }

  private unsupported(el: El, what: string): null {
    this.error(
      'unsupported-element',
      el.id ?? null,
      `${el.id ?? 'An element'} is ${what}, which this engine does not execute.`,
      `${el.id ?? 'Phần tử'}: loại phần tử này (${what}) chưa được hỗ trợ.`,
    );
    return null;
  }

  private stepProps(el: El, unitRequired: boolean): StepProps {
    const id = String(el.id);
    const props: StepProps = {};
    const unit = str(el['unit']);
    if (unit) props.unit = this.valueSource(id, unit, 'lt:unit');
    else if (unitRequired) {
      this.error(
        'unit-missing',
        id,
        `${typeName(el)} ${label(el)} has no responsible unit (lt:unit).`,
        `Bước ${label(el)} chưa có đơn vị xử lý (lt:unit).`,
      );
    }
    const role = str(el['candidateRole']);
    if (role) {
      if (!CANDIDATE_ROLES.includes(role)) {
        this.error(
          'invalid-role',
          id,
          `lt:candidateRole "${role}" of ${label(el)} is not one of ${CANDIDATE_ROLES.join(', ')}.`,
          `Vai trò "${role}" của ${label(el)} không hợp lệ (${CANDIDATE_ROLES.join(', ')}).`,
        );
      }
      props.candidateRole = role;
    }
    const allotted = str(el['allottedTime']);
    if (allotted) {
      if (!isWorkingDuration(allotted)) {
        this.error(
          'invalid-duration',
          id,
          `lt:allottedTime "${allotted}" of ${label(el)} is not a working duration such as "2d", "4h" or "1d4h".`,
          `Thời gian xử lý "${allotted}" của ${label(el)} không đúng định dạng (ví dụ "2d", "4h", "1d4h").`,
        );
      }
      props.allottedTime = allotted;
    }
    const loop = el['loopCharacteristics'] as El | undefined;
    if (loop) {
      const mi = this.multiInstance(el, loop);
      if (mi) props.multiInstance = mi;
    }
    return props;
  }

  private valueSource(elementId: string, raw: string, attribute: string): ValueSource {
    if (!raw.startsWith('=')) return { kind: 'literal', value: raw };
    const expression = this.feel(elementId, raw, attribute);
    return { kind: 'feel', expression };
  }

  /** Checks a FEEL expression and returns it without the leading `=`. */
  private feel(elementId: string, raw: string, what: string): string {
    const expression = stripFeelPrefix(raw);
    const problem = feelSyntaxError(expression);
    if (problem) {
      this.error(
        'invalid-expression',
        elementId,
        `${what} of ${elementId} is not a valid FEEL expression (${problem}): ${raw}`,
        `Biểu thức ${what} của ${elementId} không hợp lệ (${problem}): ${raw}`,
      );
    }
    return expression;
  }

  private multiInstance(el: El, loop: El): MultiInstance | null {
    const id = String(el.id);
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.unsupported(el, 'a standard loop');
      return null;
    }
    const collection = str(loop['collection']);
    const cardinality = str((loop['loopCardinality'] as El | undefined)?.['body']);
    if (!collection && !cardinality) {
      this.error(
        'multi-instance-input',
        id,
        `Multi-instance ${label(el)} needs lt:collection or a loopCardinality.`,
        `Bước nhiều phiên bản ${label(el)} cần lt:collection hoặc loopCardinality.`,
      );
      return null;
    }
    const outputCollection = str(loop['outputCollection']);
    const outputElement = str(loop['outputElement']);
    if (Boolean(outputCollection) !== Boolean(outputElement)) {
      this.error(
        'multi-instance-output',
        id,
        `Multi-instance ${label(el)} needs both lt:outputCollection and lt:outputElement, or neither.`,
        `Bước nhiều phiên bản ${label(el)} cần khai báo đồng thời lt:outputCollection và lt:outputElement.`,
      );
    }
    const completion = str((loop['completionCondition'] as El | undefined)?.['body']);
    return {
      sequential: loop['isSequential'] === true,
      collection: collection ? this.feel(id, collection, 'lt:collection') : undefined,
      cardinality: cardinality ? this.feel(id, cardinality, 'loopCardinality') : undefined,
      elementVariable: str(loop['elementVariable']),
      outputCollection,
      outputElement: outputElement ? this.feel(id, outputElement, 'lt:outputElement') : undefined,
      completionCondition: completion ? this.feel(id, completion, 'completionCondition') : undefined,
    };
  }

  private form(el: El): FormField[] {
    const id = String(el.id);
    const ext = list((el['extensionElements'] as El | undefined)?.['values']);
    const fields: FormField[] = [];
    for (const form of ext.filter((x) => x.$type === 'lt:Form')) {
      for (const f of list(form['fields'])) {
        const fieldId = str(f['id']);
        const type = (str(f['type']) ?? 'string') as FormFieldType;
        if (!fieldId || !/^[A-Za-z_]\w*$/.test(fieldId)) {
          this.error(
            'form-field-id',
            id,
            `A form field of ${label(el)} has an invalid id "${fieldId ?? ''}" (a variable name is expected).`,
            `Trường biểu mẫu của ${label(el)} có mã không hợp lệ "${fieldId ?? ''}".`,
          );
          continue;
        }
        if (!FORM_FIELD_TYPES.includes(type)) {
          this.error(
            'form-field-type',
            id,
            `Form field ${fieldId} of ${label(el)} has unknown type "${type}".`,
            `Trường ${fieldId} của ${label(el)} có kiểu không hợp lệ "${type}".`,
          );
          continue;
        }
        const field: FormField = {
          id: fieldId,
          label: str(f['label']) ?? fieldId,
          type,
          required: f['required'] === true,
        };
        if (type === 'enum') {
          field.options = (str(f['options']) ?? '')
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean);
          if (field.options.length === 0) {
            this.error(
              'form-field-options',
              id,
              `Enum field ${fieldId} of ${label(el)} lists no options.`,
              `Trường lựa chọn ${fieldId} của ${label(el)} chưa có giá trị nào.`,
            );
          }
        }
        fields.push(field);
      }
    }
    return fields;
  }

  private mappings(el: El, items: El[]): VariableMapping[] {
    const id = String(el.id);
    const out: VariableMapping[] = [];
    for (const item of items) {
      const source = str(item['source']);
      const target = str(item['target']);
      if (!source || !target || !/^[A-Za-z_]\w*$/.test(target)) {
        this.error(
          'variable-mapping',
          id,
          `A variable mapping of ${label(el)} needs a source expression and a target variable name.`,
          `Ánh xạ biến của ${label(el)} cần biểu thức nguồn và tên biến đích.`,
        );
        continue;
      }
      out.push({ source: this.feel(id, source, 'mapping source'), target });
    }
    return out;
  }

  private messageName(el: El, message: El | undefined): string {
    const name = str(message?.['name']);
    if (!name) {
      this.error(
        'message-missing',
        String(el.id),
        `${typeName(el)} ${label(el)} must reference a bpmn:message with a name.`,
        `${label(el)} phải tham chiếu một thông điệp (bpmn:message) có tên.`,
      );
      return '';
    }
    this.messages.add(name);
    return name;
  }

  private timer(el: El, def: El): TimerDefinition | null {
    const id = String(el.id);
    const pick = (prop: string) => str((def[prop] as El | undefined)?.['body']);
    const duration = pick('timeDuration');
    const date = pick('timeDate');
    const cycle = pick('timeCycle');
    const given = [duration, date, cycle].filter(Boolean).length;
    if (given !== 1) {
      this.error(
        'timer-definition',
        id,
        `Timer ${label(el)} must have exactly one of timeDuration, timeDate or timeCycle.`,
        `Bộ hẹn giờ ${label(el)} phải có đúng một trong timeDuration, timeDate, timeCycle.`,
      );
      return null;
    }
    const check = (value: string, ok: boolean, kind: string): void => {
      if (value.startsWith('=')) {
        this.feel(id, value, kind);
      } else if (!ok) {
        this.error(
          'invalid-timer',
          id,
          `Timer ${label(el)}: "${value}" is not a valid ISO 8601 ${kind}.`,
          `Bộ hẹn giờ ${label(el)}: "${value}" không phải ${kind} ISO 8601 hợp lệ.`,
        );
      }
    };
    if (duration) {
      if (!duration.startsWith('=') && parseIsoDuration(duration) === null && isWorkingDuration(duration)) {
        return { kind: 'duration', expression: duration, working: true };
      }
      check(duration, parseIsoDuration(duration) !== null, 'duration');
      return { kind: 'duration', expression: duration };
    }
    if (date) {
      check(date, parseIsoDate(date) !== null, 'date');
      return { kind: 'date', expression: date };
    }
    const c = cycle as string;
    check(c, parseIsoCycle(c) !== null, 'cycle');
    return { kind: 'cycle', expression: c };
  }

  private compileFlow(el: El, scope: string | null): void {
    const id = str(el.id);
    if (!id) {
      this.error('missing-id', null, 'A sequence flow has no id.', 'Một luồng tuần tự không có mã (id).');
      return;
    }
    const source = str((el['sourceRef'] as El | undefined)?.id);
    const target = str((el['targetRef'] as El | undefined)?.id);
    if (!source || !target || !this.nodes[source] || !this.nodes[target]) {
      const missing = !source
        ? 'source'
        : !target
          ? 'target'
          : !this.nodes[source]
            ? `source ${source}`
            : `target ${target}`;
      this.error(
        'flow-endpoint',
        id,
        `Sequence flow ${id} has a missing or unknown ${missing}.`,
        `Luồng ${id} thiếu hoặc sai điểm ${missing.startsWith('source') ? 'nguồn' : 'đích'}.`,
      );
      return;
    }
    const sourceNode = this.nodes[source] as GraphNode;
    const targetNode = this.nodes[target] as GraphNode;
    if (sourceNode.scope !== scope || targetNode.scope !== scope) {
      this.error(
        'flow-scope',
        id,
        `Sequence flow ${id} crosses a sub-process boundary.`,
        `Luồng ${id} vượt qua ranh giới quy trình con.`,
      );
      return;
    }
    const rawCondition = str((el['conditionExpression'] as El | undefined)?.['body']);
    const flow: SequenceFlow = { id, name: str(el['name']), source, target };
    if (rawCondition) flow.condition = this.feel(id, rawCondition, 'condition');
    this.flows[id] = flow;
    sourceNode.outgoing.push(id);
    targetNode.incoming.push(id);
  }

  private checkBoundaryHost(hostId: string): void {
    const host = this.nodes[hostId] as GraphNode;
    for (const bId of this.boundaries[hostId] ?? []) {
      const b = this.nodes[bId];
      if (b?.kind !== 'boundaryEvent') continue;
      const hostOk = ['userTask', 'serviceTask', 'receiveTask', 'subProcess', 'callActivity'].includes(
        host.kind,
      );
      if (!hostOk) {
        this.error(
          'boundary-host',
          bId,
          `Boundary event ${bId} is attached to ${hostId}, which is not a task, sub-process or call activity.`,
          `Sự kiện biên ${bId} phải gắn vào một bước, quy trình con hoặc hoạt động gọi.`,
        );
      } else if (
        b.trigger.kind === 'error' &&
        !['serviceTask', 'subProcess', 'callActivity'].includes(host.kind)
      ) {
        this.error(
          'boundary-host',
          bId,
          `Error boundary event ${bId} can only catch errors of a service task, sub-process or call activity.`,
          `Sự kiện lỗi ${bId} chỉ bắt được lỗi của tác vụ dịch vụ, quy trình con hoặc hoạt động gọi.`,
        );
      }
    }
  }

  private checkConnectivity(): void {
    for (const node of Object.values(this.nodes)) {
      const label = node.name ? `${node.id} ("${node.name}")` : node.id;
      if (node.kind === 'boundaryEvent') {
        if (node.incoming.length > 0) {
          this.error(
            'boundary-incoming',
            node.id,
            `Boundary event ${label} cannot have incoming flows.`,
            `Sự kiện biên ${label} không được có luồng vào.`,
          );
        }
        if (node.outgoing.length === 0) {
          this.error(
            'no-outgoing',
            node.id,
            `Boundary event ${label} has no outgoing flow.`,
            `Sự kiện biên ${label} chưa có luồng ra.`,
          );
        }
        continue;
      }
      if (node.kind === 'startEvent') {
        if (node.incoming.length > 0) {
          this.error(
            'start-incoming',
            node.id,
            `Start event ${label} cannot have incoming flows.`,
            `Sự kiện bắt đầu ${label} không được có luồng vào.`,
          );
        }
        if (node.outgoing.length === 0) {
          this.error(
            'no-outgoing',
            node.id,
            `Start event ${label} has no outgoing flow.`,
            `Sự kiện bắt đầu ${label} chưa có luồng ra.`,
          );
        }
        continue;
      }
      if (node.incoming.length === 0) {
        this.error(
          'no-incoming',
          node.id,
          `${label} has no incoming flow and would never be reached.`,
          `${label} không có luồng vào nên sẽ không bao giờ được thực hiện.`,
        );
      }
      if (node.kind === 'endEvent') {
        if (node.outgoing.length > 0) {
          this.error(
            'end-outgoing',
            node.id,
            `End event ${label} cannot have outgoing flows.`,
            `Sự kiện kết thúc ${label} không được có luồng ra.`,
          );
        }
        continue;
      }
      if (node.outgoing.length === 0) {
        const isGateway = node.kind.endsWith('Gateway');
        (isGateway ? this.error.bind(this) : this.warn.bind(this))(
          'no-outgoing',
          node.id,
          isGateway
            ? `Gateway ${label} has no outgoing flow.`
            : `${label} has no outgoing flow: its path ends there.`,
          isGateway
            ? `Cổng ${label} chưa có luồng ra.`
            : `${label} không có luồng ra: nhánh kết thúc tại đây.`,
        );
      }
      if (
        node.kind === 'exclusiveGateway' ||
        node.kind === 'inclusiveGateway' ||
        node.kind === 'parallelGateway'
      ) {
        this.checkGateway(node.id);
      }
    }
  }

  private checkGateway(id: string): void {
    const node = this.nodes[id];
    if (
      !node ||
      (node.kind !== 'exclusiveGateway' &&
        node.kind !== 'inclusiveGateway' &&
        node.kind !== 'parallelGateway')
    )
      return;
    if (node.defaultFlow && !node.outgoing.includes(node.defaultFlow)) {
      this.error(
        'default-flow',
        id,
        `The default flow of gateway ${id} is not one of its outgoing flows.`,
        `Luồng mặc định của cổng ${id} không phải luồng ra của cổng.`,
      );
    }
    if (node.kind === 'parallelGateway') {
      for (const f of node.outgoing) {
        if (this.flows[f]?.condition) {
          this.warn(
            'ignored-condition',
            f,
            `The condition on ${f} is ignored: a parallel gateway takes every outgoing flow.`,
            `Điều kiện trên luồng ${f} bị bỏ qua vì cổng song song đi theo mọi nhánh.`,
          );
        }
      }
      return;
    }
    if (node.outgoing.length > 1) {
      for (const f of node.outgoing) {
        if (f !== node.defaultFlow && !this.flows[f]?.condition) {
          this.error(
            'condition-missing',
            f,
            `Flow ${f} leaving ${node.kind === 'exclusiveGateway' ? 'exclusive' : 'inclusive'} gateway ${id} needs a condition or must be the default flow.`,
            `Luồng ${f} ra khỏi cổng ${id} cần điều kiện hoặc phải là luồng mặc định.`,
          );
        }
      }
    }
  }

  /** Reverse reachability of each inclusive join within its scope (a boundary event counts from its host). */
  private inclusiveUpstream(): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const node of Object.values(this.nodes)) {
      if (node.kind !== 'inclusiveGateway' || node.incoming.length < 2) continue;
      const seen = new Set<string>();
      const queue = [node.id];
      while (queue.length > 0) {
        const current = this.nodes[queue.pop() as string] as GraphNode;
        const preds = current.incoming
          .map((f) => this.flows[f]?.source)
          .filter((s): s is string => Boolean(s));
        if (current.kind === 'boundaryEvent') preds.push(current.attachedTo);
        for (const p of preds) {
          if (!seen.has(p)) {
            seen.add(p);
            queue.push(p);
          }
        }
      }
      // Tokens waiting at the join itself never count as "still coming".
      seen.delete(node.id);
      result[node.id] = [...seen].sort();
    }
    return result;
  }
}

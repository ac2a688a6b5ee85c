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
import { stripFeelPrefix } from './feel.util';
import {
  ARTIFACTS,
  extensionValues,
  forgetSelection,
  isWorkingDuration,
  list,
  PROCESS_KEY,
  processSelection,
  str,
  type El,
} from './moddle.util';
import { parseIsoDuration } from './timer.util';

/**
 * Graph building only: turns the process that runs into the interpreter's `ProcessGraph`. It reports
 * nothing: what it cannot build it leaves out, and the rules (`rules/`) say why. Returns null when
 * there is no graph to build (no single executable process, an unusable process id, no start).
 */
export function buildGraph(definitions: El): ProcessGraph | null {
  const process = processSelection(definitions).selected;
  return process ? buildProcessGraph(process).graph : null;
}

/** The nodes, flows and boundaries built from one process, with its graph when it has one. */
export interface BuiltProcess {
  graph: ProcessGraph | null;
  nodes: Readonly<Record<string, GraphNode>>;
  flows: Readonly<Record<string, SequenceFlow>>;
  boundaries: Readonly<Record<string, string[]>>;
  /** The none start events found in each scope (the process: `null` key `''`, a sub-process: its id). */
  starts: Readonly<Record<string, string[]>>;
}

const built = new WeakMap<El, BuiltProcess>();

/**
 * Forgets what was built of the processes of a definitions tree, and which of them runs: for a tree that
 * changes after it was checked (the designer's, edited in place), before checking it again.
 */
export function forgetAnalysis(definitions: El): void {
  forgetSelection(definitions);
  for (const e of list(definitions['rootElements'])) if (e.$type === 'bpmn:Process') built.delete(e);
}

/** Builds (once per parsed process) its nodes and flows; the rules about flows read them too. */
export function buildProcessGraph(process: El): BuiltProcess {
  const cached = built.get(process);
  if (cached) return cached;
  const result = new GraphBuilder().build(process);
  built.set(process, result);
  return result;
}

const FORM_FIELD_TYPES: readonly string[] = ['string', 'text', 'number', 'boolean', 'date', 'enum'];
const FIELD_ID = /^[A-Za-z_]\w*$/;

/** Whether a timer event definition has exactly one of its three values (else it is not built). */
export function timerValues(def: El): { duration?: string; date?: string; cycle?: string; given: number } {
  const pick = (prop: string) => str((def[prop] as El | undefined)?.['body']);
  const values = { duration: pick('timeDuration'), date: pick('timeDate'), cycle: pick('timeCycle') };
  return { ...values, given: [values.duration, values.date, values.cycle].filter(Boolean).length };
}

class GraphBuilder {
  private readonly nodes: Record<string, GraphNode> = {};
  private readonly flows: Record<string, SequenceFlow> = {};
  private readonly boundaries: Record<string, string[]> = {};
  private readonly starts: Record<string, string[]> = {};
  private readonly messages = new Set<string>();

  build(process: El): BuiltProcess {
    const startNode = this.scope(process, null);
    const key = str(process.id);
    const parts = { nodes: this.nodes, flows: this.flows, boundaries: this.boundaries, starts: this.starts };
    if (!key || !PROCESS_KEY.test(key) || !startNode) return { graph: null, ...parts };
    const graph: ProcessGraph = {
      key,
      name: str(process['name']) ?? key,
      procedureCode: str(process['procedureCode']),
      legalTimeLimit: str(process['legalTimeLimit']),
      receivingUnit: str(process['receivingUnit']),
      cutoff: str(process['cutoff']),
      startNode,
      nodes: this.nodes,
      flows: this.flows,
      boundaries: this.boundaries,
      inclusiveJoinUpstream: this.inclusiveUpstream(),
      messages: [...this.messages].sort(),
    };
    return { graph, ...parts };
  }

  /** Builds the flow elements of a process or sub-process; returns its only none start event id. */
  private scope(container: El, scope: string | null): string | null {
    const elements = list(container['flowElements']);
    const starts: string[] = [];
    for (const el of elements) {
      if (el.$type === 'bpmn:SequenceFlow') continue;
      const node = this.node(el, scope);
      if (!node || this.nodes[node.id]) continue;
      const clock = str(el['clock']);
      if (clock === 'pause' || clock === 'restart') node.clock = clock;
      this.nodes[node.id] = node;
      if (node.kind === 'startEvent') starts.push(node.id);
      if (node.kind === 'boundaryEvent') (this.boundaries[node.attachedTo] ??= []).push(node.id);
    }
    this.starts[scope ?? ''] = starts;
    for (const el of elements) if (el.$type === 'bpmn:SequenceFlow') this.flow(el, scope);
    // Sub-processes are built after their own node exists so that scope ids resolve.
    for (const el of elements) {
      if (el.$type === 'bpmn:SubProcess' && this.nodes[String(el.id)]?.kind === 'subProcess') {
        const inner = this.scope(el, String(el.id));
        const node = this.nodes[String(el.id)];
        if (node?.kind === 'subProcess' && inner) node.startNode = inner;
      }
    }
    return starts.length === 1 ? (starts[0] as string) : null;
  }

  private node(el: El, scope: string | null): GraphNode | null {
    const id = str(el.id);
    if (ARTIFACTS.has(el.$type) || !id) return null;
    const base = { id, name: str(el['name']), scope, incoming: [] as string[], outgoing: [] as string[] };
    const defs = list(el['eventDefinitions']);
    const def = defs[0];
    if (el['loopCharacteristics'] && !['bpmn:UserTask', 'bpmn:ServiceTask'].includes(el.$type)) return null;
    switch (el.$type) {
      case 'bpmn:StartEvent':
        return defs.length > 0 ? null : { ...base, kind: 'startEvent' };
      case 'bpmn:EndEvent': {
        if (!def) return { ...base, kind: 'endEvent', result: 'none' };
        if (defs.length > 1) return null;
        if (def.$type === 'bpmn:TerminateEventDefinition')
          return { ...base, kind: 'endEvent', result: 'terminate' };
        if (def.$type !== 'bpmn:ErrorEventDefinition') return null;
        const error = def['errorRef'] as El | undefined;
        return {
          ...base,
          kind: 'endEvent',
          result: 'error',
          errorCode: str(error?.['errorCode']),
          errorName: str(error?.['name']),
        };
      }
      case 'bpmn:Task':
      case 'bpmn:ManualTask':
        return { ...base, kind: 'passThrough', element: el.$type.replace(/^bpmn:/, '') };
      case 'bpmn:IntermediateThrowEvent':
        return defs.length > 0 ? null : { ...base, kind: 'passThrough', element: 'IntermediateThrowEvent' };
      case 'bpmn:UserTask': {
        return { ...base, ...this.stepProps(el), kind: 'userTask', form: this.form(el) };
      }
      case 'bpmn:ServiceTask': {
        const step = this.stepProps(el);
        const retries = typeof el['retries'] === 'number' ? (el['retries'] as number) : 3;
        return { ...base, ...step, kind: 'serviceTask', topic: str(el['topic']) ?? '', retries };
      }
      case 'bpmn:ReceiveTask':
        return {
          ...base,
          ...this.stepProps(el),
          kind: 'receiveTask',
          messageName: this.messageName(el['messageRef'] as El | undefined),
        };
      case 'bpmn:IntermediateCatchEvent': {
        if (defs.length !== 1 || !def) return null;
        if (def.$type === 'bpmn:MessageEventDefinition') {
          return {
            ...base,
            kind: 'messageCatch',
            messageName: this.messageName(def['messageRef'] as El | undefined),
          };
        }
        if (def.$type !== 'bpmn:TimerEventDefinition') return null;
        const timer = this.timer(def);
        return timer ? { ...base, kind: 'timerCatch', timer } : null;
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
        return { ...base, kind, defaultFlow: str((el['default'] as El | undefined)?.id) };
      }
      case 'bpmn:SubProcess':
        if (el['triggeredByEvent'] === true) return null;
        return { ...base, ...this.stepProps(el), kind: 'subProcess', startNode: '' };
      case 'bpmn:CallActivity': {
        const ext = extensionValues(el);
        const inputs = this.mappings(ext.filter((x) => x.$type === 'lt:In'));
        const outputs = this.mappings(ext.filter((x) => x.$type === 'lt:Out'));
        return {
          ...base,
          ...this.stepProps(el),
          kind: 'callActivity',
          calledElement: str(el['calledElement']) ?? '',
          inputs,
          outputs,
          passAllIn: inputs.length === 0,
          passAllOut: outputs.length === 0,
        };
      }
      case 'bpmn:BoundaryEvent': {
        const host = str((el['attachedToRef'] as El | undefined)?.id);
        if (!host || defs.length !== 1 || !def) return null;
        const cancelActivity = el['cancelActivity'] !== false;
        let trigger: BoundaryTrigger;
        if (def.$type === 'bpmn:TimerEventDefinition') {
          const timer = this.timer(def);
          if (!timer) return null;
          trigger = { kind: 'timer', timer };
        } else if (def.$type === 'bpmn:ErrorEventDefinition') {
          if (!cancelActivity) return null;
          trigger = { kind: 'error', errorCode: str((def['errorRef'] as El | undefined)?.['errorCode']) };
        } else if (def.$type === 'bpmn:MessageEventDefinition') {
          trigger = { kind: 'message', messageName: this.messageName(def['messageRef'] as El | undefined) };
        } else return null;
        return { ...base, kind: 'boundaryEvent', attachedTo: host, cancelActivity, trigger };
      }
      default:
        return null;
    }
  }

  /** The step's attributes (a loop that is not a usable multi-instance one is left out). */
  private stepProps(el: El): StepProps {
    const props: StepProps = {};
    const unit = str(el['unit']);
    if (unit) props.unit = valueSource(unit);
    const role = str(el['candidateRole']);
    if (role) props.candidateRole = role;
    const allotted = str(el['allottedTime']);
    if (allotted) props.allottedTime = allotted;
    const loop = el['loopCharacteristics'] as El | undefined;
    if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
      const mi = multiInstance(loop);
      if (mi) props.multiInstance = mi;
    }
    return props;
  }

  private form(el: El): FormField[] {
    const fields: FormField[] = [];
    for (const form of extensionValues(el).filter((x) => x.$type === 'lt:Form')) {
      for (const f of list(form['fields'])) {
        const fieldId = str(f['id']);
        const type = (str(f['type']) ?? 'string') as FormFieldType;
        if (!fieldId || !FIELD_ID.test(fieldId) || !FORM_FIELD_TYPES.includes(type)) continue;
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
        }
        fields.push(field);
      }
    }
    return fields;
  }

  private mappings(items: El[]): VariableMapping[] {
    const out: VariableMapping[] = [];
    for (const item of items) {
      const source = str(item['source']);
      const target = str(item['target']);
      if (source && target && FIELD_ID.test(target)) out.push({ source: stripFeelPrefix(source), target });
    }
    return out;
  }

  private messageName(message: El | undefined): string {
    const name = str(message?.['name']);
    if (!name) return '';
    this.messages.add(name);
    return name;
  }

  private timer(def: El): TimerDefinition | null {
    const { duration, date, cycle, given } = timerValues(def);
    if (given !== 1) return null;
    if (duration) {
      if (!duration.startsWith('=') && parseIsoDuration(duration) === null && isWorkingDuration(duration)) {
        return { kind: 'duration', expression: duration, working: true };
      }
      return { kind: 'duration', expression: duration };
    }
    if (date) return { kind: 'date', expression: date };
    return { kind: 'cycle', expression: cycle as string };
  }

  private flow(el: El, scope: string | null): void {
    const id = str(el.id);
    const source = str((el['sourceRef'] as El | undefined)?.id);
    const target = str((el['targetRef'] as El | undefined)?.id);
    if (!id || !source || !target) return;
    const sourceNode = this.nodes[source];
    const targetNode = this.nodes[target];
    if (!sourceNode || !targetNode || sourceNode.scope !== scope || targetNode.scope !== scope) return;
    const rawCondition = str((el['conditionExpression'] as El | undefined)?.['body']);
    const flow: SequenceFlow = { id, name: str(el['name']), source, target };
    if (rawCondition) flow.condition = stripFeelPrefix(rawCondition);
    this.flows[id] = flow;
    sourceNode.outgoing.push(id);
    targetNode.incoming.push(id);
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

function valueSource(raw: string): ValueSource {
  return raw.startsWith('=')
    ? { kind: 'feel', expression: stripFeelPrefix(raw) }
    : { kind: 'literal', value: raw };
}

function multiInstance(loop: El): MultiInstance | null {
  const collection = str(loop['collection']);
  const cardinality = str((loop['loopCardinality'] as El | undefined)?.['body']);
  if (!collection && !cardinality) return null;
  const outputElement = str(loop['outputElement']);
  const completion = str((loop['completionCondition'] as El | undefined)?.['body']);
  return {
    sequential: loop['isSequential'] === true,
    collection: collection ? stripFeelPrefix(collection) : undefined,
    cardinality: cardinality ? stripFeelPrefix(cardinality) : undefined,
    elementVariable: str(loop['elementVariable']),
    outputCollection: str(loop['outputCollection']),
    outputElement: outputElement ? stripFeelPrefix(outputElement) : undefined,
    completionCondition: completion ? stripFeelPrefix(completion) : undefined,
  };
}

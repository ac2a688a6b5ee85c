import { parseWorkingDuration } from '@lienthong/calendar';
import type { ModdleElement } from 'bpmn-moddle';

/**
 * Small helpers over moddle elements shared by the rules and the graph builder. Pure: no Node, no
 * ambient state beyond caches keyed by the (immutable) parsed elements.
 */
export type El = ModdleElement;

/** bpmnlint-utils' `is`: the element is of the type or a subtype (`bpmn:` is the default prefix). */
export function is(node: El | undefined, type: string): boolean {
  if (!node) return false;
  const name = type.includes(':') ? type : `bpmn:${type}`;
  return typeof node.$instanceOf === 'function' ? node.$instanceOf(name) : node.$type === name;
}

export function list(value: unknown): El[] {
  return Array.isArray(value) ? (value as El[]) : [];
}

/** A trimmed, non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `id ("name")` when the element has a name, else its id. */
export function label(el: El): string {
  const name = str(el['name']);
  return name ? `${el.id} ("${name}")` : String(el.id);
}

export function typeName(el: El): string {
  return el.$type.replace(/^bpmn:/, '');
}

export function isWorkingDuration(text: string): boolean {
  try {
    parseWorkingDuration(text);
    return true;
  } catch {
    return false;
  }
}

export function extensionValues(el: El): El[] {
  return list((el['extensionElements'] as El | undefined)?.['values']);
}

/** A process id usable as a definition key. */
export const PROCESS_KEY = /^[A-Za-z_][\w.-]{0,99}$/;

/** Elements that carry no execution semantics and are ignored. */
export const ARTIFACTS: ReadonlySet<string> = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

/** Step kinds that take lt:unit, lt:candidateRole and lt:allottedTime. */
export const STEP_TYPES: readonly string[] = [
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ReceiveTask',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
];

export function rootOf(node: El): El {
  let current = node;
  while (current.$parent) current = current.$parent;
  return current;
}

/** The process an element belongs to (itself for a process), or undefined. */
export function processOf(node: El): El | undefined {
  for (let current: El | undefined = node; current; current = current.$parent) {
    if (current.$type === 'bpmn:Process') return current;
  }
  return undefined;
}

export interface ProcessSelection {
  processes: El[];
  executable: El[];
  /** The process the engine runs: the only one marked isExecutable="true"; undefined otherwise. */
  selected: El | undefined;
  /**
   * The processes whose content is checked: the selected one; else the executable ones (several);
   * else every process (none is marked executable: any could be the one meant).
   */
  checked: El[];
}

const selections = new WeakMap<El, ProcessSelection>();

/**
 * Which process of a document runs, Camunda's rule: a process is executable only when it says
 * `isExecutable="true"`; the others (a collaboration's other pools, documentation) are ignored, and
 * exactly one executable process is required.
 */
export function processSelection(definitions: El): ProcessSelection {
  const cached = selections.get(definitions);
  if (cached) return cached;
  const processes = list(definitions['rootElements']).filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p['isExecutable'] === true);
  const selection: ProcessSelection = {
    processes,
    executable,
    selected: executable.length === 1 ? executable[0] : undefined,
    checked: executable.length > 0 ? executable : processes,
  };
  selections.set(definitions, selection);
  return selection;
}

/** Forgets the selection of a definitions tree (it changed since: see `forgetAnalysis`). */
export function forgetSelection(definitions: El): void {
  selections.delete(definitions);
}

/** Whether the rules look at this element: it is outside any process, or in a checked one. */
export function isChecked(node: El): boolean {
  const process = processOf(node);
  return !process || processSelection(rootOf(process)).checked.includes(process);
}

/**
 * Whether a flow element is one the engine builds into its graph: it sits directly in a process or in
 * a (plain, non-looping, identified) embedded sub-process that is itself in scope.
 */
export function inBuiltScope(el: El): boolean {
  if (!is(el, 'bpmn:FlowElement') || ARTIFACTS.has(el.$type)) return false;
  const parent = el.$parent;
  if (!parent) return false;
  if (parent.$type === 'bpmn:Process') return true;
  return (
    parent.$type === 'bpmn:SubProcess' &&
    parent['triggeredByEvent'] !== true &&
    !parent['loopCharacteristics'] &&
    str(parent.id) !== undefined &&
    inBuiltScope(parent)
  );
}

/** Flow nodes (not sequence flows) the engine builds, with an id. */
export function isBuiltNode(el: El): boolean {
  return inBuiltScope(el) && el.$type !== 'bpmn:SequenceFlow' && str(el.id) !== undefined;
}

/** The only event definition of an event, or undefined when it has none or several. */
export function onlyEventDefinition(el: El): El | undefined {
  const defs = list(el['eventDefinitions']);
  return defs.length === 1 ? defs[0] : undefined;
}

/** The id of the activity a boundary event is attached to. */
export function boundaryHost(el: El): string | undefined {
  return str((el['attachedToRef'] as El | undefined)?.id);
}

/**
 * The executable graph of one BPMN process: what `compile()` produces from XML and what the
 * engine core interprets. Plain JSON data (no moddle objects), so it can be cached, stored and
 * sent to the browser.
 */

import type { FormFieldDto, FormFieldType } from '@lienthong/contracts';

/** A FEEL expression (without the leading `=`) or a literal string value. */
export type ValueSource = { kind: 'literal'; value: string } | { kind: 'feel'; expression: string };

export type { FormFieldType };

/** A field of a user task's form (`<lt:formField>`): the API's shape, defined in `@lienthong/contracts`. */
export type FormField = FormFieldDto;

export type TimerDefinition =
  /** `working: true` for our working-time syntax (`2d`, `4h`), counted on the working-day calendar. */
  | { kind: 'duration'; expression: string; working?: boolean }
  | { kind: 'date'; expression: string }
  | { kind: 'cycle'; expression: string };

export interface MultiInstance {
  sequential: boolean;
  /** FEEL expression giving the list to iterate over. */
  collection?: string;
  /** FEEL expression giving the number of instances (used when no collection). */
  cardinality?: string;
  elementVariable?: string;
  outputCollection?: string;
  /** FEEL expression over the instance's variables, collected into `outputCollection`. */
  outputElement?: string;
  /** FEEL expression; when true the remaining instances are cancelled. */
  completionCondition?: string;
}

export interface VariableMapping {
  /** FEEL expression evaluated in the source scope. */
  source: string;
  /** Variable name in the target scope. */
  target: string;
}

/**
 * How a step affects the dossier's legal clock: `pause` stops it while the step is active (the
 * applicant fulfils a financial obligation); `restart` starts the time limit again from zero when
 * the step completes (the supplemented dossier has arrived).
 */
export type ClockRule = 'pause' | 'restart';

interface NodeBase {
  id: string;
  name?: string;
  clock?: ClockRule;
  /** Id of the enclosing sub-process, or null at process level. */
  scope: string | null;
  incoming: string[];
  outgoing: string[];
}

/** What a step (a task-like activity) carries for the one-stop domain. */
export interface StepProps {
  /** Unit code, or a FEEL expression evaluated when the step starts. */
  unit?: ValueSource;
  candidateRole?: string;
  /** Allotted working time, e.g. `0.5d`, `4h`, `1d4h` (parsed by the deadlines module). */
  allottedTime?: string;
  multiInstance?: MultiInstance;
}

export interface StartEventNode extends NodeBase {
  kind: 'startEvent';
}
export interface EndEventNode extends NodeBase {
  kind: 'endEvent';
  result: 'none' | 'terminate' | 'error';
  errorCode?: string;
  errorName?: string;
}
export interface PassThroughNode extends NodeBase {
  /** A plain `bpmn:Task`, `bpmn:ManualTask` or a none intermediate throw event: passed through at once. */
  kind: 'passThrough';
  element: string;
}
export interface UserTaskNode extends NodeBase, StepProps {
  kind: 'userTask';
  form: FormField[];
}
export interface ServiceTaskNode extends NodeBase, StepProps {
  kind: 'serviceTask';
  topic: string;
  retries: number;
}
export interface ReceiveTaskNode extends NodeBase, StepProps {
  kind: 'receiveTask';
  messageName: string;
}
export interface MessageCatchNode extends NodeBase {
  kind: 'messageCatch';
  messageName: string;
}
export interface TimerCatchNode extends NodeBase {
  kind: 'timerCatch';
  timer: TimerDefinition;
}
export interface GatewayNode extends NodeBase {
  kind: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway';
  defaultFlow?: string;
}
export interface SubProcessNode extends NodeBase, StepProps {
  kind: 'subProcess';
  startNode: string;
}
export interface CallActivityNode extends NodeBase, StepProps {
  kind: 'callActivity';
  calledElement: string;
  inputs: VariableMapping[];
  outputs: VariableMapping[];
  /** When no `lt:in` is given, all variables are passed in; likewise out. */
  passAllIn: boolean;
  passAllOut: boolean;
}
export type BoundaryTrigger =
  | { kind: 'timer'; timer: TimerDefinition }
  | { kind: 'error'; errorCode?: string }
  | { kind: 'message'; messageName: string };

export interface BoundaryEventNode extends NodeBase {
  kind: 'boundaryEvent';
  attachedTo: string;
  cancelActivity: boolean;
  trigger: BoundaryTrigger;
}

export type GraphNode =
  | StartEventNode
  | EndEventNode
  | PassThroughNode
  | UserTaskNode
  | ServiceTaskNode
  | ReceiveTaskNode
  | MessageCatchNode
  | TimerCatchNode
  | GatewayNode
  | SubProcessNode
  | CallActivityNode
  | BoundaryEventNode;

export type NodeKind = GraphNode['kind'];

/** Nodes at which a token waits for something from outside. */
export type ActivityNode =
  UserTaskNode | ServiceTaskNode | ReceiveTaskNode | SubProcessNode | CallActivityNode;

export interface SequenceFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
  /** FEEL expression (leading `=` removed); absent for an unconditional flow. */
  condition?: string;
}

export interface ProcessGraph {
  /** The process id: the definition key. */
  key: string;
  name: string;
  procedureCode?: string;
  legalTimeLimit?: string;
  /** Unit code of the one-stop desk that receives dossiers (used for the dossier code). */
  receivingUnit?: string;
  /** Receipt after this time of day (`HH:MM`) or in the `last-office-hour` counts from the next working day. */
  cutoff?: string;
  /** The none start event of the process level. */
  startNode: string;
  nodes: Record<string, GraphNode>;
  flows: Record<string, SequenceFlow>;
  /** Boundary event ids by the id of the activity they are attached to. */
  boundaries: Record<string, string[]>;
  /** For each inclusive gateway with several incoming flows: the node ids from which it can be reached. */
  inclusiveJoinUpstream: Record<string, string[]>;
  /** Message names this process waits for. */
  messages: string[];
}

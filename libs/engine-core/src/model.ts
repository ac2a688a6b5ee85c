import type { FormField } from '@lienthong/bpmn';
import type { JsonValue } from '@lienthong/contracts';

/** JSON values only: variables are stored as jsonb and sent over the API (`JsonValue` of the contracts). */
export type Json = JsonValue;
export type Variables = Record<string, Json>;

export const ROOT_SCOPE = 'root';

/** What a token is waiting for at its node. */
export type Wait =
  | { kind: 'task'; taskId: string; taskKind: 'user' | 'external'; unit: string | null }
  | { kind: 'message'; name: string }
  | { kind: 'timer'; jobId: string }
  | { kind: 'scope'; scopeId: string }
  | { kind: 'call'; callId: string }
  | { kind: 'multiInstance'; bodyId: string }
  | { kind: 'join' };

export interface BoundaryJob {
  jobId: string;
  boundaryId: string;
  /** Remaining repetitions of a cycle timer (null: unbounded; 0: none left). */
  remaining: number | null;
}

export interface Token {
  id: string;
  nodeId: string;
  /** ROOT_SCOPE or the id of a sub-process scope instance. */
  scopeId: string;
  /** The sequence flow this token arrived by (joins count arrivals per flow). */
  viaFlow?: string;
  wait?: Wait;
  /** Timers of boundary events attached to the activity this token is in. */
  boundaryJobs?: BoundaryJob[];
  /** Local variables (multi-instance element variable and loop counter). */
  locals?: Variables;
  /** Set on the inner tokens of a multi-instance activity. */
  loop?: { bodyId: string; index: number };
}

export interface ScopeInstance {
  id: string;
  /** The sub-process node. */
  nodeId: string;
  /** The token waiting at the sub-process node in the enclosing scope. */
  parentTokenId: string;
}

export interface MultiInstanceBody {
  id: string;
  nodeId: string;
  /** The token waiting at the activity (boundary events attach to it). */
  tokenId: string;
  items: Json[];
  sequential: boolean;
  started: number;
  completed: number;
  outputs: Json[];
}

export interface InstanceState {
  status: 'active' | 'completed' | 'cancelled' | 'stopped';
  variables: Variables;
  tokens: Record<string, Token>;
  scopes: Record<string, ScopeInstance>;
  bodies: Record<string, MultiInstanceBody>;
  /** How the instance ended. */
  result?: {
    endEventId?: string;
    terminated?: boolean;
    errorCode?: string;
    reason?: string;
    /** A stop (`stop`): the legal basis given with the reason. */
    basis?: string;
  };
}

export interface TaskSpec {
  taskId: string;
  tokenId: string;
  nodeId: string;
  name?: string;
  kind: 'user' | 'external';
  unit: string | null;
  candidateRole?: string;
  allottedTime?: string;
  form: FormField[];
  topic?: string;
  retries?: number;
  /** For multi-instance steps: which instance of how many. */
  loop?: { index: number; total: number };
  /** Variables local to this task (multi-instance element variable). */
  locals?: Variables;
}

export type HistoryEventType =
  | 'instance.started'
  | 'instance.completed'
  | 'instance.cancelled'
  /** The agency stopped handling the dossier (dừng giải quyết: status 8 "stopped"). */
  | 'instance.stopped'
  | 'node.entered'
  | 'node.completed'
  | 'node.cancelled'
  | 'flow.taken'
  | 'task.created'
  | 'task.completed'
  | 'task.cancelled'
  | 'message.correlated'
  | 'timer.fired'
  | 'error.thrown'
  | 'error.uncaught'
  | 'variables.updated'
  /** A leader moved the dossier back from a step to an earlier one (`sendBack`). */
  | 'task.sentBack'
  /** The one-stop supplement request (hướng dẫn bổ sung một lần) and the complete dossier's arrival. */
  | 'supplement.requested'
  | 'supplement.received';

export interface HistoryEvent {
  type: HistoryEventType;
  nodeId?: string;
  tokenId?: string;
  taskId?: string;
  flowId?: string;
  data?: Variables;
}

export type Effect =
  | { type: 'taskCreated'; task: TaskSpec }
  | { type: 'taskEnded'; taskId: string; outcome: 'completed' | 'cancelled'; variables?: Variables }
  | {
      type: 'jobScheduled';
      jobId: string;
      dueAt: string;
      tokenId: string;
      nodeId: string;
      purpose: 'timer' | 'boundaryTimer';
    }
  | { type: 'jobCancelled'; jobId: string }
  | {
      type: 'callStarted';
      callId: string;
      tokenId: string;
      nodeId: string;
      calledElement: string;
      variables: Variables;
    }
  | { type: 'callCancelled'; callId: string }
  | { type: 'messageAwaited'; name: string; tokenId: string; nodeId: string }
  | { type: 'history'; event: HistoryEvent }
  /** The dossier's legal clock: a step with `lt:clock` started (pause) or ended (resume, restart). */
  | { type: 'clock'; action: 'pause' | 'resume' | 'restart'; nodeId: string; tokenId: string }
  | {
      type: 'instanceEnded';
      status: 'completed' | 'cancelled' | 'stopped';
      endEventId?: string;
      errorCode?: string;
      /** Variables handed to a calling process (for call activities). */
      variables: Variables;
    };

export type Command =
  | { type: 'start'; variables?: Variables }
  | { type: 'completeTask'; taskId: string; variables?: Variables }
  | { type: 'throwError'; taskId: string; errorCode: string; errorMessage?: string; variables?: Variables }
  | { type: 'correlateMessage'; name: string; variables?: Variables }
  | { type: 'fireJob'; jobId: string }
  | { type: 'completeCall'; callId: string; variables?: Variables }
  | { type: 'failCall'; callId: string; errorCode: string }
  | { type: 'cancel'; reason?: string }
  /**
   * The competent agency stops handling the dossier (Thông báo dừng giải quyết hồ sơ, e.g. not
   * supplemented within 15 working days, Decree 297/2025): like `cancel`, every open step ends, but the
   * dossier ends `stopped`, with the reason and its legal basis.
   */
  | { type: 'stop'; reason: string; basis?: string }
  /**
   * A leader sends the dossier back from an open user task to an earlier user task of the same scope
   * (Camunda 7's instance modification: cancel the activity, start before another): see
   * `behaviours/send-back.ts` for which targets are allowed.
   */
  | { type: 'sendBack'; taskId: string; targetNodeId: string; reason: string };

export interface StepContext {
  now: Date;
  /** Unique id source (UUIDs in the engine, a counter in specs): the core itself has no randomness. */
  newId: () => string;
  /** Working-time arithmetic for timers written in working time (`2d`, `4h`). */
  calendar?: { addWorkingTime(from: Date, minutes: number): Date };
  /**
   * The unit that holds a step addressed to `code` today (a merged unit's steps go to its successor),
   * applied to the unit of every user and service task the command creates. None: the code as written.
   */
  resolveUnit?: (code: string) => string;
}

export interface StepResult {
  state: InstanceState;
  effects: Effect[];
  /** For correlateMessage: whether a waiting token took the message. */
  correlated?: boolean;
}

export type EngineErrorCode =
  | 'instance-not-active'
  | 'task-not-active'
  | 'call-not-active'
  | 'error-not-caught'
  | 'no-outgoing-flow'
  | 'expression-failed'
  | 'invalid-variables'
  | 'already-started'
  | 'send-back-refused';

/** A command that cannot be applied to this instance in its current state; nothing changed. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly elementId?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

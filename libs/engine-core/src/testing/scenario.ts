import { readFileSync } from 'node:fs';
import { compileBpmn, type ProcessGraph } from '@lienthong/bpmn';
import { step } from '../interpreter';
import type { Command, Effect, InstanceState, StepContext, StepResult, TaskSpec, Variables } from '../model';

/**
 * Drives one process instance through the pure interpreter the way the engine does, keeping the
 * open tasks, jobs and calls that the effects describe. Time only moves when a spec says so.
 */
export class Scenario {
  state: InstanceState | null = null;
  now = new Date('2026-03-02T01:00:00Z');
  readonly tasks = new Map<string, TaskSpec>();
  readonly jobs = new Map<string, { dueAt: string; nodeId: string }>();
  readonly calls = new Map<string, { calledElement: string; variables: Variables; nodeId: string }>();
  readonly effects: Effect[] = [];
  private seq = 0;

  constructor(readonly graph: ProcessGraph) {}

  static async of(xml: string): Promise<Scenario> {
    return new Scenario(await compileBpmn(xml));
  }

  /** A scenario of the BPMN file at `path` (a spec's fixture beside it: `join(__dirname, 'x.bpmn')`). */
  static fromFile(path: string): Promise<Scenario> {
    return Scenario.of(readFileSync(path, 'utf8'));
  }

  /** Working-time arithmetic handed to the interpreter (none by default). */
  calendar: StepContext['calendar'];

  /** The merged-unit redirect handed to the interpreter (none by default). */
  resolveUnit: StepContext['resolveUnit'];

  /** Called after every command the interpreter accepted, with the instant it ran at (replay recordings). */
  onStep: ((command: Command, at: Date, result: StepResult) => void) | undefined;

  run(command: Command): this {
    const result = step(this.graph, this.state, command, {
      now: this.now,
      newId: () => `id${++this.seq}`,
      calendar: this.calendar,
      resolveUnit: this.resolveUnit,
    });
    this.onStep?.(command, this.now, result);
    this.state = result.state;
    this.lastCorrelated = result.correlated;
    for (const e of result.effects) {
      this.effects.push(e);
      if (e.type === 'taskCreated') this.tasks.set(e.task.taskId, e.task);
      if (e.type === 'taskEnded') this.tasks.delete(e.taskId);
      if (e.type === 'jobScheduled') this.jobs.set(e.jobId, { dueAt: e.dueAt, nodeId: e.nodeId });
      if (e.type === 'jobCancelled') this.jobs.delete(e.jobId);
      if (e.type === 'callStarted')
        this.calls.set(e.callId, {
          calledElement: e.calledElement,
          variables: e.variables,
          nodeId: e.nodeId,
        });
      if (e.type === 'callCancelled') this.calls.delete(e.callId);
    }
    return this;
  }

  lastCorrelated: boolean | undefined;

  start(variables: Variables = {}): this {
    return this.run({ type: 'start', variables });
  }

  /** Open tasks, by node id (sorted for stable assertions). */
  openTasks(): string[] {
    return [...this.tasks.values()].map((t) => t.nodeId).sort();
  }

  task(nodeId: string): TaskSpec {
    const task = [...this.tasks.values()].find((t) => t.nodeId === nodeId);
    if (!task) throw new Error(`No open task at ${nodeId}; open: ${this.openTasks().join(', ')}`);
    return task;
  }

  complete(nodeId: string, variables: Variables = {}): this {
    return this.run({ type: 'completeTask', taskId: this.task(nodeId).taskId, variables });
  }

  /** Moves the clock to the earliest due job and fires it. */
  fireNextJob(): this {
    const [jobId, job] =
      [...this.jobs.entries()].sort((a, b) => a[1].dueAt.localeCompare(b[1].dueAt))[0] ?? [];
    if (!jobId || !job) throw new Error('No job scheduled');
    this.now = new Date(job.dueAt);
    this.jobs.delete(jobId);
    return this.run({ type: 'fireJob', jobId });
  }

  message(name: string, variables: Variables = {}): this {
    return this.run({ type: 'correlateMessage', name, variables });
  }

  get status(): InstanceState['status'] | undefined {
    return this.state?.status;
  }

  get variables(): Variables {
    return this.state?.variables ?? {};
  }

  /** Node ids of history events of one type, in order. */
  history(type: string): string[] {
    return this.effects.flatMap((e) =>
      e.type === 'history' && e.event.type === type && e.event.nodeId ? [e.event.nodeId] : [],
    );
  }
}

import type { StepResult } from '@lienthong/engine-core';
import type { AuditRecord } from '../audit/audit-writer';
import type { DeadlineUpdate, TaskDeadline } from './deadlines';
import { buildWrite, forgetWriteTexts, type WriteTarget } from './dossier-write';

const NOW = new Date('2026-12-03T09:00:00.000Z');
const RUNNING: Omit<TaskDeadline, 'outcome' | 'workedMinutes'> = {
  clock: 'running',
  dueAt: '2026-12-08T10:00:00.000Z',
  dueSoonAt: '2026-12-08T03:42:00.000Z',
  deadlineStatus: 'on_track',
};

interface Completion {
  /** Steps the command ends (each one created earlier). */
  readonly ended: number;
  /** Timers the command schedules. */
  readonly timers?: number;
  /** The dossier ends with the step. */
  readonly dossierEnds?: boolean;
  readonly audited?: boolean;
}

/** A completion like the bench's: ended steps, a step created at another unit, history, maybe a timer. */
function completion(seed: string, shape: Completion): Parameters<typeof buildWrite> {
  const id = (n: number) => `00000000-0000-4000-8000-${seed.padStart(8, '0')}${String(n).padStart(4, '0')}`;
  const endedIds = Array.from({ length: shape.ended }, (_, i) => id(10 + i));
  const next = id(1);
  const result: StepResult = {
    state: {
      status: shape.dossierEnds ? 'completed' : 'active',
      variables: { parcel: { sheet: 1, number: Number(seed), area: 120 } },
      tokens: {},
      scopes: {},
      bodies: {},
    } as unknown as StepResult['state'],
    effects: [
      ...endedIds.map((taskId) => ({
        type: 'taskEnded' as const,
        taskId,
        outcome: 'completed' as const,
        variables: { result: `eligible-${seed}` },
      })),
      { type: 'history', event: { type: 'task.completed', nodeId: 't_kiem_tra', taskId: endedIds[0] } },
      { type: 'history', event: { type: 'flow.taken', nodeId: 'gw', flowId: `f_${seed}` } },
      ...(shape.dossierEnds
        ? [{ type: 'instanceEnded' as const }]
        : [
            {
              type: 'taskCreated' as const,
              task: {
                taskId: next,
                tokenId: id(2),
                nodeId: 't_xac_nhan',
                name: `Xác nhận ${seed}`,
                kind: 'user' as const,
                unit: 'DTP-VPDK-CL',
                candidateRole: 'officer',
                allottedTime: '3d',
                form: [],
              },
            },
          ]),
      ...Array.from({ length: shape.timers ?? 0 }, (_, i) => ({
        type: 'jobScheduled' as const,
        jobId: id(30 + i),
        nodeId: 'timer',
        dueAt: '2026-12-05T01:00:00.000Z',
      })),
    ] as StepResult['effects'],
  };
  const deadline = {
    state: { dossier: { dueAt: '2026-12-21T10:00:00.000Z' }, tasks: {}, pausedBy: [], exempt: [] },
    dossier: { ...RUNNING, outcome: null },
    tasks: new Map<string, TaskDeadline>([
      ...endedIds.map((taskId): [string, TaskDeadline] => [
        taskId,
        { ...RUNNING, outcome: 'early', workedMinutes: 30 },
      ]),
      [next, { ...RUNNING, outcome: null, workedMinutes: null }],
    ]),
    events: [],
  } as unknown as DeadlineUpdate;
  const audit: AuditRecord | undefined = shape.audited
    ? {
        at: NOW,
        actorKind: 'user',
        actorId: `cv.${seed}`,
        unitCode: 'DTP-VPDK-CL',
        action: 'task.complete',
        method: 'POST',
        path: `/api/v1/tasks/${endedIds[0]}/complete`,
        targetType: 'task',
        targetId: endedIds[0] ?? null,
        dossierId: null,
        status: 200,
        outcome: 'success',
        ip: '127.0.0.1',
        requestId: `request-${seed}`,
        detail: null,
      }
    : undefined;
  const target: WriteTarget = { mode: 'update', id: id(0), revision: Number(seed) };
  return [target, result, NOW, `cv.${seed}`, deadline, '2026.1', audit];
}

describe('buildWrite', () => {
  beforeEach(() => forgetWriteTexts());

  it('gives commands of one shape the same text, kept once, and each its own parameters', () => {
    // given two completions of the same shape with different data
    const first = buildWrite(...completion('1', { ended: 1, audited: true }));
    forgetWriteTexts();
    const built = buildWrite(...completion('2', { ended: 1, audited: true }));

    // when the second is built again with the first's text kept
    forgetWriteTexts();
    buildWrite(...completion('1', { ended: 1, audited: true }));
    const again = buildWrite(...completion('2', { ended: 1, audited: true }));

    // then the freshly built texts are equal, the kept one is given (the same string), the parameters differ
    expect(built.text).toEqual(first.text);
    expect(again.text).toBe(first.text);
    expect(again.params).toEqual(built.params);
    expect(again.params).not.toEqual(first.params);
  });

  it.each<[string, Completion, Completion]>([
    ['one ended step or several', { ended: 1 }, { ended: 2 }],
    ['with the audit record or without', { ended: 1, audited: true }, { ended: 1 }],
    ['with a timer or without', { ended: 1, timers: 1 }, { ended: 1 }],
    ['the dossier ending or not', { ended: 1, dossierEnds: true }, { ended: 1 }],
  ])('gives commands of other shapes (%s) each its own text', (_, one, other) => {
    // given the text of one shape, kept
    const kept = buildWrite(...completion('1', one));

    // when a command of another shape is built, then the first shape's again
    const built = buildWrite(...completion('2', other));
    forgetWriteTexts();
    const fresh = buildWrite(...completion('2', other));
    const keptAgain = buildWrite(...completion('3', one));

    // then each has the text built for it, with a placeholder for every parameter
    expect(built.text).not.toEqual(kept.text);
    expect(built.text).toEqual(fresh.text);
    expect(keptAgain.text).toEqual(kept.text);
    for (const write of [kept, built]) {
      const placeholders = new Set(write.text.match(/\$\d+/g));
      expect(placeholders.size).toBe(write.params.length);
    }
  });
});

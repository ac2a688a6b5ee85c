/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { ltDescriptor } from '@lienthong/bpmn';
import { criticalPath, criticalPathSummary, legalDays, type FlowElementLike } from './critical-path';
import { mainProcess } from './deadline-overlay';

/** A process from a compact description: steps with allotted times, other nodes, flows `a>b`. */
function processOf(nodes: Record<string, string>, flows: string[], extra: FlowElementLike[] = []) {
  const elements: FlowElementLike[] = Object.entries(nodes).map(([id, spec]) => {
    const [type = 'userTask', time] = spec.split(':');
    const $type = `bpmn:${type.charAt(0).toUpperCase()}${type.slice(1)}`;
    return { $type, id, name: id, ...(time === undefined ? {} : { allottedTime: time }) };
  });
  const byId = new Map(elements.map((e) => [e.id, e]));
  flows.forEach((f, i) => {
    const [from = '', to = ''] = f.split('>');
    elements.push({
      $type: 'bpmn:SequenceFlow',
      id: `f${i}`,
      sourceRef: byId.get(from),
      targetRef: byId.get(to),
    } as FlowElementLike);
  });
  return { flowElements: [...elements, ...extra] };
}

describe('criticalPath', () => {
  it('adds up sequential steps in working days (0.5d, 4h = 0.5d, 2d)', () => {
    const p = processOf(
      { s: 'startEvent', a: 'userTask:0.5d', b: 'serviceTask:4h', c: 'userTask:2d', e: 'endEvent' },
      ['s>a', 'a>b', 'b>c', 'c>e'],
    );
    const result = criticalPath(p);
    expect(result.days).toBe(3);
    expect(result.path).toEqual(['s', 'a', 'b', 'c', 'e']);
    expect(result.missing).toEqual([]);
  });

  it('takes the longest of parallel branches, and of the alternatives of an exclusive gateway', () => {
    const p = processOf(
      {
        s: 'startEvent',
        fork: 'parallelGateway',
        tax: 'serviceTask:3d',
        print: 'userTask:1d',
        join: 'parallelGateway',
        gw: 'exclusiveGateway',
        refuse: 'userTask:0.5d',
        sign: 'userTask:2d',
        e1: 'endEvent',
        e2: 'endEvent',
      },
      [
        's>fork',
        'fork>tax',
        'fork>print',
        'tax>join',
        'print>join',
        'join>gw',
        'gw>refuse',
        'gw>sign',
        'refuse>e1',
        'sign>e2',
      ],
    );
    const result = criticalPath(p);
    expect(result.days).toBe(5);
    expect(result.path).toEqual(['s', 'fork', 'tax', 'join', 'gw', 'sign', 'e2']);
  });

  it('ignores loops (a dossier sent back), counts paused steps 0 and flags steps without a time', () => {
    const p = processOf(
      {
        s: 'startEvent',
        check: 'userTask:1d',
        gw: 'exclusiveGateway',
        more: 'userTask',
        pay: 'receiveTask',
        e: 'endEvent',
      },
      ['s>check', 'check>gw', 'gw>more', 'more>check', 'gw>pay', 'pay>e'],
    );
    const pay = p.flowElements.find((e) => e.id === 'pay');
    if (pay) Object.assign(pay, { clock: 'pause', allottedTime: '10d' });
    const result = criticalPath(p);
    expect(result.days).toBe(1);
    expect(result.missing).toEqual(['more']);
    expect(result.steps.find((s) => s.id === 'pay')?.paused).toBe(true);
  });

  it('needs no time of a step that restarts the legal time limit (the wait for a supplement)', () => {
    const p = processOf(
      { s: 'startEvent', check: 'userTask:3d', gw: 'exclusiveGateway', wait: 'receiveTask', e: 'endEvent' },
      ['s>check', 'check>gw', 'gw>wait', 'wait>check', 'gw>e'],
    );
    const wait = p.flowElements.find((e) => e.id === 'wait');
    if (wait) Object.assign(wait, { clock: 'restart' });
    const result = criticalPath(p);
    expect(result.missing).toEqual([]);
    expect(result.steps.find((s) => s.id === 'wait')).toMatchObject({ restarts: true, minutes: null });
    expect(result.days).toBe(3);
  });

  it('continues a boundary event from its host; an unreadable time counts as missing', () => {
    const p = processOf(
      {
        s: 'startEvent',
        a: 'userTask:1d',
        late: 'boundaryEvent',
        remind: 'userTask:3d',
        b: 'userTask:ba ngày',
        e: 'endEvent',
      },
      ['s>a', 'a>b', 'b>e', 'late>remind', 'remind>e'],
    );
    const late = p.flowElements.find((e) => e.id === 'late');
    if (late) late.attachedToRef = { id: 'a' };
    const result = criticalPath(p);
    expect(result.days).toBe(4);
    expect(result.path).toEqual(['s', 'a', 'late', 'remind', 'e']);
    expect(result.missing).toEqual(['b']);
  });

  it('says it in Vietnamese against the legal time limit', () => {
    expect(criticalPathSummary(11.5, legalDays('12d'))).toBe('đường dài nhất 11,5 / 12 ngày làm việc');
    expect(criticalPathSummary(2, legalDays(undefined))).toBe(
      'đường dài nhất 2 ngày làm việc (chưa có thời hạn giải quyết)',
    );
    expect(legalDays('4h')).toBe(0.5);
    expect(legalDays('P3D')).toBeNull();
  });
});

describe('the seeded procedures of processes/', () => {
  const processes = join(__dirname, '..', '..', '..', '..', '..', 'processes');
  const files = readdirSync(processes, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(processes, d.name))
        .filter((f) => f.endsWith('.bpmn'))
        .map((f) => `${d.name}/${f}`),
    );

  it.each(files)(
    '%s: every step that needs a time has one, the longest path within the legal limit',
    async (file) => {
      // given a procedure as the designer opens it
      const moddle = new BpmnModdle({ lt: ltDescriptor });
      const { rootElement } = await moddle.fromXML(readFileSync(join(processes, file), 'utf8'));
      const process = mainProcess(rootElement as Parameters<typeof mainProcess>[0]);
      if (!process) throw new Error(`${file} has no process`);

      // when the deadline view computes it
      const result = criticalPath(process);
      const limit = legalDays(process.legalTimeLimit);

      // then no step is flagged, and the longest path fits the legal time limit
      expect(result.steps.length).toBeGreaterThan(2);
      expect(result.missing).toEqual([]);
      expect(limit).not.toBeNull();
      expect(result.days).toBeGreaterThan(0);
      expect(result.days).toBeLessThanOrEqual(limit ?? 0);
    },
  );
});

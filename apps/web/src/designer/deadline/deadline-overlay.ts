import { MINUTES_PER_WORKING_DAY } from '@lienthong/calendar';
import {
  criticalPath,
  formatDays,
  isMissing,
  type CriticalPath,
  type FlowElementLike,
} from './critical-path';

interface Overlays {
  add(
    elementId: string,
    type: string,
    overlay: { position: Record<string, number>; html: HTMLElement },
  ): string;
  remove(filter: { type: string }): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}

const TYPE = 'lt-deadline';
const MARKER = 'lt-critical';

/** The process the view computes: the executable one (else the first) of the definitions. */
export function mainProcess(
  definitions: {
    rootElements?: Array<FlowElementLike & { isExecutable?: boolean; legalTimeLimit?: string }>;
  } | null,
) {
  const processes = (definitions?.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  return processes.find((p) => p.isExecutable) ?? processes[0];
}

/**
 * Shows each step's allotted time on it (or "chưa có thời gian"), and marks the critical path's
 * elements; `hide` removes all of it.
 */
export class DeadlineOverlay {
  private marked: string[] = [];

  constructor(
    private readonly overlays: Overlays,
    private readonly registry: ElementRegistry,
    private readonly canvas: Canvas,
  ) {}

  show(process: FlowElementLike): CriticalPath {
    this.hide();
    const result = criticalPath(process);
    for (const step of result.steps) {
      if (!this.registry.get(step.id)) continue;
      const badge = document.createElement('div');
      const missing = isMissing(step);
      badge.className = `lt-deadline-badge${missing ? ' lt-deadline-missing' : ''}${result.path.includes(step.id) ? ' lt-deadline-critical' : ''}`;
      badge.textContent = step.paused
        ? 'tạm dừng thời hạn'
        : step.restarts
          ? 'tính lại thời hạn'
          : missing
            ? 'chưa có thời gian'
            : `${formatDays((step.minutes ?? 0) / MINUTES_PER_WORKING_DAY)} ngày`;
      badge.setAttribute('data-element-id', step.id);
      this.overlays.add(step.id, TYPE, { position: { bottom: 8, left: -4 }, html: badge });
    }
    for (const id of result.path) {
      if (!this.registry.get(id)) continue;
      this.canvas.addMarker(id, MARKER);
      this.marked.push(id);
    }
    return result;
  }

  hide(): void {
    this.overlays.remove({ type: TYPE });
    for (const id of this.marked) if (this.registry.get(id)) this.canvas.removeMarker(id, MARKER);
    this.marked = [];
  }
}

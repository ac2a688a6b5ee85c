import type { HistoryEvent } from '@lienthong/engine-core';

/**
 * One event of a command's history row (`history.events`, migration 1764810000000), as stored: a
 * field without value is left out (the view `history_events` shows it as NULL).
 */
export interface HistoryEntryEvent {
  type: string;
  nodeId?: string;
  taskId?: string;
  data?: unknown;
}

/** The `events` of a command's history row, as JSON text for a `$n::jsonb` parameter. */
export function historyEvents(events: readonly HistoryEntryEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      type: e.type,
      nodeId: e.nodeId ?? undefined,
      taskId: e.taskId ?? undefined,
      data: e.data ?? undefined,
    })),
  );
}

/** The interpreter's events as stored (a flow taken keeps its flow id in the data). */
export function fromInterpreter(events: readonly HistoryEvent[]): HistoryEntryEvent[] {
  return events.map((h) => ({
    type: h.type,
    nodeId: h.nodeId,
    taskId: h.taskId,
    data: h.flowId ? { ...h.data, flowId: h.flowId } : h.data,
  }));
}

import type { DeadlineStatusDto } from './deadlines.dto';

/**
 * `POST /events/ticket`: a short-lived ticket that opens the live event stream
 * (`GET /events/stream?ticket=…`), since a browser's EventSource cannot send an Authorization header.
 */
export interface StreamTicketDto {
  ticket: string;
  /** When the ticket stops opening streams (an open stream stays open). */
  expiresAt: string;
}

/**
 * What happened to a step: it appeared, was claimed, given back or assigned, ended (completed, or
 * cancelled with its dossier or a boundary event), or the deadline sweep moved its deadline status.
 */
export type TaskEventType =
  'created' | 'claimed' | 'unclaimed' | 'assigned' | 'completed' | 'cancelled' | 'deadline';

/** One event of the live stream (`event: task`, `id:` the event's id, `data:` this as JSON). */
export interface TaskEventDto {
  /** Increasing (with gaps); the stream's `id:`, sent back as `Last-Event-ID` on reconnection. */
  id: string;
  type: TaskEventType;
  taskId: string;
  dossierId: string;
  /** The unit that holds the step. */
  unit: string;
  /** Who holds the step after the event (null: nobody). */
  assignee: string | null;
  /** `deadline` events: the new status (`due_soon`, `overdue`). */
  deadlineStatus: DeadlineStatusDto | null;
  at: string;
}

/** `GET /events/stream` query. */
export interface StreamQueryDto {
  /** From `POST /events/ticket`. */
  ticket?: string;
  /** The last event received (the `Last-Event-ID` header wins): the events missed since come first. */
  lastEventId?: string;
}

import type { WebhookDeliveryStatus, WebhookEvent as WebhookEventContract } from '@lienthong/contracts';

/**
 * The events an agency system may subscribe to (README, "Webhooks"). A dossier event goes to every unit
 * that may see the dossier (its receiving unit and the units that held or hold one of its steps); a step
 * event goes to the step's unit.
 */
export const WEBHOOK_EVENTS = [
  /** A step (user or external task) was created for the unit. */
  'task.created',
  /** The due-soon / overdue sweep marked one of the unit's open steps. */
  'task.deadline_changed',
  /** A dossier was received (or started as a sub-procedure of another): its receiving unit, the units of its first steps. */
  'dossier.created',
  /** The dossier's status changed (active to completed, cancelled or stopped). */
  'dossier.status_changed',
  /**
   * The dossier's deadline changed: the due-soon / overdue sweep marked it, or its due instant moved or
   * stopped (clock paused or resumed, a return date rescheduled, a calendar change), its status following.
   */
  'dossier.deadline_changed',
  /** The dossier ended (completed, cancelled or stopped: its result gives the reason). */
  'dossier.finished',
] as const satisfies readonly WebhookEventContract[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = [
  'pending',
  'delivered',
  'failed',
] as const satisfies readonly WebhookDeliveryStatus[];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The NOTIFY channel new deliveries wake the dispatchers on (see webhook-outbox.sql.ts). */
export const WEBHOOK_CHANNEL = 'lt_webhooks';

/** The dossier as a webhook payload shows it. */
export interface WebhookDossier {
  id: string;
  code: string;
  status: 'active' | 'completed' | 'cancelled' | 'stopped';
  receivingUnit: string;
  definitionKey: string;
  /** Dossier deadline events: the legal due instant (null while its clock is paused). */
  dueAt?: string | null;
  /** Dossier deadline events: the return date promised (ngày hẹn trả): the legal due or a rescheduled one. */
  appointmentAt?: string | null;
  /** Dossier deadline events: whether its clock runs. */
  clock?: 'none' | 'running' | 'paused';
}

/** What changed a dossier's deadline (`change` of dossier.deadline_changed). */
export type DeadlineChange =
  'due_soon' | 'overdue' | 'paused' | 'resumed' | 'restarted' | 'extended' | 'recomputed';

/** The deadline event kinds a command or a recomputation tells subscribers of (the sweep's are its own). */
export const DEADLINE_CHANGES_OF_COMMANDS: ReadonlySet<string> = new Set<DeadlineChange>([
  'paused',
  'resumed',
  'restarted',
  'extended',
  'recomputed',
]);

/** The step as a webhook payload shows it. */
export interface WebhookTask {
  id: string;
  nodeId: string;
  name: string | null;
  kind: 'user' | 'external';
  unit: string;
  topic: string | null;
  candidateRole: string | null;
  dueAt: string | null;
}

/** The JSON body of a delivery (`X-LT-Event` tells the event; `X-LT-Delivery` its id). */
export interface WebhookPayload {
  event: WebhookEvent;
  /** When the change took effect (engine time). */
  occurredAt: string;
  dossier: WebhookDossier;
  /** task.* events. */
  task?: WebhookTask;
  /** dossier.status_changed */
  previousStatus?: string;
  /** dossier.finished: how it ended (end event, reason of a cancellation…). */
  result?: Record<string, unknown> | null;
  /** *.deadline_changed: the status now and before (a dossier's may also go back to `on_track`). */
  deadlineStatus?: 'on_track' | 'due_soon' | 'overdue';
  previousDeadlineStatus?: string;
  /** dossier.deadline_changed: what changed it. */
  change?: DeadlineChange;
  /** dossier.deadline_changed (but for the sweep's): the legal due instant and the return date before. */
  previousDueAt?: string | null;
  previousAppointmentAt?: string | null;
  /** dossier.deadline_changed: why (a pause's reason, an extension's, the calendar decision…). */
  reason?: string | null;
}

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
  /** The dossier's status changed (active to completed or cancelled). */
  'dossier.status_changed',
  /** The due-soon / overdue sweep marked the dossier. */
  'dossier.deadline_changed',
  /** The dossier ended (completed or cancelled). */
  'dossier.finished',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The NOTIFY channel new deliveries wake the dispatchers on (see webhook-outbox.sql.ts). */
export const WEBHOOK_CHANNEL = 'lt_webhooks';

/** The dossier as a webhook payload shows it. */
export interface WebhookDossier {
  id: string;
  code: string;
  status: 'active' | 'completed' | 'cancelled';
  receivingUnit: string;
  definitionKey: string;
  /** Dossier deadline events: the legal due instant. */
  dueAt?: string | null;
}

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
  /** *.deadline_changed: `due_soon` or `overdue`, and the status before. */
  deadlineStatus?: 'due_soon' | 'overdue';
  previousDeadlineStatus?: string;
}

import type { PageQueryDto } from './page.dto';

export type WebhookEvent =
  | 'task.created'
  | 'task.deadline_changed'
  | 'dossier.created'
  | 'dossier.status_changed'
  | 'dossier.deadline_changed'
  | 'dossier.finished';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface CreateWebhookDto {
  /** http or https; answered 2xx within the timeout to count as delivered. */
  url: string;
  events: WebhookEvent[];
  /** The unit whose events are sent: required for an admin; an API key subscribes its own unit's. */
  unitCode?: string;
}

export interface WebhookDto {
  id: string;
  unitCode: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdBy: string;
  createdAt: string;
  deactivatedAt: string | null;
}

export interface CreatedWebhookDto extends WebhookDto {
  /** Signing secret (HMAC-SHA256 key of X-LT-Signature): shown this once. */
  secret: string;
}

export interface WebhookListQueryDto extends PageQueryDto {
  /** Admins: one unit's subscriptions. */
  unit?: string;
}

export interface WebhookDeliveryDto {
  /** Also sent as X-LT-Delivery: receivers skip ids already handled. */
  id: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt (null: no answer). */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  /** Pending deliveries: the next attempt. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** The JSON body sent. */
  payload: Record<string, unknown>;
}

export interface WebhookDeliveryListQueryDto extends PageQueryDto {
  status?: WebhookDeliveryStatus;
}

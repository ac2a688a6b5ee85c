import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

export type DomainEvent =
  | { type: 'dossier.created'; dossierId: string; code: string; definitionKey: string }
  | { type: 'dossier.updated'; dossierId: string; code: string }
  | { type: 'dossier.ended'; dossierId: string; code: string; status: 'completed' | 'cancelled' | 'stopped' }
  | {
      type: 'task.created';
      taskId: string;
      dossierId: string;
      unit: string | null;
      kind: 'user' | 'external';
      topic?: string;
    }
  | { type: 'task.ended'; taskId: string; dossierId: string; outcome: 'completed' | 'cancelled' }
  /** A token of the dossier now waits for a message of that name (a buffered one may be delivered). */
  | { type: 'message.awaited'; dossierId: string; name: string };

/**
 * The NOTIFY channel of external tasks that became free to fetch (created, unlocked, given retries):
 * payload the topic. Wakes the long-polling fetch-and-lock of every engine process, not only the one
 * whose command made the task (see ExternalTasksService).
 */
export const EXTERNAL_TASKS_CHANNEL = 'lt_external_tasks';

/** SQL: a NOTIFY on EXTERNAL_TASKS_CHANNEL for each topic of `from` (e.g. `FROM u`, where u has `topic`). */
export function externalTasksWakeSql(topic: string, from: string): string {
  return `SELECT pg_notify('${EXTERNAL_TASKS_CHANNEL}', ${topic}) ${from}`;
}

/**
 * Events of committed transactions, published in this process only (live inbox updates, waking
 * long-polling workers). Anything that must reach another system goes through an outbox table.
 */
@Injectable()
export class DomainEvents {
  private readonly subject = new Subject<DomainEvent>();

  get stream(): Observable<DomainEvent> {
    return this.subject.asObservable();
  }

  publish(events: DomainEvent[]): void {
    for (const e of events) this.subject.next(e);
  }
}

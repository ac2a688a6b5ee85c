import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

export type DomainEvent =
  | { type: 'dossier.created'; dossierId: string; code: string; definitionKey: string }
  | { type: 'dossier.updated'; dossierId: string; code: string }
  | { type: 'dossier.ended'; dossierId: string; code: string; status: 'completed' | 'cancelled' }
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

import { type DeadlineChange, WEBHOOK_CHANNEL, type WebhookEvent } from './webhook-events';

/**
 * SQL fragments that write webhook deliveries (the outbox) inside the statement that makes the change:
 * a command's write (runtime/dossier-write.ts) and the deadline sweep. They insert one row per matching
 * active subscription and nothing when none matches, so the change and its deliveries commit or roll
 * back together, and a refused change (a lost revision race, a rolled-back transaction) delivers nothing.
 *
 * Audience: a step event goes to the subscriptions of the step's unit; a dossier event to those of every
 * unit that may see the dossier (Authz.visibleDossiers: its receiving unit and the units that held or hold
 * one of its steps).
 */

/**
 * What an outbox insert returns: a NOTIFY per inserted row (one reaches the dispatchers at commit, the
 * duplicates are folded), so the dispatchers wake only when a statement inserted deliveries. Evaluated
 * even when the CTE is not read (a data-modifying CTE runs to completion). A statement trigger would
 * do the same but costs every command that creates a step, subscribers or not (about 20-30 µs a
 * statement in a micro-benchmark, as much as the insert itself).
 */
export const WAKE_DISPATCHERS = `RETURNING pg_notify('${WEBHOOK_CHANNEL}', '')`;

/** A timestamptz expression as ISO 8601 in UTC with milliseconds, as JavaScript writes it. */
export function isoSql(expression: string): string {
  return `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The payload's `dossier` object from a row (alias) with id, code, status, receiving_unit, definition_key
 * (and due_at, appointment_at, clock for a deadline event).
 */
export function dossierJsonSql(alias: string, withDeadline = false): string {
  return `jsonb_build_object('id', ${alias}.id, 'code', ${alias}.code, 'status', ${alias}.status,
            'receivingUnit', ${alias}.receiving_unit, 'definitionKey', ${alias}.definition_key${
              withDeadline
                ? `, 'dueAt', ${isoSql(`${alias}.due_at`)}, 'appointmentAt', ${isoSql(`${alias}.appointment_at`)},
                   'clock', ${alias}.clock`
                : ''
            })`;
}

/** The payload's `task` object from a tasks row (alias). */
export function taskJsonSql(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'nodeId', ${alias}.node_id, 'name', ${alias}.name, 'kind', ${alias}.kind,
            'unit', ${alias}.unit, 'topic', ${alias}.topic, 'candidateRole', ${alias}.candidate_role,
            'dueAt', ${isoSql(`${alias}.due_at`)})`;
}

/** Join condition: subscription `alias` is active and takes `event` (an SQL expression). */
export function subscribedSql(event: string, alias = 's'): string {
  return `${alias}.active AND ${event} = ANY(${alias}.events)`;
}

/**
 * Condition: subscription `s` belongs to a unit that may see dossier `alias` (id, receiving_unit).
 * A correlated lookup per subscription found (steps of the dossier by tasks_dossier_idx): never a pass
 * over every step, which a hashed `EXISTS … OR …` turned into.
 */
export function dossierAudienceSql(alias: string, extraUnits?: string): string {
  return `s.unit_code IN (SELECT ${alias}.receiving_unit
                            UNION ALL SELECT wt.unit FROM tasks wt WHERE wt.dossier_id = ${alias}.id${
                              extraUnits === undefined
                                ? ''
                                : `
                            UNION ALL SELECT unnest(${extraUnits})`
                            })`;
}

/** What a command's write tells subscribers about. */
export interface CommandOutbox {
  /** Steps the command created that are still open: `task.created` for their unit. */
  readonly tasks: ReadonlyArray<{
    id: string;
    node_id: string;
    name: string | null;
    kind: string;
    unit: string | null;
    topic: string | null;
    candidate_role: string | null;
    due_at: string | null;
    status: string;
  }>;
  /** The command created the dossier: `dossier.created`. */
  readonly created?: boolean;
  /** The dossier ended in this command: `dossier.status_changed` and `dossier.finished`. */
  readonly ended?: { result: Record<string, unknown> | null };
  /**
   * The command moved or stopped the dossier's own clock (paused, resumed, extended…):
   * `dossier.deadline_changed`. Only for a dossier that existed before the command.
   */
  readonly deadline?: { change: DeadlineChange; reason: string | null };
}

/**
 * The CTEs of a command's write (appended to the `WITH` of runtime/dossier-write.ts, which reads
 * `d`: the written dossier, RETURNING id, code, status, receiving_unit, definition_key). No CTE at all
 * when the command creates no open step and does not end the dossier; otherwise one indexed lookup of
 * the (few) subscriptions of the units concerned.
 */
export function commandOutboxCtes(
  outbox: CommandOutbox,
  occurredAt: string,
  param: (value: unknown) => string,
): string[] {
  const ctes: string[] = [];
  const open = outbox.tasks.filter((t) => t.status === 'active' && t.unit !== null);
  if (open.length === 0 && !outbox.created && outbox.ended === undefined && outbox.deadline === undefined)
    return ctes;
  const at = param(occurredAt);
  const base = (event: string) =>
    `jsonb_build_object('event', ${event}, 'occurredAt', ${at}::text, 'dossier', ${dossierJsonSql('d')})`;
  if (open.length > 0) {
    const rows = open.map((t) => ({
      unit: t.unit,
      task: {
        id: t.id,
        nodeId: t.node_id,
        name: t.name,
        kind: t.kind,
        unit: t.unit,
        topic: t.topic,
        candidateRole: t.candidate_role,
        dueAt: t.due_at === null ? null : new Date(t.due_at).toISOString(),
      },
    }));
    const event: WebhookEvent = 'task.created';
    ctes.push(
      `wh_task AS (INSERT INTO webhook_deliveries (subscription_id, event, payload)
         SELECT s.id, '${event}', ${base(`'${event}'`)} || jsonb_build_object('task', w.task)
           FROM d, jsonb_to_recordset(${param(JSON.stringify(rows))}::jsonb) AS w(unit text, task jsonb)
           JOIN webhook_subscriptions s ON s.unit_code = w.unit AND ${subscribedSql(`'${event}'`)}
         ${WAKE_DISPATCHERS})`,
    );
  }
  // Units of steps created by this very command are not in `tasks` yet (same statement).
  const units = () => [...new Set(outbox.tasks.map((t) => t.unit).filter((u): u is string => u !== null))];
  if (outbox.created) {
    const event: WebhookEvent = 'dossier.created';
    ctes.push(
      `wh_created AS (INSERT INTO webhook_deliveries (subscription_id, event, payload)
         SELECT s.id, '${event}', jsonb_build_object('event', '${event}', 'occurredAt', ${at}::text,
                  'dossier', ${dossierJsonSql('d', true)})
           FROM d JOIN webhook_subscriptions s ON ${subscribedSql(`'${event}'`)}
                AND ${dossierAudienceSql('d', `${param(units())}::text[]`)}
         ${WAKE_DISPATCHERS})`,
    );
  }
  if (outbox.deadline !== undefined && outbox.ended === undefined) {
    const event: WebhookEvent = 'dossier.deadline_changed';
    // `pd`: the dossier row as it was before this statement (every part of a statement sees the same snapshot).
    ctes.push(
      `wh_deadline AS (INSERT INTO webhook_deliveries (subscription_id, event, payload)
         SELECT s.id, '${event}', jsonb_build_object('event', '${event}', 'occurredAt', ${at}::text,
                  'dossier', ${dossierJsonSql('d', true)}, 'change', ${param(outbox.deadline.change)}::text,
                  'reason', ${param(outbox.deadline.reason)}::text, 'deadlineStatus', d.deadline_status,
                  'previousDeadlineStatus', pd.deadline_status, 'previousDueAt', ${isoSql('pd.due_at')},
                  'previousAppointmentAt', ${isoSql('pd.appointment_at')})
           FROM d JOIN dossiers pd ON pd.id = d.id
           JOIN webhook_subscriptions s ON ${subscribedSql(`'${event}'`)}
                AND ${dossierAudienceSql('d', `${param(units())}::text[]`)}
         ${WAKE_DISPATCHERS})`,
    );
  }
  if (outbox.ended !== undefined) {
    const statusChanged: WebhookEvent = 'dossier.status_changed';
    const finished: WebhookEvent = 'dossier.finished';
    ctes.push(
      `wh_end AS (INSERT INTO webhook_deliveries (subscription_id, event, payload)
         SELECT s.id, e.event, ${base('e.event')} || e.extra
           FROM d CROSS JOIN (VALUES ('${statusChanged}', jsonb_build_object('previousStatus', 'active')),
                                     ('${finished}', jsonb_build_object('result', ${param(JSON.stringify(outbox.ended.result))}::jsonb)))
                AS e(event, extra)
           JOIN webhook_subscriptions s ON ${subscribedSql('e.event')}
                AND ${dossierAudienceSql('d', `${param(units())}::text[]`)}
         ${WAKE_DISPATCHERS})`,
    );
  }
  return ctes;
}

/**
 * The CTE of a deadline sweep statement that marked steps (`x`: id, dossier_id, node_id, name, kind,
 * unit, topic, candidate_role, due_at, previous) at `$1`: `task.deadline_changed` for the step's unit.
 */
export function taskDeadlineOutboxCte(status: 'due_soon' | 'overdue'): string {
  const event: WebhookEvent = 'task.deadline_changed';
  return `wh AS (INSERT INTO webhook_deliveries (subscription_id, event, payload)
         SELECT s.id, '${event}', jsonb_build_object('event', '${event}', 'occurredAt', ${isoSql('$1::timestamptz')},
                  'deadlineStatus', '${status}', 'previousDeadlineStatus', x.previous,
                  'dossier', ${dossierJsonSql('wd')}, 'task', ${taskJsonSql('x')})
           FROM x JOIN webhook_subscriptions s ON s.unit_code = x.unit AND ${subscribedSql(`'${event}'`)}
           JOIN dossiers wd ON wd.id = x.dossier_id
         ${WAKE_DISPATCHERS})`;
}

/**
 * The CTE of a deadline sweep statement that marked dossiers (`x`: id, code, status, receiving_unit,
 * definition_key, due_at, appointment_at, clock, previous) at `$1`: `dossier.deadline_changed` for the units that may see it.
 */
export function dossierDeadlineOutboxCte(status: 'due_soon' | 'overdue'): string {
  const event: WebhookEvent = 'dossier.deadline_changed';
  return `wh AS (INSERT INTO webhook_deliveries (subscription_id, event, payload)
         SELECT s.id, '${event}', jsonb_build_object('event', '${event}', 'occurredAt', ${isoSql('$1::timestamptz')},
                  'change', '${status}', 'deadlineStatus', '${status}', 'previousDeadlineStatus', x.previous,
                  'dossier', ${dossierJsonSql('x', true)})
           FROM x JOIN webhook_subscriptions s ON ${subscribedSql(`'${event}'`)} AND ${dossierAudienceSql('x')}
         ${WAKE_DISPATCHERS})`;
}

/**
 * The CTE of a recomputation batch (deadlines/deadline-recomputer.service.ts) after a calendar change:
 * `dossier.deadline_changed` (change `recomputed`) for each dossier of `d` whose own due instant moved
 * (`d`: id, code, status, receiving_unit, definition_key, due_at, appointment_at, clock, deadline_status, moved,
 * previous_due; `pd`, the dossier row before the statement, gives the status before). `at` and `reason`
 * are SQL expressions. Skipped as a whole, by a one-time check, while nobody subscribes to the event.
 */
export function recomputedOutboxCte(at: string, reason: string): string {
  const event: WebhookEvent = 'dossier.deadline_changed';
  const change: DeadlineChange = 'recomputed';
  return `wh AS (INSERT INTO webhook_deliveries (subscription_id, event, payload)
         SELECT s.id, '${event}', jsonb_build_object('event', '${event}', 'occurredAt', ${isoSql(`${at}::timestamptz`)},
                  'dossier', ${dossierJsonSql('d', true)}, 'change', '${change}', 'reason', ${reason}::text,
                  'deadlineStatus', d.deadline_status, 'previousDeadlineStatus', pd.deadline_status,
                  'previousDueAt', ${isoSql('d.previous_due')}, 'previousAppointmentAt', ${isoSql('pd.appointment_at')})
           FROM d JOIN dossiers pd ON pd.id = d.id
           JOIN webhook_subscriptions s ON ${subscribedSql(`'${event}'`)} AND ${dossierAudienceSql('d')}
          WHERE d.moved AND EXISTS (SELECT 1 FROM webhook_subscriptions ws WHERE ${subscribedSql(`'${event}'`, 'ws')})
         ${WAKE_DISPATCHERS})`;
}

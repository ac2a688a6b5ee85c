import { Injectable } from '@nestjs/common';
import { notFound } from '../common/problem/problem.exception';
import type { SqlFilter } from '../common/sql/sql-filter.util';
import type { Sql } from '../database/db.service';
import { forbidden } from './auth.problems';
import { hasRole, type Principal } from './principal';
import {
  addVisibleDossiers,
  addVisibleTasks,
  unitHeldAStep,
  unitHoldsAnActiveStep,
} from './visibility.repository';

/** What the rules need of a step. */
export interface TaskFacts {
  readonly id: string;
  readonly kind: string;
  readonly unit: string | null;
  readonly candidate_role: string | null;
  readonly topic: string | null;
  readonly assignee?: string | null;
}

export type TaskAction = 'read' | 'claim' | 'complete';

/**
 * The authorization rules, in one place (README, "People, units and rights"). Enforced by the services,
 * not the UI: a refused action is a 403 problem and changes nothing. Things the principal may not even
 * see (another unit's dossier, another unit's step) answer 404, so that their existence does not leak.
 *
 * - A step is for its unit: a user task can be read, claimed and completed by the unit's people holding its
 *   candidate role (any officer or leader when it names none) or by its assignee; the unit's leaders see
 *   and reassign every step of the unit. External tasks are for the unit's agency systems (API keys, within
 *   their topics).
 * - A dossier is visible to its receiving unit and to the units that held or hold one of its steps.
 * - Reception of the receiving unit receives (starts), cancels and returns dossiers.
 */
@Injectable()
export class Authz {
  /** Adds to `filter` the steps the principal may see (its inbox): visibility.repository.ts has the conditions. */
  visibleTasks(principal: Principal, filter: SqlFilter, alias = 't'): void {
    addVisibleTasks(filter, principal, alias);
  }

  /** @throws 404 when the step is not the principal's to see, 403 when it may see but not do this */
  assertTask(principal: Principal, task: TaskFacts, action: TaskAction): void {
    if (task.unit !== principal.unit)
      throw notFound(task.kind === 'external' ? 'External task' : 'Task', task.id);
    if (task.kind === 'external') {
      if (principal.kind !== 'api_key') {
        if (action === 'read' && hasRole(principal, 'leader', 'officer')) return;
        throw forbidden(
          'External tasks are completed by the agency system of the unit (an API key).',
          'NOT_A_WORKER',
        );
      }
      if (principal.topics && (task.topic === null || !principal.topics.includes(task.topic))) {
        throw forbidden(`This API key may not work on topic "${task.topic}".`, 'TOPIC_NOT_ALLOWED');
      }
      return;
    }
    const assignee = task.assignee ?? null;
    const mine = assignee !== null && assignee === principal.name;
    const roleFits =
      task.candidate_role === null
        ? hasRole(principal, 'officer', 'leader')
        : principal.roles.some((r) => r === task.candidate_role);
    if (action === 'read') {
      if (mine || roleFits || hasRole(principal, 'leader')) return;
      throw notFound('Task', task.id);
    }
    if (!roleFits && !mine) {
      throw forbidden(
        `Step "${task.id}" is for the role ${task.candidate_role ?? 'officer'} of ${task.unit}.`,
        'ROLE_REQUIRED',
      );
    }
    if (assignee !== null && !mine) {
      throw forbidden(
        `The step is assigned to ${assignee}: ask a leader of the unit to reassign it.`,
        'ASSIGNED_TO_OTHER',
      );
    }
  }

  /** Leaders reassign within their unit. */
  assertCanAssign(principal: Principal, task: TaskFacts): void {
    if (task.unit !== principal.unit) throw notFound('Task', task.id);
    if (principal.kind !== 'user' || !hasRole(principal, 'leader')) {
      throw forbidden('Only a leader of the unit reassigns its steps.', 'ROLE_REQUIRED');
    }
    if (task.kind !== 'user')
      throw forbidden('External tasks are not assigned to people.', 'NOT_A_USER_TASK');
  }

  /** The dossiers the principal may see (on alias `d`), added to `filter`. */
  visibleDossiers(principal: Principal, filter: SqlFilter, alias = 'd'): void {
    addVisibleDossiers(filter, principal, alias);
  }

  /** @throws 404 unless the principal may see the dossier */
  async assertDossierVisible(
    sql: Sql,
    principal: Principal,
    dossier: { id: string; receiving_unit: string },
  ): Promise<void> {
    if (dossier.receiving_unit === principal.unit) return;
    if (!(await unitHeldAStep(sql, dossier.id, principal.unit))) throw notFound('Dossier', dossier.id);
  }

  /** Receiving (starting) a dossier: reception of the receiving unit. */
  assertCanReceive(principal: Principal, receivingUnit: string): void {
    if (!hasRole(principal, 'reception')) {
      throw forbidden(
        'Receiving dossiers needs the role reception (Tiếp nhận và trả kết quả).',
        'ROLE_REQUIRED',
      );
    }
    if (receivingUnit !== principal.unit) {
      throw forbidden(
        `Dossiers of ${receivingUnit} are received by its own desk, not by ${principal.unit}.`,
        'OTHER_UNIT',
      );
    }
  }

  /** Cancelling a dossier: reception or a leader of its receiving unit. */
  assertCanCancel(principal: Principal, dossier: { receiving_unit: string }): void {
    if (dossier.receiving_unit !== principal.unit || !hasRole(principal, 'reception', 'leader')) {
      throw forbidden(
        'Only the receiving desk (reception or its leader) cancels a dossier.',
        'ROLE_REQUIRED',
      );
    }
  }

  /**
   * Stopping a dossier (dừng giải quyết): the agency handling it decides, so a leader of the receiving
   * unit or of a unit holding one of its open steps (the lead agency's leader while it works on it).
   */
  async assertCanStop(
    sql: Sql,
    principal: Principal,
    dossier: { id: string; receiving_unit: string },
  ): Promise<void> {
    await this.assertCanActOnDossier(sql, principal, dossier);
    if (!hasRole(principal, 'leader')) {
      throw forbidden(
        'Only a leader of the receiving unit or of a unit handling the dossier stops it.',
        'ROLE_REQUIRED',
      );
    }
  }

  /**
   * Acting on a running dossier's deadline or sending it a message: the receiving unit, a unit holding one
   * of its active steps, or a unit named on a step waiting for the message (`waitingUnits`).
   */
  async assertCanActOnDossier(
    sql: Sql,
    principal: Principal,
    dossier: { id: string; receiving_unit: string },
    waitingUnits: readonly string[] = [],
  ): Promise<void> {
    if (dossier.receiving_unit === principal.unit || waitingUnits.includes(principal.unit)) return;
    if (await unitHoldsAnActiveStep(sql, dossier.id, principal.unit)) return;
    await this.assertDossierVisible(sql, principal, dossier);
    throw forbidden(`Unit ${principal.unit} holds no open step of dossier ${dossier.id}.`, 'OTHER_UNIT');
  }

  /** API keys may be limited to some message names. */
  assertMessageAllowed(principal: Principal, name: string): void {
    if (principal.kind === 'api_key' && principal.messageNames && !principal.messageNames.includes(name)) {
      throw forbidden(`This API key may not send the message "${name}".`, 'MESSAGE_NOT_ALLOWED');
    }
  }
}

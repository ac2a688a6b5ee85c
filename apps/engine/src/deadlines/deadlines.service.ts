import { Authz } from '../identity/authz.service';
import { actorOf, type Principal } from '../identity/principal';
import { Injectable } from '@nestjs/common';
import { formatWorkingDuration, MINUTES_PER_WORKING_DAY } from '@lienthong/calendar';
import type { ControlSheetDto, DeadlineEventDto, ExtensionDto } from '@lienthong/contracts';
import { conflict, notFound, unprocessable } from '../common/problem';
import { iso } from '../common/sql/sql-filter.util';
import { Db } from '../database/db.service';
import { DefinitionCache } from '../runtime/definition-cache';
import {
  applyDeadlineEffects,
  EMPTY_DEADLINES,
  manualClock,
  MANUAL_HOLDER,
  receiveSupplement,
  SUPPLEMENT_HOLDER,
} from '../runtime/deadlines';
import type { DossierRow } from '../runtime/dossier-row';
import { ProcessRuntime, type Respond } from '../runtime/process-runtime.service';
import { type EventRow, DeadlinesRepository } from './deadlines.repository';

/** Pauses, resumptions, extensions and the process control record of a dossier's legal deadline. */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly db: Db,
    private readonly deadlines: DeadlinesRepository,
    private readonly runtime: ProcessRuntime,
    private readonly cache: DefinitionCache,
    private readonly authz: Authz,
  ) {}

  /** An officer stops the clock for a period the law does not count (expert assessment, public posting…). */
  async pause<T>(idOrCode: string, reason: string, principal: Principal, respond: Respond<T>): Promise<T> {
    return this.runtime.updateDeadlines(
      (sql) => this.activeWithClock(sql, idOrCode, principal),
      (row, ctx) => {
        if (row.deadlines.pausedBy.includes(MANUAL_HOLDER)) {
          throw conflict(`The clock of dossier ${row.code} is already paused by an officer.`, {
            code: 'already-paused',
          });
        }
        const update = manualClock(row.deadlines, 'pause', ctx);
        return { deadline: withReason(update, reason) };
      },
      actorOf(principal),
      respond,
    ) as Promise<T>;
  }

  async resume<T>(idOrCode: string, reason: string, principal: Principal, respond: Respond<T>): Promise<T> {
    return this.runtime.updateDeadlines(
      (sql) => this.activeWithClock(sql, idOrCode, principal),
      (row, ctx) => {
        if (!row.deadlines.pausedBy.includes(MANUAL_HOLDER)) {
          const held = row.deadlines.pausedBy.includes(SUPPLEMENT_HOLDER)
            ? ' (it waits for the supplement asked of the applicant: record its arrival instead)'
            : row.deadlines.pausedBy.length > 0
              ? ' (a step of the procedure holds it; it resumes when that step ends)'
              : '';
          throw conflict(`The clock of dossier ${row.code} was not paused by an officer${held}.`, {
            code: 'not-paused',
          });
        }
        return { deadline: withReason(manualClock(row.deadlines, 'resume', ctx), reason) };
      },
      actorOf(principal),
      respond,
    ) as Promise<T>;
  }

  /**
   * The complete dossier arrived after a supplement request (TasksService.requestSupplement): the
   * request is answered, and the legal time limit restarts from zero now (Decree 61/2018 art. 19.4).
   */
  async supplementReceived<T>(
    idOrCode: string,
    note: string | undefined,
    principal: Principal,
    respond: Respond<T>,
  ): Promise<T> {
    const actor = actorOf(principal);
    return this.runtime.updateDeadlines(
      async (sql) => {
        const row = await this.runtime.loadDossier(sql, idOrCode);
        await this.authz.assertCanActOnDossier(sql, principal, row);
        if (row.status !== 'active') {
          throw conflict(`Dossier ${row.code} is ${row.status}: it waits for nothing any more.`, {
            code: 'dossier-finished',
          });
        }
        return row;
      },
      (row, ctx) => {
        const open = row.deadlines?.supplement;
        if (!open || open.receivedAt !== null) {
          throw conflict(`Dossier ${row.code} is not waiting for a supplement.`, {
            code: 'no-supplement-pending',
          });
        }
        const text = note?.trim() || null;
        return {
          deadline: receiveSupplement(
            row.deadlines ?? EMPTY_DEADLINES,
            { at: ctx.now.toISOString(), by: actor.id, note: text },
            ctx,
          ),
          history: [
            {
              type: 'supplement.received',
              nodeId: open.nodeId ?? undefined,
              taskId: open.taskId ?? undefined,
              data: { note: text, requestedAt: open.requestedAt },
            },
          ],
        };
      },
      actor,
      respond,
    ) as Promise<T>;
  }

  /**
   * The apology with a new return date (Phiếu xin lỗi và hẹn lại ngày trả kết quả): at least one
   * working day before the due instant, once per dossier; the dossier still counts as late.
   */
  async extend<T>(
    idOrCode: string,
    input: { newDueAt: string; reason: string; unit?: string },
    principal: Principal,
    respond: Respond<T>,
  ): Promise<T> {
    const actor = actorOf(principal);
    const newDue = new Date(input.newDueAt);
    return this.runtime.updateDeadlines(
      (sql) => this.activeWithClock(sql, idOrCode, principal),
      (row, { calendar, now }) => {
        const clock = row.deadlines.dossier;
        if (!clock) throw conflict(`Dossier ${row.code} has no legal time limit.`, { code: 'no-time-limit' });
        if (row.extended) {
          throw conflict(
            `Dossier ${row.code} has already been given a new return date: it can be rescheduled only once.`,
            {
              code: 'already-extended',
            },
          );
        }
        if (clock.base === null) {
          throw conflict(`The clock of dossier ${row.code} is paused: its return date is not running out.`, {
            code: 'clock-paused',
          });
        }
        const due = new Date(clock.dueAt);
        const left = calendar.workingMinutesBetween(now, due);
        if (left < MINUTES_PER_WORKING_DAY) {
          throw unprocessable(
            `The apology must be sent at least 1 working day before the due date (${clock.dueAt}); ${left <= 0 ? 'the due date has passed' : `only ${formatWorkingDuration(left)} of working time is left`}.`,
            [{ path: 'newDueAt', message: 'too late to reschedule' }],
            { code: 'extension-too-late' },
          );
        }
        if (!(newDue.getTime() > due.getTime())) {
          throw unprocessable(`The new return date must be after the current one (${clock.dueAt}).`, [
            { path: 'newDueAt', message: 'must be after the current due date' },
          ]);
        }
        const record: ExtensionDto = {
          requestedAt: now.toISOString(),
          previousDueAt: clock.dueAt,
          newDueAt: newDue.toISOString(),
          reason: input.reason,
          unit: input.unit ?? null,
          actor: actor.id,
        };
        const deadline = applyDeadlineEffects(row.deadlines, [], { calendar, now }, false);
        deadline.events.push({
          kind: 'extended',
          reason: input.reason,
          previousDueAt: clock.dueAt,
          newDueAt: record.newDueAt,
          data: { unit: record.unit },
        });
        return { deadline, extension: { record: { ...record }, newDueAt: record.newDueAt } };
      },
      actor,
      respond,
    ) as Promise<T>;
  }

  async events(idOrCode: string, principal: Principal): Promise<DeadlineEventDto[]> {
    const row = await this.runtime.loadDossier(this.db.query, idOrCode);
    await this.authz.assertDossierVisible(this.db.query, principal, row);
    const rows = await this.deadlines.events(row.id);
    return rows.map(toEvent);
  }

  /** Phiếu kiểm soát quá trình giải quyết hồ sơ. */
  async controlSheet(idOrCode: string, principal: Principal): Promise<ControlSheetDto> {
    const row = await this.runtime.loadDossier(this.db.query, idOrCode);
    await this.authz.assertDossierVisible(this.db.query, principal, row);
    const h = await this.deadlines.controlSheetDossier(row.id);
    if (!h) throw notFound('Dossier', idOrCode);
    const steps = await this.deadlines.controlSheetSteps(row.id);
    const definition = await this.cache.get(this.db.query, row.definition_id);
    return {
      dossier: {
        id: row.id,
        code: row.code,
        procedureName: definition.name,
        applicant: h.applicant,
        receivedAt: iso(h.created_at) as string,
        receivingUnit: row.receiving_unit,
        legalTimeLimit: definition.graph.legalTimeLimit ?? null,
        dueAt: row.deadlines.dossier?.dueAt ?? iso(h.due_at),
        appointmentAt: iso(h.appointment_at),
        finishedAt: iso(h.ended_at),
        outcome: h.outcome,
        extension: h.extension,
      },
      steps: steps.map((s) => ({
        taskId: s.id,
        nodeId: s.node_id,
        name: s.name,
        unit: s.unit,
        officer: s.completed_by,
        receivedAt: iso(s.created_at) as string,
        dueAt: iso(s.due_at),
        finishedAt: iso(s.completed_at),
        allottedTime: s.allotted_time,
        workedMinutes: s.worked_minutes,
        outcome: s.outcome,
        status: s.status,
      })),
      events: await this.events(row.id, principal),
    };
  }

  private async activeWithClock(
    sql: Parameters<ProcessRuntime['loadDossier']>[0],
    idOrCode: string,
    principal: Principal,
  ): Promise<DossierRow> {
    const row = await this.runtime.loadDossier(sql, idOrCode);
    await this.authz.assertCanActOnDossier(sql, principal, row);
    if (row.status !== 'active') {
      throw conflict(`Dossier ${row.code} is ${row.status}: its deadline can no longer change.`, {
        code: 'dossier-finished',
      });
    }
    if (!row.deadlines?.dossier)
      throw conflict(`Dossier ${row.code} has no legal time limit.`, { code: 'no-time-limit' });
    return row;
  }
}

function withReason<T extends { events: Array<{ reason?: string | null }> }>(
  update: T,
  reason: string | null,
): T {
  for (const e of update.events) e.reason = reason;
  return update;
}

function toEvent(r: EventRow): DeadlineEventDto {
  return {
    id: r.id,
    at: iso(r.at) as string,
    kind: r.kind,
    taskId: r.task_id,
    reason: r.reason,
    actor: r.actor,
    workingMinutes: r.working_minutes,
    previousDueAt: iso(r.previous_due_at),
    newDueAt: iso(r.new_due_at),
    calendarVersion: r.calendar_version,
  };
}

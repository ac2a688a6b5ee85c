import { Injectable } from '@nestjs/common';
import type { ControlSheetDto, DeadlineEventDto, ExtensionDto } from '@lienthong/contracts';
import { Db } from '../database/db.service';
import { DATED, lifeOf } from '../database/partitions.repository';

export interface EventRow {
  id: string;
  at: Date;
  kind: DeadlineEventDto['kind'];
  task_id: string | null;
  reason: string | null;
  actor: string | null;
  working_minutes: number | null;
  previous_due_at: Date | null;
  new_due_at: Date | null;
  calendar_version: string | null;
}

export interface ControlSheetDossierRow {
  applicant: ControlSheetDto['dossier']['applicant'];
  created_at: Date;
  ended_at: Date | null;
  due_at: Date | null;
  appointment_at: Date | null;
  outcome: ControlSheetDto['dossier']['outcome'];
  extension: ExtensionDto | null;
}

export interface ControlSheetStepRow {
  id: string;
  node_id: string;
  name: string | null;
  unit: string | null;
  completed_by: string | null;
  created_at: Date;
  due_at: Date | null;
  completed_at: Date | null;
  allotted_time: string | null;
  worked_minutes: number | null;
  outcome: ControlSheetDto['steps'][number]['outcome'];
  status: ControlSheetDto['steps'][number]['status'];
}

/** Reads of a dossier's legal deadline: its events and the process control sheet. */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly db: Db) {}

  /** The dossier's deadline events, oldest first (only the month partitions of its life, see DATED). */
  async events(dossierId: string): Promise<EventRow[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT id::text, at, kind, task_id, reason, actor, working_minutes, previous_due_at, new_due_at, calendar_version
         FROM deadline_events WHERE dossier_id = $1 AND ${DATED('$2', '$3')} ORDER BY deadline_events.id`,
      [dossierId, ...(await lifeOf(this.db.query, dossierId))],
    );
    return rows;
  }

  async controlSheetDossier(dossierId: string): Promise<ControlSheetDossierRow | undefined> {
    const { rows } = await this.db.query<ControlSheetDossierRow>(
      `SELECT applicant, created_at, ended_at, due_at, appointment_at, outcome, extension FROM dossiers WHERE id = $1`,
      [dossierId],
    );
    return rows[0];
  }

  /** The dossier's steps in creation order. */
  async controlSheetSteps(dossierId: string): Promise<ControlSheetStepRow[]> {
    const { rows } = await this.db.query<ControlSheetStepRow>(
      `SELECT id, node_id, name, unit, completed_by, created_at, due_at, completed_at, allotted_time, worked_minutes, outcome, status
         FROM tasks WHERE dossier_id = $1 ORDER BY created_at, id`,
      [dossierId],
    );
    return rows;
  }
}

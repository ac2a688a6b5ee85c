import { Injectable } from '@nestjs/common';
import type { TaskRecord } from './dossier-write';
import type { DossierRow } from './dossier-row';

/** An open task as this process last wrote it (the columns of a `tasks` row). */
export type TaskSnapshot = Omit<TaskRecord, 'completed' | 'kind' | 'status'> & {
  kind: 'user' | 'external';
  status: 'active' | 'completed' | 'cancelled' | 'stopped';
  dossier_id: string;
  dossier_code: string;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  assignee: string | null;
  /**
   * The dossier's revision when the snapshot was written: a snapshot is only trusted while the dossier is
   * still at that revision (a claim, or any write elsewhere, bumps it and sends the reader to the database).
   */
  revision: number;
};

/**
 * The dossiers and open tasks this process wrote last, so that the next command on them can skip
 * reading them back. Never a source of truth: every write is guarded by the dossier's revision, so
 * a stale entry (another engine process changed the dossier) only costs a failed write, after which
 * the command reads the database. Bounded (least recently used entries go first).
 */
@Injectable()
export class HotCache {
  static readonly MAX_DOSSIERS = 20_000;
  private readonly dossiers = new Map<string, DossierRow>();
  private readonly tasks = new Map<string, TaskSnapshot>();

  dossier(id: string): DossierRow | undefined {
    return this.dossiers.get(id);
  }

  task(id: string): TaskSnapshot | undefined {
    return this.tasks.get(id);
  }

  putDossier(row: DossierRow): void {
    this.dossiers.delete(row.id);
    if (row.status !== 'active') return;
    this.dossiers.set(row.id, row);
    if (this.dossiers.size > HotCache.MAX_DOSSIERS) {
      const oldest = this.dossiers.keys().next().value;
      if (oldest) this.forgetDossier(oldest);
    }
  }

  putTask(task: TaskSnapshot): void {
    if (task.status === 'active') this.tasks.set(task.id, task);
    else this.tasks.delete(task.id);
  }

  forgetTask(id: string): void {
    this.tasks.delete(id);
  }

  /**
   * Forgets a dossier's row and the given tasks of it, without a pass over every cached task (what
   * forgetDossier does): for a change of many dossiers at once that knows the tasks it touched.
   */
  forgetDossierAndTasks(id: string, taskIds: readonly string[]): void {
    this.dossiers.delete(id);
    for (const taskId of taskIds) this.tasks.delete(taskId);
  }

  forgetDossier(id: string): void {
    this.dossiers.delete(id);
    for (const [taskId, t] of this.tasks) if (t.dossier_id === id) this.tasks.delete(taskId);
  }
}

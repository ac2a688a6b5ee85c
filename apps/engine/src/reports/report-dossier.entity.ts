import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * One slim row per dossier (not the sub-dossiers of call activities) with what report form 06a
 * needs: where and how it was received, when and how it ended, its outcome, its legal due instant and
 * when it became overdue. Written by triggers on `dossiers` and `deadline_events` in the transaction
 * of the command that changed them (ADR 0009); rebuilt from those tables by `npm run reports:rebuild`.
 */
@Entity('report_dossiers')
@Index('report_dossiers_received_idx', ['receivedAt'])
// A period's dossiers: ended from its start (and received before its end), or open.
@Index('report_dossiers_ended_idx', ['endedAt', 'receivedAt'])
@Index('report_dossiers_open_idx', ['receivedAt'], { where: 'ended_at IS NULL' })
export class ReportDossierEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ type: 'varchar', length: 60 })
  code!: string;

  /** The receiving unit. */
  @Column({ type: 'varchar', length: 50 })
  unit!: string;

  @Column({ name: 'definition_key', type: 'varchar', length: 100 })
  definitionKey!: string;

  @Column({ name: 'definition_version', type: 'int' })
  definitionVersion!: number;

  @Column({ type: 'varchar', length: 10 })
  channel!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** resolved (completed), withdrawn (cancelled), refused. */
  @Column({ name: 'end_kind', type: 'varchar', length: 12, nullable: true })
  endKind!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  outcome!: string | null;

  /** The legal due instant: before an extension's new date (an extended dossier is late). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** The due instant that passed while the dossier was open (its first `overdue` event, or a late end). */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  extended!: boolean;
}

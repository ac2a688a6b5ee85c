import type { DossierStatus } from '@lienthong/contracts';
import type { InstanceState } from '@lienthong/engine-core';
import type { DeadlineState } from './deadlines';

/** A dossier as the runtime reads it (the columns of DOSSIER_COLUMNS). */
export interface DossierRow {
  id: string;
  code: string;
  definition_id: string;
  definition_key: string;
  definition_version: number;
  status: DossierStatus;
  receiving_unit: string;
  state: InstanceState;
  revision: number;
  parent_id: string | null;
  parent_call_id: string | null;
  deadlines: DeadlineState;
  /** The dossier has had its one extension (apology with a new date). */
  extended: boolean;
}

export const DOSSIER_COLUMNS = `d.id, d.code, d.definition_id, d.definition_key, d.definition_version, d.status, d.receiving_unit,
  d.state, d.revision, d.parent_id, d.parent_call_id, d.deadlines, d.extension IS NOT NULL AS extended`;

import type { PageQueryDto } from './page.dto';

/** A designer's work in progress on a procedure's process, saved on the server (not a deployed version). */
export interface DraftSummaryDto {
  id: string;
  /** The id of the executable process in the XML (the definition key it will be deployed as). */
  key: string;
  name: string;
  /** Incremented by each save; a save names the revision it was made from. */
  revision: number;
  /** The deployed version the draft was started from, if any. */
  baseVersion: number | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface DraftDto extends DraftSummaryDto {
  /** BPMN 2.0 XML, as the designer saved it. */
  xml: string;
}

export interface CreateDraftDto {
  xml: string;
  /** The deployed version the draft starts from. */
  baseVersion?: number;
  /** Defaults to the process name in the XML. */
  name?: string;
}

export interface SaveDraftDto {
  xml: string;
  /** The revision this save was made from: a stale one is refused (409 `draft-conflict`). */
  revision: number;
  name?: string;
}

export interface DraftListQueryDto extends PageQueryDto {
  /** Drafts of one definition key. */
  key?: string;
}

/** Extension members of the 409 `draft-conflict` problem: who saved the draft since. */
export interface DraftConflictDto {
  currentRevision: number;
  updatedBy: string;
  updatedAt: string;
}

export type ClockState = 'none' | 'running' | 'paused';
export type DeadlineStatusDto = 'on_track' | 'due_soon' | 'overdue';
export type OutcomeDto = 'early' | 'on_time' | 'late';

/** Where a legal time limit stands. */
export interface DeadlineFieldsDto {
  /** The due instant in working time; null without a time limit or while the clock is paused. */
  dueAt: string | null;
  clock: ClockState;
  deadlineStatus: DeadlineStatusDto;
  /** Once finished: early (a day before the due day or earlier), on time (on the due day) or late. */
  outcome: OutcomeDto | null;
}

export interface ExtensionDto {
  requestedAt: string;
  previousDueAt: string;
  newDueAt: string;
  reason: string;
  unit: string | null;
  actor: string;
}

export type DeadlineEventKind =
  'paused' | 'resumed' | 'restarted' | 'extended' | 'recomputed' | 'due_soon' | 'overdue';

export interface DeadlineEventDto {
  id: string;
  at: string;
  kind: DeadlineEventKind;
  taskId: string | null;
  reason: string | null;
  actor: string | null;
  workingMinutes: number | null;
  previousDueAt: string | null;
  newDueAt: string | null;
  calendarVersion: string | null;
}

/** Pausing a dossier's legal clock. */
export interface PauseDto {
  reason: string;
}

/** Resuming a paused clock: why (shown in the dossier's deadline events). */
export interface ResumeDto {
  reason: string;
}

/**
 * What holds a dossier's clock paused: a supplement request to the applicant (chờ bổ sung), an
 * officer's pause (tạm dừng, e.g. waiting for the citizen to pay), or a step of the procedure itself.
 */
export type ClockHold = 'supplement' | 'manual' | 'step';

/** The one-stop supplement request (hướng dẫn bổ sung hồ sơ một lần) and, once answered, its receipt. */
export interface SupplementDto {
  requestedAt: string;
  requestedBy: string;
  /** The step that asked (null when asked without one). */
  taskId: string | null;
  nodeId: string | null;
  /** What is missing, one paper or piece of information a line. */
  items: string[];
  reason: string | null;
  /** When the complete dossier arrived (the time limit restarted from zero then); null while waiting. */
  receivedAt: string | null;
  receivedBy: string | null;
}

/** A step asks the applicant for what is missing. */
export interface SupplementRequestDto {
  items: string[];
  reason?: string;
}

/** The desk (or the step's unit) records that the complete dossier arrived. */
export interface SupplementReceivedDto {
  note?: string;
}

/** Apologising and giving a new return date (Phiếu xin lỗi và hẹn lại ngày trả kết quả). */
export interface ExtensionRequestDto {
  /** The new return date and time (ISO 8601). */
  newDueAt: string;
  reason: string;
  /** The unit that apologises (the one causing the delay). */
  unit?: string;
}

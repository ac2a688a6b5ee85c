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

/** Resuming a paused clock. */
export interface ResumeDto {
  reason?: string;
}

/** Apologising and giving a new return date (Phiếu xin lỗi và hẹn lại ngày trả kết quả). */
export interface ExtensionRequestDto {
  /** The new return date and time (ISO 8601). */
  newDueAt: string;
  reason: string;
  /** The unit that apologises (the one causing the delay). */
  unit?: string;
}

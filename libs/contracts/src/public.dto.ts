/** A step of a dossier as the public lookup shows it: what and where, nobody's name. */
export interface PublicStepDto {
  name: string | null;
  unitName: string | null;
}

/** Tra cứu hồ sơ: a dossier as a citizen sees it by the code on their receipt (nothing personal). */
export interface PublicDossierDto {
  code: string;
  procedureName: string | null;
  status: 'active' | 'completed' | 'cancelled' | 'terminated' | 'refused' | 'stopped';
  receivedBy: string | null;
  receivedAt: string;
  /** Ngày hẹn trả kết quả. */
  appointmentAt: string | null;
  finishedAt: string | null;
  /** Where the dossier is being handled now. */
  currentSteps: PublicStepDto[];
}

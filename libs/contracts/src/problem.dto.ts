/** One invalid input of a validation problem, or one issue of BPMN that does not validate. */
export interface ProblemFieldErrorDto {
  /** Dotted path of the offending input, e.g. `applicant.idNumber`. */
  path?: string;
  elementId?: string | null;
  message: string;
  messageVi?: string;
  code?: string;
}

/** RFC 7807 problem details, as every 4xx/5xx answer carries (`application/problem+json`). */
export interface ProblemDto {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Path of the request. */
  instance?: string;
  /** Stable machine-readable code, when the problem has one. */
  code?: string;
  errors?: ProblemFieldErrorDto[];
  /** Id of the request in the server logs. */
  requestId?: string;
}

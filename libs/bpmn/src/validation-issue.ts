/** One problem found in a BPMN document; `elementId` is null for document-level problems. */
export interface ValidationIssue {
  code: string;
  elementId: string | null;
  severity: 'error' | 'warning';
  /** English message. */
  message: string;
  /** Vietnamese message, shown in the designer. */
  messageVi: string;
}

export function issue(
  code: string,
  elementId: string | null,
  message: string,
  messageVi: string,
  severity: ValidationIssue['severity'] = 'error',
): ValidationIssue {
  return { code, elementId, severity, message, messageVi };
}

export class BpmnValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(
      `The BPMN document is not executable: ${issues
        .filter((i) => i.severity === 'error')
        .map((i) => (i.elementId ? `${i.elementId}: ${i.message}` : i.message))
        .join('; ')}`,
    );
    this.name = 'BpmnValidationError';
  }
}

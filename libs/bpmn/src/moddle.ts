import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import ltDescriptor from './resources/lt.json';
import { issue, type ValidationIssue } from './validation-issue';

export type { ModdleElement };

export const LT_NAMESPACE_URI = ltDescriptor.uri;
export { ltDescriptor };

export interface ParsedBpmn {
  definitions: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  issues: ValidationIssue[];
}

/** Largest BPMN document we accept (bytes of UTF-16 text, a generous bound over real models). */
export const MAX_BPMN_LENGTH = 5 * 1024 * 1024;

export function createModdle(): BpmnModdle {
  return new BpmnModdle({ lt: ltDescriptor });
}

/**
 * Parses BPMN 2.0 XML with bpmn-moddle and our `lt` extension. Never throws for bad input:
 * malformed XML, DTDs (external entities are refused outright, before parsing) and parser
 * warnings all come back as issues.
 */
export async function parseBpmn(
  xml: string,
): Promise<ParsedBpmn | { definitions: null; issues: ValidationIssue[] }> {
  if (typeof xml !== 'string' || xml.trim() === '') {
    return {
      definitions: null,
      issues: [issue('empty-document', null, 'The BPMN document is empty.', 'Tài liệu BPMN trống.')],
    };
  }
  if (xml.length > MAX_BPMN_LENGTH) {
    return {
      definitions: null,
      issues: [
        issue(
          'document-too-large',
          null,
          `The BPMN document exceeds ${MAX_BPMN_LENGTH} characters.`,
          'Tài liệu BPMN quá lớn.',
        ),
      ],
    };
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    return {
      definitions: null,
      issues: [
        issue(
          'doctype-forbidden',
          null,
          'XML document type declarations and entities are not allowed in BPMN documents.',
          'Không cho phép khai báo DOCTYPE hoặc ENTITY trong tài liệu BPMN.',
        ),
      ],
    };
  }
  let result;
  try {
    result = await createModdle().fromXML(xml, 'bpmn:Definitions');
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      definitions: null,
      issues: [
        issue(
          'malformed-xml',
          null,
          `The document is not valid BPMN XML: ${message}`,
          `Tài liệu không phải XML BPMN hợp lệ: ${message}`,
        ),
      ],
    };
  }
  const issues = result.warnings.map((w) =>
    issue(
      'xml-warning',
      w.element?.id ?? null,
      firstLine(w.message),
      `Cảnh báo khi đọc XML: ${firstLine(w.message)}`,
    ),
  );
  return { definitions: result.rootElement, elementsById: result.elementsById, issues };
}

export async function serializeBpmn(definitions: ModdleElement): Promise<string> {
  const { xml } = await createModdle().toXML(definitions, { format: true });
  return xml;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

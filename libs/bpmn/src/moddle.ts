import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import ltDescriptor from './resources/lt.json';
import { issue, type ValidationIssue } from './validation-issue';
import { keepOwnPrefixes } from './own-prefix.util';
import { readerWarningVi, type ReaderWarning } from './reader-warning.util';
import { elementAt, offsetOf, scanXml, unstorableCharacters, type XmlScan } from './xml-scan.util';

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

/** Deepest element nesting we read (real models stay far below; a hostile one would cost memory). */
export const MAX_XML_DEPTH = 100;

/** Namespaces whose elements the engine reads; an unreadable element of any other is a foreign extension. */
const READ_NAMESPACES = new Set([
  'http://www.omg.org/spec/BPMN/20100524/MODEL',
  'http://www.omg.org/spec/BPMN/20100524/DI',
  'http://www.omg.org/spec/DD/20100524/DC',
  'http://www.omg.org/spec/DD/20100524/DI',
  ltDescriptor.uri,
]);
const ENCODING_DECLARATION = /^(\uFEFF?\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])([^"']*)\2/i;
/** Most problems of one kind listed (each names its element). */
const MAX_LISTED = 20;

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
  const declared = ENCODING_DECLARATION.exec(xml);
  // The text is already decoded (HTTP charset, UTF-8 by default): a declared single-byte encoding
  // (ISO-8859-1, windows-1252...) describes bytes we no longer have, and the reader must not act on it.
  const text =
    declared && !/^utf-?8$/i.test(declared[3] ?? '') ? xml.replace(declared[0], declared[1] ?? '') : xml;
  const scan = scanXml(text, MAX_XML_DEPTH);
  const refused = [...unreadableText(text, scan, declared?.[3])];
  if (scan.tooDeep) {
    refused.push(
      issue(
        'nesting-too-deep',
        scan.tooDeep.ownerId,
        `Elements are nested more than ${MAX_XML_DEPTH} levels deep (at <${scan.tooDeep.name}>${inside(scan.tooDeep.ownerId)}).`,
        `Các phần tử lồng nhau quá ${MAX_XML_DEPTH} cấp (tại <${scan.tooDeep.name}>${insideVi(scan.tooDeep.ownerId)}).`,
      ),
    );
  }
  if (refused.length > 0) return { definitions: null, issues: refused };
  let result;
  try {
    result = await createModdle().fromXML(text, 'bpmn:Definitions');
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
  const issues = result.warnings.map((w) => readerIssue(w, text, scan));
  return { definitions: result.rootElement, elementsById: result.elementsById, issues };
}

/**
 * A reader warning as an issue, named by the element it concerns. An element the engine does not read
 * (a foreign vendor's extension, `<documentation>` inside `<extension>`) is only a warning: it stays in
 * the stored document. Anything else the reader could not use (a misspelt BPMN element, an unresolved
 * reference) is an error.
 */
function readerIssue(w: ParseWarning, text: string, scan: XmlScan): ValidationIssue {
  const position = /line: (\d+)\s+column: (\d+)/.exec(w.message);
  const offset = position ? offsetOf(text, Number(position[1]), Number(position[2])) : -1;
  const el = offset >= 0 ? scan.elements.find((e) => e.start === offset) : undefined;
  const elementId = el?.ownerId ?? w.element?.id ?? null;
  const ignoredBpmn =
    el?.name.replace(/^.*:/, '') === 'documentation' && el.parent?.name.replace(/^.*:/, '') === 'extension';
  if (el && (!READ_NAMESPACES.has(el.ns ?? '') || ignoredBpmn)) {
    return issue(
      'foreign-extension',
      elementId,
      `<${el.name}>${inside(elementId)} is not read by this engine (${el.ns ?? 'no namespace'}): it is kept in the document and ignored.`,
      `Phần tử <${el.name}>${insideVi(elementId)} không được công cụ đọc (${el.ns ?? 'không có không gian tên'}): được giữ nguyên trong tài liệu và bỏ qua.`,
      'warning',
    );
  }
  const message = firstLine(w.message);
  return issue(
    'xml-warning',
    elementId,
    el ? `${message}${inside(elementId)}` : message,
    `Cảnh báo khi đọc XML${insideVi(elementId)}: ${readerWarningVi(w)}`,
  );
}

type ParseWarning = ReaderWarning & { element?: ModdleElement };

/** Text PostgreSQL cannot store, and text that was not in the encoding it declares. */
function unreadableText(text: string, scan: XmlScan, encoding: string | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const { offset, what } of unstorableCharacters(text)) {
    const elementId = elementAt(scan, offset)?.ownerId ?? null;
    if (seen.has(`${elementId}:${what}`) || issues.length >= MAX_LISTED) continue;
    seen.add(`${elementId}:${what}`);
    issues.push(
      issue(
        'invalid-character',
        elementId,
        `The document contains ${what}${inside(elementId)}, which cannot be stored.`,
        `Tài liệu chứa ký tự không lưu được (${what})${insideVi(elementId)}.`,
      ),
    );
  }
  if (encoding && !/^utf-?8$/i.test(encoding)) {
    const ids = new Set<string | null>();
    for (
      let at = text.indexOf('\uFFFD');
      at >= 0 && ids.size < MAX_LISTED;
      at = text.indexOf('\uFFFD', at + 1)
    ) {
      ids.add(elementAt(scan, at)?.ownerId ?? null);
    }
    for (const elementId of ids) {
      issues.push(
        issue(
          'encoding-mismatch',
          elementId,
          `The document declares encoding="${encoding}" but was not sent in it${inside(elementId)}: send it as UTF-8, or with Content-Type charset=${encoding}.`,
          `Tài liệu khai báo encoding="${encoding}" nhưng không được gửi theo bảng mã đó${insideVi(elementId)}: hãy gửi dạng UTF-8 hoặc kèm Content-Type charset=${encoding}.`,
        ),
      );
    }
  }
  return issues;
}

function inside(elementId: string | null): string {
  return elementId ? ` in ${elementId}` : '';
}
function insideVi(elementId: string | null): string {
  return elementId ? ` trong ${elementId}` : '';
}

export async function serializeBpmn(definitions: ModdleElement): Promise<string> {
  const kept = keepOwnPrefixes(definitions);
  try {
    const { xml } = await createModdle().toXML(definitions, { format: true });
    return kept.restore(xml);
  } finally {
    kept.undo();
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

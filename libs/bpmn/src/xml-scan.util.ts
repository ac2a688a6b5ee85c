/**
 * A light pass over BPMN XML text before it is parsed: where each element starts and ends, its
 * namespace and the id that names it (its own, else its nearest ancestor's), how deep it nests, and
 * which characters PostgreSQL cannot store. Enough to name the element of a reader warning or of a
 * refused character; no validation of its own (the parser does that).
 */
export interface ScannedElement {
  name: string;
  /** Namespace URI of the element name (undefined when its prefix is not declared). */
  ns: string | undefined;
  start: number;
  /** Offset after its end tag (the end of the text while it is open). */
  end: number;
  /** Its id, else the id of its nearest ancestor that has one. */
  ownerId: string | null;
  parent: ScannedElement | undefined;
}

export interface XmlScan {
  elements: ScannedElement[];
  /** The first element nested deeper than the limit (the scan stops there). */
  tooDeep: ScannedElement | undefined;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function scanXml(xml: string, maxDepth: number): XmlScan {
  const elements: ScannedElement[] = [];
  const stack: Array<{ element: ScannedElement; namespaces: Record<string, string> }> = [];
  for (const match of xml.matchAll(TOKEN)) {
    const [token, closing, name, rawAttrs] = match;
    if (name === undefined) continue;
    const start = match.index;
    if (closing) {
      const open = stack.pop();
      if (open) open.element.end = start + token.length;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (rawAttrs ?? '').matchAll(ATTRIBUTE)) attrs[a[1] as string] = a[2] ?? a[3] ?? '';
    const top = stack.at(-1);
    const namespaces = { ...(top?.namespaces ?? {}) };
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'xmlns') namespaces[''] = value;
      else if (key.startsWith('xmlns:')) namespaces[key.slice(6)] = value;
    }
    const colon = name.indexOf(':');
    const element: ScannedElement = {
      name,
      ns: namespaces[colon < 0 ? '' : name.slice(0, colon)],
      start,
      end: xml.length,
      ownerId: attrs['id'] ?? top?.element.ownerId ?? null,
      parent: top?.element,
    };
    elements.push(element);
    const selfClosing = (rawAttrs ?? '').trimEnd().endsWith('/');
    if (selfClosing) element.end = start + token.length;
    else {
      stack.push({ element, namespaces });
      if (stack.length > maxDepth) return { elements, tooDeep: element };
    }
  }
  return { elements, tooDeep: undefined };
}

/** The innermost scanned element around an offset. */
export function elementAt(scan: XmlScan, offset: number): ScannedElement | undefined {
  let found: ScannedElement | undefined;
  for (const el of scan.elements) {
    if (el.start > offset) break;
    if (offset < el.end) found = el;
  }
  return found;
}

/** Offset of a 0-based line and column (as the XML reader reports them). */
export function offsetOf(xml: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = xml.indexOf('\n', offset);
    if (next < 0) return xml.length;
    offset = next + 1;
  }
  return offset + column;
}

const UNSTORABLE =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|&#(x[0-9a-fA-F]+|[0-9]+);/g;

/**
 * Characters PostgreSQL cannot store (NUL, a lone UTF-16 surrogate), written as such or as character
 * references (`&#0;`, `&#xD800;`): their offsets and what they are.
 */
export function unstorableCharacters(text: string): Array<{ offset: number; what: string }> {
  const found: Array<{ offset: number; what: string }> = [];
  for (const m of text.matchAll(UNSTORABLE)) {
    const ref = m[1];
    if (ref !== undefined) {
      const code = ref.startsWith('x') ? parseInt(ref.slice(1), 16) : parseInt(ref, 10);
      if (code !== 0 && !(code >= 0xd800 && code <= 0xdfff)) continue;
      found.push({ offset: m.index, what: `the character reference ${m[0]}` });
    } else {
      const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      found.push({
        offset: m.index,
        what: code === '0000' ? 'a NUL character' : `a lone surrogate U+${code}`,
      });
    }
  }
  return found;
}

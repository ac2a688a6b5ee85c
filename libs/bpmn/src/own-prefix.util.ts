/**
 * moddle-xml's writer drops the prefix of an attribute in its element's own namespace when the element
 * is one no descriptor knows (`<vendor:x vendor:version="1">` is written `<vendor:x version="1">`): right
 * for our own typed elements, wrong in XML for a vendor's, where the prefixed and the plain attribute are
 * two names. Around a write, `keepOwnPrefixes` renames such attributes to a placeholder prefix of its own
 * namespace (which the writer keeps), and `restore` puts the written prefixes back in the text and the
 * model as it was.
 */
export interface KeptPrefixes {
  /** The written XML with the placeholders back to the vendor's prefixes. */
  restore(xml: string): string;
  /** Undoes the renaming in the model (call after the write, whether it succeeded or not). */
  undo(): void;
}

type Node = Record<string, unknown> & {
  $type?: unknown;
  $attrs?: Record<string, string>;
  $descriptor?: { isGeneric?: boolean };
};

const PLACEHOLDER = 'ltkeep';
const PLACEHOLDER_URI = 'urn:lienthong:keep-prefix:';

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/** Every unknown (generic) element of the tree below `root`: in extension values and their children. */
function genericElements(root: Node): Node[] {
  const found: Node[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value) || seen.has(value)) return;
    seen.add(value);
    if (value.$descriptor?.isGeneric) found.push(value);
    for (const [key, child] of Object.entries(value)) {
      if (key === '$parent' || key === '$descriptor' || key === '$model' || key === '$attrs') continue;
      if (typeof child === 'object') visit(child);
    }
  };
  visit(root);
  return found;
}

/** Renames the own-namespace attributes of unknown elements for the write; see the file's comment. */
export function keepOwnPrefixes(definitions: unknown): KeptPrefixes {
  if (!isNode(definitions)) return { restore: (xml) => xml, undo: () => undefined };
  const placeholders = new Map<string, string>(); // vendor prefix -> placeholder prefix
  const undos: Array<() => void> = [];
  for (const el of genericElements(definitions)) {
    const own = typeof el.$type === 'string' && el.$type.includes(':') ? el.$type.split(':')[0] : undefined;
    if (own === undefined) continue;
    const entries = Object.entries(el).filter(([key]) => !key.startsWith('$'));
    if (!entries.some(([key]) => key.startsWith(`${own}:`))) continue;
    let placeholder = placeholders.get(own);
    if (placeholder === undefined) {
      placeholder = `${PLACEHOLDER}${placeholders.size}`;
      placeholders.set(own, placeholder);
    }
    const renamed = placeholder;
    // rewritten in their order, so that the writer keeps the attributes where they were
    for (const [key] of entries) delete el[key];
    for (const [key, value] of entries) {
      el[key.startsWith(`${own}:`) ? `${renamed}:${key.slice(own.length + 1)}` : key] = value;
    }
    undos.push(() => {
      for (const [key] of Object.entries(el).filter(([k]) => !k.startsWith('$'))) delete el[key];
      for (const [key, value] of entries) el[key] = value;
    });
  }
  if (placeholders.size === 0) return { restore: (xml) => xml, undo: () => undefined };
  const attrs = (definitions.$attrs ??= {});
  for (const placeholder of placeholders.values())
    attrs[`xmlns:${placeholder}`] = `${PLACEHOLDER_URI}${placeholder}`;
  undos.push(() => {
    for (const placeholder of placeholders.values()) delete attrs[`xmlns:${placeholder}`];
  });
  return {
    restore(xml) {
      let out = xml;
      for (const [own, placeholder] of placeholders) {
        out = out
          .replace(new RegExp(`\\s+xmlns:${placeholder}="${PLACEHOLDER_URI}${placeholder}"`, 'g'), '')
          .replace(new RegExp(`(\\s)${placeholder}:([\\w.-]+=")`, 'g'), `$1${own}:$2`);
      }
      return out;
    },
    undo() {
      // once only, however often called
      for (const undo of undos.splice(0).reverse()) undo();
    },
  };
}

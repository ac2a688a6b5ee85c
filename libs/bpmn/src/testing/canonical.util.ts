/**
 * A moddle tree as plain data, to compare two readings of a document regardless of formatting: each
 * element's type, its properties (references as the id they point to), its foreign attributes
 * (`$attrs`, namespace declarations left out: a writer may move or rename them) and, for elements of
 * unknown namespaces, their children and text. Key order is sorted, so equal trees print the same;
 * default values count as unset, and a diagram plane's elements are compared in id order.
 */
export function canonicalTree(root: unknown): unknown {
  return canonical(root, true);
}

type Element = Record<string, unknown> & {
  $type: string;
  $attrs?: Record<string, string>;
  $descriptor?: {
    isGeneric?: boolean;
    properties?: Array<{ name: string; isReference?: boolean; default?: unknown }>;
  };
};

const byId = (a: unknown, b: unknown) =>
  String((a as { id?: unknown }).id).localeCompare(String((b as { id?: unknown }).id));

const isElement = (v: unknown): v is Element =>
  typeof v === 'object' && v !== null && typeof (v as { $type?: unknown }).$type === 'string';

function canonical(value: unknown, contained: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, contained));
  if (!isElement(value)) return value;
  // a reference: the element it points to, by id (its content is compared where it is contained)
  if (!contained) return `#${String(value['id'] ?? '?')}`;
  const out: Record<string, unknown> = { $type: value.$type };
  const attrs = Object.entries(value.$attrs ?? {}).filter(([name]) => !name.startsWith('xmlns'));
  if (attrs.length > 0) out['$attrs'] = Object.fromEntries(attrs.sort(([a], [b]) => a.localeCompare(b)));
  if (value.$descriptor?.isGeneric) {
    // an element of a namespace no descriptor knows: its attributes, children and text as read
    for (const key of Object.keys(value).sort()) {
      if (key !== '$type' && key !== '$parent' && !key.startsWith('xmlns'))
        out[key] = canonical(value[key], true);
    }
    return out;
  }
  // moddle keeps references and some properties non-enumerable: read what the type declares; a value
  // equal to its default is as good as none (one writer spells it out, another leaves it)
  for (const p of [...(value.$descriptor?.properties ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
    const v = value[p.name];
    if (v === undefined || v === p.default || (Array.isArray(v) && v.length === 0)) continue;
    const read = canonical(v, !p.isReference);
    // the order of a plane's shapes and edges is the drawing order, which bpmn-js rewrites on export
    out[p.name] = p.name === 'planeElement' && Array.isArray(read) ? [...read].sort(byId) : read;
  }
  return out;
}

/** The prefixes of the other tools' and vendors' namespaces in the third-party test files. */
const FOREIGN = 'camunda|zeebe|signavio|vendor|modeler|audit|geo|bioc|color';
const FOREIGN_NAME = new RegExp(`<((?:${FOREIGN}):[\\w-]+)|\\s((?:${FOREIGN}):[\\w-]+)=`, 'g');

/** Every `prefix:name` element and attribute of a foreign namespace in a file, sorted (to compare two files). */
export function foreignNames(xml: string): string[] {
  return [...xml.matchAll(FOREIGN_NAME)].map((m) => m[1] ?? m[2] ?? '').sort();
}

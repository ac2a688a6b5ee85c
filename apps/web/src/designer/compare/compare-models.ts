import { diff } from 'bpmn-js-differ';
import { BpmnModdle } from 'bpmn-moddle';
import { ltDescriptor } from '@lienthong/bpmn';
import { describeChanges, type ChangeLine } from './describe-changes';
import './compare.css';

/** The CSS markers of compared elements on a diagram (designer.css). */
export const DIFF_MARKERS = {
  added: 'lt-diff-added',
  removed: 'lt-diff-removed',
  changed: 'lt-diff-changed',
} as const;

/** Two versions' models (bpmn:Definitions) compared by bpmn-js-differ, the differences in words. */
export function compareModels(before: unknown, after: unknown): ChangeLine[] {
  return describeChanges(diff(before, after), { before, after });
}

/** Two versions' XML read with our `lt` descriptor and compared (also when one has no diagram to draw). */
export async function compareXml(before: string, after: string): Promise<ChangeLine[]> {
  const moddle = new BpmnModdle({ lt: ltDescriptor });
  const [a, b] = await Promise.all([moddle.fromXML(before), moddle.fromXML(after)]);
  return compareModels(a.rootElement, b.rootElement);
}

interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

/**
 * Marks the changed elements on a diagram (those of `kinds` only, e.g. removed ones on the older
 * version's); returns what undoes it.
 */
export function markChanges(
  diagram: { get<T>(name: string): T },
  lines: readonly ChangeLine[],
  kinds: ReadonlyArray<ChangeLine['kind']>,
): () => void {
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const marked: Array<[string, string]> = [];
  for (const line of lines) {
    if (!kinds.includes(line.kind) || !registry.get(line.id)) continue;
    canvas.addMarker(line.id, DIFF_MARKERS[line.kind]);
    marked.push([line.id, DIFF_MARKERS[line.kind]]);
  }
  return () => {
    for (const [id, marker] of marked) canvas.removeMarker(id, marker);
  };
}

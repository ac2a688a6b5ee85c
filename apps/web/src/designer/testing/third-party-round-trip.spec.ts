/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { ltDescriptor } from '@lienthong/bpmn';

const dir = join(__dirname, 'third-party');
const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn'));

/** What the modeler does with a file: bpmn-moddle with our lt descriptor reads it, and writes it back on save. */
async function roundTrip(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ lt: ltDescriptor });
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  expect(warnings).toEqual([]);
  const { xml: saved } = await moddle.toXML(rootElement, { format: true });
  return saved;
}

/** Every `prefix:name` element and attribute of a foreign namespace (camunda, zeebe, signavio, vendor). */
function foreign(xml: string): string[] {
  const found =
    xml.match(
      /<(camunda|zeebe|signavio|vendor|modeler):[\w]+|\s(camunda|zeebe|signavio|vendor|modeler):[\w]+=/g,
    ) ?? [];
  return found.map((f) => f.trim().replace(/=$/, '')).sort();
}

const ids = (xml: string) => [...xml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]).sort();

describe('BPMN files of other tools through the designer', () => {
  it.each(files)(
    '%s: foreign extension elements and attributes, and every element, survive a save',
    async (file) => {
      const original = readFileSync(join(dir, file), 'utf8');
      const saved = await roundTrip(original);
      expect(foreign(original).length).toBeGreaterThan(0);
      expect(foreign(saved)).toEqual(foreign(original));
      expect(ids(saved)).toEqual(ids(original));
      // and saving the saved file again changes nothing
      expect(await roundTrip(saved)).toBe(saved);
    },
  );

  it('keeps the text of foreign elements (a vendor SLA, a Signavio dictionary link)', async () => {
    const signavio = await roundTrip(readFileSync(join(dir, 'signavio.bpmn'), 'utf8'));
    expect(signavio).toContain('/glossary/abc');
    expect(signavio).toContain('metaValue="thấp"');
    const vendor = await roundTrip(readFileSync(join(dir, 'bpmn-io.bpmn'), 'utf8'));
    expect(vendor).toMatch(/<vendor:sla hours="72">\s*<vendor:escalate to="truong-phong" \/>/);
  });
});

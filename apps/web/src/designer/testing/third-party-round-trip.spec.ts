/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { keepOwnPrefixes, ltDescriptor } from '@lienthong/bpmn';
import { canonicalTree, foreignNames } from '@lienthong/bpmn/testing';

const dir = join(__dirname, 'third-party');
const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn'));

/**
 * What the modeler does with a file: bpmn-moddle with our lt descriptor reads it, and writes it back on
 * save, keeping vendors' own-namespace attribute prefixes (`ownPrefixesModule` of the modeler).
 */
async function roundTrip(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ lt: ltDescriptor });
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  expect(warnings).toEqual([]);
  const kept = keepOwnPrefixes(rootElement);
  const { xml: saved } = await moddle.toXML(rootElement, { format: true });
  kept.undo();
  return kept.restore(saved);
}

const ids = (xml: string) => [...xml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]).sort();

describe('BPMN files of other tools through the designer', () => {
  it.each(files)(
    '%s: foreign extension elements and attributes, and every element, survive a save',
    async (file) => {
      const original = readFileSync(join(dir, file), 'utf8');
      const saved = await roundTrip(original);
      expect(foreignNames(original).length).toBeGreaterThan(0);
      expect(foreignNames(saved)).toEqual(foreignNames(original));
      expect(ids(saved)).toEqual(ids(original));
      // and saving the saved file again changes nothing
      expect(await roundTrip(saved)).toBe(saved);
    },
  );

  it.each(files)(
    '%s: the saved file reads as the same model (canonical moddle trees equal)',
    async (file) => {
      const original = readFileSync(join(dir, file), 'utf8');
      const moddle = new BpmnModdle({ lt: ltDescriptor });
      const before = await moddle.fromXML(original, 'bpmn:Definitions');
      const after = await moddle.fromXML(await roundTrip(original), 'bpmn:Definitions');
      expect(after.warnings).toEqual([]);
      expect(canonicalTree(after.rootElement)).toEqual(canonicalTree(before.rootElement));
    },
  );

  it('tells a changed model from the same one (the canonical tree sees attributes, references and foreign text)', async () => {
    const original = readFileSync(join(dir, 'vendor-deep-extensions.bpmn'), 'utf8');
    const tree = async (xml: string) =>
      canonicalTree(
        (await new BpmnModdle({ lt: ltDescriptor }).fromXML(xml, 'bpmn:Definitions')).rootElement,
      );
    const same = await tree(original);
    for (const changed of [
      original.replace('<vendor:item>ODT</vendor:item>', '<vendor:item>CLN</vendor:item>'),
      original.replace('geo:pos="10.45 105.63"', 'geo:pos="10.45 105.64"'),
      original.replace('targetRef="End_deep" audit', 'targetRef="Task_deep" audit'),
      original.replace('lt:allottedTime="2d"', 'lt:allottedTime="3d"'),
      // a vendor's attribute in its element's own namespace is not the plain one (bpmn-moddle's writer
      // alone would turn the first into the second)
      original.replace('vendor:strict="true"', 'strict="true"'),
    ]) {
      expect(await tree(changed)).not.toEqual(same);
    }
  });

  it('keeps the text of foreign elements (a vendor SLA, a Signavio dictionary link)', async () => {
    const signavio = await roundTrip(readFileSync(join(dir, 'signavio.bpmn'), 'utf8'));
    expect(signavio).toContain('/glossary/abc');
    expect(signavio).toContain('metaValue="thấp"');
    const vendor = await roundTrip(readFileSync(join(dir, 'bpmn-io.bpmn'), 'utf8'));
    expect(vendor).toMatch(/<vendor:sla hours="72">\s*<vendor:escalate to="truong-phong" \/>/);
    const deep = await roundTrip(readFileSync(join(dir, 'vendor-deep-extensions.bpmn'), 'utf8'));
    expect(deep).toContain('<vendor:value unit="m2">30</vendor:value>');
    expect(deep).toContain('Diện tích &lt; 30 m² thì không tách được &amp; phải trả lại.');
    expect(deep).toContain('audit:checksum="9f2c"');
    expect(deep).toContain('<vendor:rule id="r1" priority="1" vendor:strict="true">');
  });
});

import { BpmnModdle } from 'bpmn-moddle';
import { keepOwnPrefixes } from './own-prefix.util';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vendor="https://vendor.example/ns" xmlns:o="https://other.example/ns" id="d" targetNamespace="https://example.org">
  <bpmn:process id="p">
    <bpmn:extensionElements>
      <vendor:x vendor:version="1" o:other="2" plain="3">
        <vendor:y vendor:a="b" c="d" />
        <o:z o:e="f" />
      </vendor:x>
    </bpmn:extensionElements>
  </bpmn:process>
</bpmn:definitions>`;

async function written(keep: boolean): Promise<{ xml: string; model: string }> {
  const moddle = new BpmnModdle();
  const { rootElement } = await moddle.fromXML(XML);
  const kept = keep ? keepOwnPrefixes(rootElement) : undefined;
  let { xml } = await moddle.toXML(rootElement);
  if (kept) {
    xml = kept.restore(xml);
    kept.undo();
  }
  const { xml: model } = await moddle.toXML(rootElement);
  return { xml, model };
}

describe('keepOwnPrefixes', () => {
  it('writes the attributes of an unknown element in its own namespace with their prefix', async () => {
    // given bpmn-moddle alone drops the prefix (the defect this mends)
    expect((await written(false)).xml).toContain('<vendor:x version="1" o:other="2" plain="3">');

    // when the write goes through keepOwnPrefixes
    const { xml } = await written(true);

    // then every attribute is written as it was read, and no placeholder is left
    expect(xml).toContain('<vendor:x vendor:version="1" o:other="2" plain="3">');
    expect(xml).toContain('<vendor:y vendor:a="b" c="d" />');
    expect(xml).toContain('<o:z o:e="f" />');
    expect(xml).not.toContain('ltkeep');
  });

  it('leaves the model as it was (a later plain write is the library’s own)', async () => {
    const { model } = await written(true);
    expect(model).toBe((await written(false)).xml);
  });

  it('changes nothing when no unknown element has such an attribute', async () => {
    const moddle = new BpmnModdle();
    const { rootElement } = await moddle.fromXML(
      XML.replace('vendor:version=', 'version=').replace('vendor:a=', 'a=').replace('o:e=', 'e='),
    );
    const { xml: plain } = await moddle.toXML(rootElement);
    const kept = keepOwnPrefixes(rootElement);
    const { xml } = await moddle.toXML(rootElement);
    expect(kept.restore(xml)).toBe(plain);
  });
});

import { elementAt, offsetOf, scanXml, unstorableCharacters } from './xml-scan.util';

describe('scanXml', () => {
  it('finds elements with their namespace and naming id, skipping comments and CDATA', () => {
    // given
    const xml = `<?xml version="1.0"?><a xmlns="urn:a" xmlns:b="urn:b" id="root"><!-- <x id="no"/> -->
<b:c attr="1 > 0"><![CDATA[<y/>]]><d id="inner"/></b:c></a>`;

    // when
    const scan = scanXml(xml, 10);

    // then
    expect(scan.elements.map((e) => [e.name, e.ns, e.ownerId])).toEqual([
      ['a', 'urn:a', 'root'],
      ['b:c', 'urn:b', 'root'],
      ['d', 'urn:a', 'inner'],
    ]);
    expect(elementAt(scan, xml.indexOf('CDATA'))?.name).toBe('b:c');
    expect(offsetOf(xml, 1, 0)).toBe(xml.indexOf('<b:c'));
    expect(scan.tooDeep).toBeUndefined();
  });

  it('stops at the first element deeper than the limit', () => {
    const scan = scanXml('<a id="x"><b><c><d/></c></b></a>', 2);
    expect(scan.tooDeep).toMatchObject({ name: 'c', ownerId: 'x' });
  });
});

describe('unstorableCharacters', () => {
  it('finds NUL, lone surrogates and their references, not valid pairs or other references', () => {
    expect(
      unstorableCharacters('ok 😀 &#233; &#x1F600; \u0000 &#00; \uDFFF &#55296;').map((c) => c.what),
    ).toEqual([
      'a NUL character',
      'the character reference &#00;',
      'a lone surrogate U+DFFF',
      'the character reference &#55296;',
    ]);
  });
});

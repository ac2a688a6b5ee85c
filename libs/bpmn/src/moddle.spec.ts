import { analyzeBpmn } from './analyze';
import { MAX_XML_DEPTH, parseBpmn, serializeBpmn } from './moddle';
import { bpmnFixture, chain, found } from './testing';

const VALID = `<startEvent id="s"/><userTask id="t_kiem_tra" lt:unit="U"/><endEvent id="e"/>${chain('s', 't_kiem_tra', 'e')}`;

describe('parseBpmn, documents as other modelling tools write them', () => {
  it.each(['ISO-8859-1', 'windows-1252', 'US-ASCII'])(
    'reads a document declaring encoding="%s" whose text is already decoded',
    async (encoding) => {
      // given
      const xml = bpmnFixture(VALID).replace('encoding="UTF-8"', `encoding="${encoding}"`);

      // when
      const { graph, issues } = await analyzeBpmn(xml);

      // then
      expect(issues).toEqual([]);
      expect(graph?.key).toBe('proc');
    },
  );

  it('refuses a document declaring ISO-8859-1 whose bytes were not decoded as such, naming the elements', async () => {
    // given Latin-1 bytes read as UTF-8: "Thẩm định" became replacement characters
    const xml = bpmnFixture(VALID.replace('lt:unit="U"', 'name="Th\uFFFDm \uFFFDinh" lt:unit="U"')).replace(
      'encoding="UTF-8"',
      'encoding="ISO-8859-1"',
    );

    // when
    const { issues } = await parseBpmn(xml);

    // then
    expect(found(issues)).toEqual(['encoding-mismatch@t_kiem_tra']);
    expect(issues[0]?.message).toContain('charset=ISO-8859-1');
  });

  it('keeps foreign extension elements as warnings that refuse nothing, and writes them back', async () => {
    // given a foreign vendor's element in extensionElements, one outside it, and documentation in an extension
    const xml = bpmnFixture(
      VALID.replace(
        '<userTask id="t_kiem_tra" lt:unit="U"/>',
        `<userTask id="t_kiem_tra" lt:unit="U"><extensionElements><ot:schemaObjectDescription ot:kind="form"><ot:field/></ot:schemaObjectDescription></extensionElements></userTask>
         <ot:note id="n1"/>`,
      ),
      { extra: '<extension mustUnderstand="false"><documentation>Vendor notes</documentation></extension>' },
    ).replace('xmlns:lt=', 'xmlns:ot="https://vendor.example/ot" xmlns:lt=');

    // when
    const { graph, issues } = await analyzeBpmn(xml);
    const parsed = await parseBpmn(xml);
    const written = parsed.definitions ? await serializeBpmn(parsed.definitions) : '';

    // then
    expect(found(issues)).toEqual(['foreign-extension@defs_proc!warning', 'foreign-extension@n1!warning']);
    expect(issues[1]?.message).toBe(
      '<ot:note> in n1 is not read by this engine (https://vendor.example/ot): it is kept in the document and ignored.',
    );
    expect(graph?.nodes['t_kiem_tra']).toMatchObject({ kind: 'userTask' });
    expect(written).toContain('<ot:schemaObjectDescription');
    expect(written).toContain('<ot:field />');
  });

  it('refuses a misspelt BPMN element as an error naming the element', async () => {
    // given
    const xml = bpmnFixture(`${VALID}<userTsk id="typo"/>`);

    // when
    const { issues } = await parseBpmn(xml);

    // then
    expect(found(issues)).toEqual(['xml-warning@typo']);
    expect(issues[0]?.messageVi).toBe(
      'Cảnh báo khi đọc XML trong typo: phần tử <userTsk> không có trong chuẩn BPMN 2.0 nên bị bỏ qua.',
    );
  });

  it(`refuses nesting deeper than ${MAX_XML_DEPTH} levels before reading it, naming the element`, async () => {
    // given 10,000 nested foreign elements in a task's extensionElements
    const xml = bpmnFixture(
      VALID.replace(
        '<userTask id="t_kiem_tra" lt:unit="U"/>',
        `<userTask id="t_kiem_tra" lt:unit="U"><extensionElements>${'<ot:a>'.repeat(10_000)}${'</ot:a>'.repeat(10_000)}</extensionElements></userTask>`,
      ),
    ).replace('xmlns:lt=', 'xmlns:ot="https://vendor.example/ot" xmlns:lt=');

    // when
    const result = await parseBpmn(xml);

    // then
    expect(result.definitions).toBeNull();
    expect(found(result.issues)).toEqual(['nesting-too-deep@t_kiem_tra']);
    expect(result.issues[0]?.messageVi).toContain(`lồng nhau quá ${MAX_XML_DEPTH} cấp`);
  });

  it('refuses NUL characters and lone surrogates, literal or as references, listing every element', async () => {
    // given
    const xml = bpmnFixture(
      `<startEvent id="s" name="a\u0000b"/><userTask id="t1" lt:unit="U" name="x&#0;"/>
       <userTask id="t2" lt:unit="U"><documentation>bad \uD800 half</documentation></userTask>
       <userTask id="t3" lt:unit="U" name="&#xDC00;"/><userTask id="ok" name="Kiểm tra 😀 &#x1F600; &#233;" lt:unit="U"/>`,
    );

    // when
    const result = await parseBpmn(xml);

    // then
    expect(result.definitions).toBeNull();
    expect(found(result.issues)).toEqual([
      'invalid-character@s',
      'invalid-character@t1',
      'invalid-character@t2',
      'invalid-character@t3',
    ]);
    expect(result.issues.map((i) => i.message)).toEqual([
      'The document contains a NUL character in s, which cannot be stored.',
      'The document contains the character reference &#0; in t1, which cannot be stored.',
      'The document contains a lone surrogate U+D800 in t2, which cannot be stored.',
      'The document contains the character reference &#xDC00; in t3, which cannot be stored.',
    ]);
  });
});

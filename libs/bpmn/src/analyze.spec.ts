import { analyzeBpmn, compileBpmn } from './analyze';
import { bpmnFixture, chain, conditionalFlow } from './testing';
import { BpmnValidationError } from './validation-issue';

async function errorsOf(xml: string) {
  const { issues } = await analyzeBpmn(xml);
  return issues.filter((i) => i.severity === 'error');
}

describe('compileBpmn', () => {
  it('compiles a linear process with lt attributes and a form', async () => {
    // given
    const xml = bpmnFixture(
      `<startEvent id="start"/>
       <userTask id="check" name="Kiểm tra" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="1d4h">
         <extensionElements><lt:form>
           <lt:formField id="eligible" label="Đủ điều kiện" type="boolean" required="true"/>
           <lt:formField id="result" label="Kết quả" type="enum" options="a, b"/>
         </lt:form></extensionElements>
       </userTask>
       <serviceTask id="tax" lt:unit="DTP-THUE-1" lt:topic="tax-assessment"/>
       <endEvent id="end"/>
       ${chain('start', 'check', 'tax', 'end')}`,
      {
        id: 'tach-thua-dat',
        attrs: 'lt:procedureCode="1.012784" lt:legalTimeLimit="12d" lt:receivingUnit="DTP-TTHCC"',
      },
    );

    // when
    const graph = await compileBpmn(xml);

    // then
    expect(graph.key).toBe('tach-thua-dat');
    expect(graph.procedureCode).toBe('1.012784');
    expect(graph.legalTimeLimit).toBe('12d');
    expect(graph.receivingUnit).toBe('DTP-TTHCC');
    expect(graph.startNode).toBe('start');
    expect(graph.nodes['check']).toMatchObject({
      kind: 'userTask',
      name: 'Kiểm tra',
      unit: { kind: 'literal', value: 'DTP-VPDK-CL' },
      candidateRole: 'officer',
      allottedTime: '1d4h',
      form: [
        { id: 'eligible', label: 'Đủ điều kiện', type: 'boolean', required: true },
        { id: 'result', label: 'Kết quả', type: 'enum', required: false, options: ['a', 'b'] },
      ],
    });
    expect(graph.nodes['tax']).toMatchObject({ kind: 'serviceTask', topic: 'tax-assessment', retries: 3 });
    expect(graph.nodes['check']?.incoming).toEqual(['f_start_check']);
    expect(graph.flows['f_check_tax']).toEqual({ id: 'f_check_tax', source: 'check', target: 'tax' });
  });

  it('refuses malformed XML, DOCTYPEs and empty documents with a reason', async () => {
    await expect(errorsOf('<definitions')).resolves.toEqual([
      expect.objectContaining({ code: 'malformed-xml' }),
    ]);
    await expect(errorsOf('')).resolves.toEqual([expect.objectContaining({ code: 'empty-document' })]);
    const xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><definitions/>';
    await expect(errorsOf(xxe)).resolves.toEqual([expect.objectContaining({ code: 'doctype-forbidden' })]);
  });

  it('names unsupported elements, missing units and gateways without outgoing flows', async () => {
    // given
    const xml = bpmnFixture(`
      <startEvent id="s"/>
      <scriptTask id="script"/>
      <userTask id="noUnit"/>
      <exclusiveGateway id="gw"/>
      ${chain('s', 'script', 'noUnit', 'gw')}`);

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unsupported-element', elementId: 'script' }),
        expect.objectContaining({ code: 'unit-missing', elementId: 'noUnit' }),
        expect.objectContaining({ code: 'no-outgoing', elementId: 'gw' }),
      ]),
    );
    await expect(compileBpmn(xml)).rejects.toBeInstanceOf(BpmnValidationError);
  });

  it('reports flows with unknown targets and conditions that do not parse', async () => {
    // given
    const xml = bpmnFixture(`
      <startEvent id="s"/>
      <exclusiveGateway id="gw" default="fDefault"/>
      <endEvent id="a"/><endEvent id="b"/>
      ${chain('s', 'gw')}
      ${conditionalFlow('fBad', 'gw', 'a', 'x >')}
      <sequenceFlow id="fDefault" sourceRef="gw" targetRef="b"/>
      <sequenceFlow id="fLost" sourceRef="gw" targetRef="nowhere"/>`);

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'invalid-expression', elementId: 'fBad' }),
        expect.objectContaining({ code: 'flow-endpoint', elementId: 'fLost' }),
      ]),
    );
  });

  it('requires a condition on non-default flows of an exclusive gateway', async () => {
    const xml = bpmnFixture(`
      <startEvent id="s"/><exclusiveGateway id="gw"/><endEvent id="a"/><endEvent id="b"/>
      ${chain('s', 'gw')}${chain('gw', 'a')}${conditionalFlow('f2', 'gw', 'b', 'x = 1')}`);
    await expect(errorsOf(xml)).resolves.toEqual([
      expect.objectContaining({ code: 'condition-missing', elementId: 'f_gw_a' }),
    ]);
  });

  it('rejects invalid durations, timers and roles', async () => {
    const xml = bpmnFixture(`
      <startEvent id="s"/>
      <userTask id="t" lt:unit="U" lt:allottedTime="three days" lt:candidateRole="boss"/>
      <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>3 days</timeDuration></timerEventDefinition></intermediateCatchEvent>
      <endEvent id="e"/>
      ${chain('s', 't', 'wait', 'e')}`);
    const codes = (await errorsOf(xml)).map((e) => `${e.code}@${e.elementId}`);
    expect(codes.sort()).toEqual(['invalid-duration@t', 'invalid-role@t', 'invalid-timer@wait']);
  });

  it('compiles sub-processes, boundary events, call activities and multi-instance tasks', async () => {
    // given
    const xml = bpmnFixture(
      `<startEvent id="s"/>
      <subProcess id="sub">
        <startEvent id="subStart"/><serviceTask id="svc" lt:unit="U" lt:topic="t1"/><endEvent id="subEnd"/>
        ${chain('subStart', 'svc', 'subEnd')}
      </subProcess>
      <boundaryEvent id="err" attachedToRef="sub"><errorEventDefinition errorRef="Err1"/></boundaryEvent>
      <boundaryEvent id="late" attachedToRef="sub" cancelActivity="false"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
      <callActivity id="call" calledElement="thue">
        <extensionElements><lt:in source="=parcel.area" target="area"/><lt:out source="amount" target="taxAmount"/></extensionElements>
      </callActivity>
      <userTask id="consult" lt:unit="=agency">
        <multiInstanceLoopCharacteristics lt:collection="=agencies" lt:elementVariable="agency" lt:outputCollection="opinions" lt:outputElement="=opinion"/>
      </userTask>
      <endEvent id="e"/><endEvent id="eErr"/><endEvent id="eLate"/>
      ${chain('s', 'sub', 'call', 'consult', 'e')}${chain('err', 'eErr')}${chain('late', 'eLate')}`,
      { extra: '<error id="Err1" errorCode="TAX_FAILED"/>' },
    );

    // when
    const graph = await compileBpmn(xml);

    // then
    expect(graph.nodes['sub']).toMatchObject({ kind: 'subProcess', startNode: 'subStart', scope: null });
    expect(graph.nodes['svc']).toMatchObject({ scope: 'sub' });
    expect(graph.boundaries['sub']?.sort()).toEqual(['err', 'late']);
    expect(graph.nodes['err']).toMatchObject({
      kind: 'boundaryEvent',
      cancelActivity: true,
      trigger: { kind: 'error', errorCode: 'TAX_FAILED' },
    });
    expect(graph.nodes['late']).toMatchObject({
      cancelActivity: false,
      trigger: { kind: 'timer', timer: { kind: 'duration', expression: 'P2D' } },
    });
    expect(graph.nodes['call']).toMatchObject({
      kind: 'callActivity',
      calledElement: 'thue',
      inputs: [{ source: 'parcel.area', target: 'area' }],
      outputs: [{ source: 'amount', target: 'taxAmount' }],
      passAllIn: false,
    });
    expect(graph.nodes['consult']).toMatchObject({
      unit: { kind: 'feel', expression: 'agency' },
      multiInstance: {
        sequential: false,
        collection: 'agencies',
        elementVariable: 'agency',
        outputCollection: 'opinions',
        outputElement: 'opinion',
      },
    });
  });

  it('computes which nodes can still reach an inclusive join', async () => {
    const xml = bpmnFixture(`
      <startEvent id="s"/><inclusiveGateway id="fork"/>
      <userTask id="a" lt:unit="U"/><userTask id="b" lt:unit="U"/>
      <inclusiveGateway id="join"/><endEvent id="e"/>
      ${chain('s', 'fork')}${conditionalFlow('fa', 'fork', 'a', 'x')}${conditionalFlow('fb', 'fork', 'b', 'y')}
      ${chain('a', 'join')}${chain('b', 'join')}${chain('join', 'e')}`);
    const graph = await compileBpmn(xml);
    expect(graph.inclusiveJoinUpstream['join']).toEqual(['a', 'b', 'fork', 's']);
  });
});

describe('analyzeBpmn, which process runs', () => {
  const body = `<startEvent id="s"/><userTask id="t"/>${chain('s', 't')}`;

  it('refuses a lone process not marked executable, naming it (Camunda: only isExecutable="true" runs)', async () => {
    // given
    const xml = bpmnFixture(body).replace('isExecutable="true"', 'isExecutable="false"');

    // when
    const { graph, issues } = await analyzeBpmn(xml);

    // then every problem is listed, the process named
    expect(graph).toBeNull();
    expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.elementId}`)).toEqual([
      'process-count@proc',
      'unit-missing@t',
    ]);
  });

  it('runs the one executable process and ignores the other pools', async () => {
    // given
    const xml = bpmnFixture(`<startEvent id="s"/><endEvent id="e"/>${chain('s', 'e')}`, {
      extra: '<process id="partner" isExecutable="false"><userTask id="theirs"/></process>',
    });

    // when
    const { graph, issues } = await analyzeBpmn(xml);

    // then
    expect(issues).toEqual([]);
    expect(graph?.key).toBe('proc');
  });

  it('names every candidate when several processes are executable, and checks each', async () => {
    // given
    const xml = bpmnFixture(body, {
      extra: `<process id="other" isExecutable="true"><startEvent id="s2"/><serviceTask id="svc" lt:unit="U"/>${chain('s2', 'svc')}</process>`,
    });

    // when
    const { graph, issues } = await analyzeBpmn(xml);

    // then
    expect(graph).toBeNull();
    expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.elementId}`)).toEqual([
      'process-count@other',
      'process-count@proc',
      'topic-missing@svc',
      'unit-missing@t',
    ]);
  });
});

import { analyzeBpmn, createModdle, parseBpmn, serializeBpmn } from '@lienthong/bpmn';
import {
  formFieldProblems,
  formFieldsValid,
  loopMode,
  loopValue,
  mappingProblems,
  messageIdFor,
  messageName,
  messageNames,
  moveField,
  newFieldId,
  readFormFields,
  readMappings,
  readTimer,
  setLoopMode,
  setLoopValue,
  setMessageName,
  timerProblem,
  isWorkingTimer,
  writeFormFields,
  writeMappings,
  writeTimer,
  type Bo,
  type FieldDraft,
  type ModelContext,
  type Shape,
} from './lt-model';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:lt="https://lienthong.vn/schema/bpmn/1.0" xmlns:other="urn:other-tool" id="d" targetNamespace="urn:t">
  <bpmn:message id="Message_paid" name="le-phi-da-nop" />
  <bpmn:process id="thu-nghiem" name="Thử nghiệm" isExecutable="true" lt:legalTimeLimit="10d">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="Thẩm định" lt:unit="HCL-VPDK" lt:candidateRole="officer" lt:allottedTime="2d">
      <bpmn:extensionElements><other:note text="kept" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:receiveTask id="wait" name="Chờ nộp lệ phí" lt:unit="HCL-VPDK" lt:candidateRole="officer" lt:allottedTime="1d">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:receiveTask>
    <bpmn:intermediateCatchEvent id="pause" name="Chờ 2 ngày">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:timerEventDefinition id="td"><bpmn:timeDate>2026-01-01T08:00:00+07:00</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:callActivity id="call" name="Đăng ký biến động" calledElement="dang-ky-bien-dong" lt:unit="HCL-VPDK" lt:candidateRole="officer" lt:allottedTime="3d">
      <bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:intermediateCatchEvent id="notice" name="Chờ thông báo thuế">
      <bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing>
      <bpmn:messageEventDefinition id="md" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="wait" />
    <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="pause" />
    <bpmn:sequenceFlow id="f4" sourceRef="pause" targetRef="call" />
    <bpmn:sequenceFlow id="f5" sourceRef="call" targetRef="notice" />
    <bpmn:sequenceFlow id="f6" sourceRef="notice" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** The editors' commands applied as bpmn-js's `modeling.updateModdleProperties` does: set each property. */
function context(): { ctx: ModelContext; commands: number } {
  const moddle = createModdle();
  const state = { commands: 0 };
  const ctx: ModelContext = {
    factory: { create: (type, attrs) => moddle.create(type, attrs) as unknown as Bo },
    modeling: {
      updateModdleProperties(_element, bo, props) {
        state.commands++;
        for (const [name, value] of Object.entries(props)) (bo as BoSet).set(name, value);
      },
    },
  };
  return {
    ctx,
    get commands() {
      return state.commands;
    },
  };
}

interface BoSet extends Bo {
  set(name: string, value: unknown): void;
}

async function open() {
  const parsed = await parseBpmn(XML);
  if (!parsed.definitions) throw new Error('unparsed');
  const shape = (id: string): Shape => ({ businessObject: parsed.elementsById[id] as unknown as BoSet });
  return { definitions: parsed.definitions, shape };
}

const field = (f: Partial<FieldDraft>): FieldDraft => ({
  id: 'x',
  label: 'X',
  type: 'string',
  required: false,
  options: [],
  ...f,
});

describe('the panel editors write what the engine runs', () => {
  it('a diagram edited through the editors is valid and the engine builds it as edited', async () => {
    const { definitions, shape } = await open();
    const c = context();
    const { ctx } = c;

    writeFormFields(ctx, shape('review'), [
      field({
        id: 'ketQua',
        label: 'Kết quả thẩm định',
        type: 'enum',
        required: true,
        options: ['eligible', 'not_eligible'],
      }),
      field({ id: 'ghiChu', label: 'Ý kiến', type: 'text' }),
      field({ id: 'ngayHen', label: 'Ngày hẹn', type: 'date' }),
    ]);
    setLoopMode(ctx, shape('review'), 'parallel');
    setLoopValue(ctx, shape('review'), 'lt:collection', '=parcels');
    setLoopValue(ctx, shape('review'), 'lt:elementVariable', 'parcel');
    setLoopValue(ctx, shape('review'), 'completionCondition', '=nrOfCompletedInstances >= 2');
    setMessageName(ctx, shape('wait'), 'le-phi-da-nop');
    setMessageName(ctx, shape('notice'), 'thông báo thuế');
    writeTimer(ctx, shape('pause'), 'timeDuration', '2d');
    writeMappings(ctx, shape('call'), 'lt:In', [{ source: '=parcelId', target: 'thuaDat' }]);
    writeMappings(ctx, shape('call'), 'lt:Out', [{ source: 'soGiayChungNhan', target: 'giayChungNhan' }]);

    const xml = await serializeBpmn(definitions);
    const { graph, issues } = await analyzeBpmn(xml);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(graph).not.toBeNull();
    const nodes = graph!.nodes;
    expect(nodes['review']).toMatchObject({
      kind: 'userTask',
      form: [
        {
          id: 'ketQua',
          label: 'Kết quả thẩm định',
          type: 'enum',
          required: true,
          options: ['eligible', 'not_eligible'],
        },
        { id: 'ghiChu', label: 'Ý kiến', type: 'text', required: false },
        { id: 'ngayHen', label: 'Ngày hẹn', type: 'date', required: false },
      ],
      multiInstance: {
        sequential: false,
        collection: 'parcels',
        elementVariable: 'parcel',
        completionCondition: 'nrOfCompletedInstances >= 2',
      },
    });
    expect(nodes['wait']).toMatchObject({ kind: 'receiveTask', messageName: 'le-phi-da-nop' });
    expect(nodes['notice']).toMatchObject({ kind: 'messageCatch', messageName: 'thông báo thuế' });
    expect(nodes['pause']).toMatchObject({
      kind: 'timerCatch',
      timer: { kind: 'duration', expression: '2d', working: true },
    });
    expect(nodes['call']).toMatchObject({
      kind: 'callActivity',
      inputs: [{ source: 'parcelId', target: 'thuaDat' }],
      outputs: [{ source: 'soGiayChungNhan', target: 'giayChungNhan' }],
      passAllIn: false,
      passAllOut: false,
    });
    expect(graph!.messages).toEqual(['le-phi-da-nop', 'thông báo thuế']);
    // the other tool's extension element survives, before our form
    expect(xml).toMatch(/<other:note text="kept" \/>\s*<lt:form>/);
    // one message was added (the existing one reused), named from its Vietnamese name
    expect(xml).toContain('<bpmn:message id="Message_thong_bao_thue" name="thông báo thuế" />');
    expect(xml.match(/<bpmn:message /g)).toHaveLength(2);
  });

  it('reads back what it wrote, and rewriting replaces rather than adds', async () => {
    const { shape } = await open();
    const { ctx } = context();
    const review = shape('review');
    writeFormFields(ctx, review, [field({ id: 'a', label: 'A' })]);
    writeFormFields(ctx, review, [
      field({ id: 'b', label: 'B', required: true }),
      field({ id: 'a', label: 'A' }),
    ]);
    expect(readFormFields(review.businessObject).map((f) => [f.id, f.required])).toEqual([
      ['b', true],
      ['a', false],
    ]);
    writeFormFields(ctx, review, []);
    expect(readFormFields(review.businessObject)).toEqual([]);

    const call = shape('call');
    writeMappings(ctx, call, 'lt:In', [{ source: 'a', target: 'b' }]);
    writeMappings(ctx, call, 'lt:Out', [{ source: 'c', target: 'd' }]);
    writeMappings(ctx, call, 'lt:In', [{ source: 'x', target: 'y' }]);
    expect(readMappings(call.businessObject, 'lt:In')).toEqual([{ source: 'x', target: 'y' }]);
    expect(readMappings(call.businessObject, 'lt:Out')).toEqual([{ source: 'c', target: 'd' }]);

    expect(messageNames(shape('wait').businessObject)).toEqual(['le-phi-da-nop']);
    setMessageName(ctx, shape('wait'), 'le-phi-da-nop');
    expect(messageName(shape('wait').businessObject)).toBe('le-phi-da-nop');
    setMessageName(ctx, shape('wait'), '');
    expect(messageName(shape('wait').businessObject)).toBe('');
  });

  it('sets, switches and removes the multi-instance loop', async () => {
    const { shape } = await open();
    const { ctx } = context();
    const review = shape('review');
    expect(loopMode(review.businessObject)).toBe('none');
    setLoopMode(ctx, review, 'sequential');
    setLoopValue(ctx, review, 'loopCardinality', '3');
    expect(loopMode(review.businessObject)).toBe('sequential');
    setLoopMode(ctx, review, 'parallel');
    expect(loopMode(review.businessObject)).toBe('parallel');
    expect(loopValue(review.businessObject, 'loopCardinality')).toBe('3');
    setLoopValue(ctx, review, 'loopCardinality', '');
    expect(loopValue(review.businessObject, 'loopCardinality')).toBe('');
    setLoopMode(ctx, review, 'none');
    expect(review.businessObject.get('loopCharacteristics')).toBeUndefined();
  });

  it('keeps exactly one timer value, whichever kind was there', async () => {
    const { shape } = await open();
    const { ctx } = context();
    const pause = shape('pause');
    expect(readTimer(pause.businessObject)).toEqual({ kind: 'timeDate', value: '2026-01-01T08:00:00+07:00' });
    writeTimer(ctx, pause, 'timeCycle', 'R3/PT1H');
    expect(readTimer(pause.businessObject)).toEqual({ kind: 'timeCycle', value: 'R3/PT1H' });
    writeTimer(ctx, pause, 'timeDuration', '');
    expect(readTimer(pause.businessObject)).toEqual({ kind: 'timeDuration', value: '' });
  });
});

describe('the editors check what is typed', () => {
  it('form field ids are identifiers, unique; labels given; enum fields have options', () => {
    const problems = formFieldProblems([
      field({ id: 'hoTen', label: 'Họ tên' }),
      field({ id: 'hoTen', label: 'Họ tên khác' }),
      field({ id: '1abc', label: 'Số' }),
      field({ id: 'mã', label: '' }),
      field({ id: '', label: 'Trống' }),
      field({ id: 'chon', label: 'Chọn', type: 'enum', options: [] }),
      field({ id: 'chon2', label: 'Chọn', type: 'enum', options: ['a,b'] }),
    ]);
    expect(problems[0]).toEqual({ id: 'Mã hoTen đã dùng cho trường khác.' });
    expect(problems[1]?.id).toContain('đã dùng');
    expect(problems[2]?.id).toContain('không bắt đầu bằng số');
    expect(problems[3]).toMatchObject({
      id: expect.stringContaining('không dấu'),
      label: expect.any(String),
    });
    expect(problems[4]?.id).toBe('Chưa có mã trường.');
    expect(problems[5]?.options).toBe('Trường lựa chọn cần ít nhất một giá trị.');
    expect(problems[6]?.options).toContain('dấu phẩy');
    expect(formFieldsValid([field({ id: 'a', label: 'A' }), field({ id: 'b', label: 'B' })])).toBe(true);
  });

  it('gives new fields unused ids and moves fields within the list', () => {
    expect(newFieldId([field({ id: 'truong2' })])).toBe('truong3');
    expect(newFieldId([field({ id: 'truong1' }), field({ id: 'truong2' })])).toBe('truong3');
    expect(newFieldId([field({ id: 'x' }), field({ id: 'truong2' })])).toBe('truong3');
    expect(moveField(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveField(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveField(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('checks mappings: FEEL source, identifier target', () => {
    expect(mappingProblems({ source: '=a + 1', target: 'b' })).toEqual({});
    expect(mappingProblems({ source: 'a +', target: 'b c' })).toEqual({
      source: expect.stringContaining('FEEL'),
      target: expect.stringContaining('không dấu'),
    });
    expect(mappingProblems({ source: '', target: '' })).toEqual({
      source: 'Chưa có biểu thức nguồn.',
      target: 'Chưa có tên biến đích.',
    });
  });

  it('checks timers as the engine does: working time, ISO 8601, FEEL', () => {
    expect(timerProblem('timeDuration', '2d')).toBeNull();
    expect(timerProblem('timeDuration', '0.5d')).toBeNull();
    expect(timerProblem('timeDuration', 'PT4H')).toBeNull();
    expect(timerProblem('timeDuration', '=ngayCho')).toBeNull();
    expect(timerProblem('timeDuration', '=ngay cho +')).toContain('FEEL');
    expect(timerProblem('timeDuration', 'hai ngày')).toContain('2d');
    expect(timerProblem('timeDate', '2026-07-01T08:00:00+07:00')).toBeNull();
    expect(timerProblem('timeDate', '01/07/2026')).toContain('ISO 8601');
    expect(timerProblem('timeCycle', 'R3/PT1H')).toBeNull();
    expect(timerProblem('timeCycle', 'mỗi giờ')).toContain('R3/PT1H');
    expect(timerProblem('timeDuration', ' ')).toBe('Chưa có giá trị hẹn giờ.');
    expect(isWorkingTimer('timeDuration', '2d')).toBe(true);
    expect(isWorkingTimer('timeDuration', 'P2D')).toBe(false);
  });

  it('names new messages without diacritics and never reuses an id', () => {
    expect(messageIdFor('Đã nộp lệ phí', () => false)).toBe('Message_Da_nop_le_phi');
    expect(messageIdFor('x', (id) => id === 'Message_x')).toBe('Message_x_2');
    expect(messageIdFor('!!!', () => false)).toBe('Message_message');
  });
});

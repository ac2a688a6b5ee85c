import { BpmnModdle } from 'bpmn-moddle';
import { bpmnFixture, chain } from './testing';
import { readerWarningElementId, readerWarningVi } from './reader-warning.util';

describe('readerWarningVi', () => {
  it('puts what bpmn-moddle warns about a file in Vietnamese, naming the element', async () => {
    // given a file with an unresolved reference, an unknown BPMN element and a shape of nothing
    const xml = bpmnFixture(
      `<startEvent id="s"/><userTask id="t"/>${chain('s', 't')}
       <sequenceFlow id="f_gone" sourceRef="t" targetRef="gone"/><fooTask id="ft"/>`,
    );

    // when bpmn-moddle reads it
    const { warnings } = await new BpmnModdle().fromXML(xml);

    // then each warning has its element (found in the file by its line and column when the reader
    // names none) and a Vietnamese gist
    expect(readerWarningElementId(warnings[0] as never)).toBeNull();
    expect(warnings.map((w) => [readerWarningElementId(w, xml), readerWarningVi(w)])).toEqual([
      ['ft', 'phần tử <fooTask> không có trong chuẩn BPMN 2.0 nên bị bỏ qua.'],
      ['f_gone', 'tham chiếu tới "gone" (điểm đích của luồng) không có trong tệp nên bị bỏ.'],
    ]);
  });

  it('puts what bpmn-js warns about drawing in Vietnamese, naming the element of the message', () => {
    const cases = [
      'multiple DI elements defined for <bpmn:UserTask id="t" />',
      'no bpmnElement referenced in <bpmndi:BPMNShape id="x_di" />',
      'element <bpmn:UserTask id="t" /> referenced by <bpmn:SequenceFlow id="f" />#targetRef not yet drawn',
      'unknown di <bpmndi:BPMNEdge id="e_di" /> for element <bpmn:UserTask id="t" />',
      'something new',
    ];
    expect(
      cases.map((message) => [readerWarningElementId({ message }), readerWarningVi({ message })]),
    ).toEqual([
      ['t', 'phần tử có nhiều hình vẽ, chỉ hình đầu tiên được vẽ.'],
      ['x_di', 'hình vẽ không gắn với phần tử nào nên bị bỏ qua.'],
      ['t', 'phần tử được nối tới chưa có hình vẽ nên đường nối không được vẽ.'],
      ['e_di', 'hình vẽ không hợp với loại phần tử nên phần tử không được vẽ.'],
      [null, 'cảnh báo khác khi đọc tệp (xem chi tiết kỹ thuật).'],
    ]);
  });
});

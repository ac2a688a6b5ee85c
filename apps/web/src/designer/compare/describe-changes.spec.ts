/// <reference types="node" />
import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import { LT_NAMESPACE_URI, ltDescriptor } from '@lienthong/bpmn';
import { describeAttribute, describeChanges } from './describe-changes';

describe('describeChanges', () => {
  it('says property changes in words, durations in working days', () => {
    expect(describeAttribute('lt:allottedTime', '3d', '2d')).toBe('thời gian 3 → 2 ngày');
    expect(describeAttribute('unit', 'DTP-VPDK-CL', 'DTP-VPDK')).toBe('đơn vị DTP-VPDK-CL → DTP-VPDK');
    expect(describeAttribute('legalTimeLimit', '15d', '12d')).toBe('thời hạn giải quyết 15 → 12 ngày');
    expect(describeAttribute('lt:allottedTime', undefined, '4h')).toBe('thời gian (trống) → 4h');
  });

  it('lists added, removed and changed elements, without diagram-only changes', () => {
    const lines = describeChanges({
      _added: {
        t_new: { $type: 'bpmn:UserTask', name: 'Thẩm tra thực địa' },
        t_new_di: { $type: 'bpmndi:BPMNShape' },
        gw_hop: { $type: 'bpmn:ParallelGateway' },
      },
      _removed: { t_ky: { $type: 'bpmn:UserTask', name: 'Ký Giấy chứng nhận' } },
      _changed: {
        t_kiem_tra: {
          model: { $type: 'bpmn:UserTask', name: 'Kiểm tra hồ sơ' },
          // as bpmn-js-differ 3 reports them: `oldValue` is the value in the second model, `newValue` in the first
          attrs: {
            allottedTime: { oldValue: '2d', newValue: '3d' },
            unit: { oldValue: 'DTP-VPDK', newValue: 'DTP-VPDK-CL' },
          },
        },
        plane: { model: { $type: 'bpmndi:BPMNPlane' }, attrs: { x: { oldValue: 1, newValue: 2 } } },
      },
    });
    expect(lines).toEqual([
      {
        id: 't_kiem_tra',
        kind: 'changed',
        text: 'Kiểm tra hồ sơ: thời gian 3 → 2 ngày; đơn vị DTP-VPDK-CL → DTP-VPDK',
      },
      { id: 't_new', kind: 'added', text: 'Thêm bước: Thẩm tra thực địa' },
      { id: 'gw_hop', kind: 'added', text: 'Thêm cổng song song gw_hop' },
      { id: 't_ky', kind: 'removed', text: 'Bỏ bước: Ký Giấy chứng nhận' },
    ]);
  });
});

describe('describeChanges of two real versions (bpmn-moddle with the lt descriptor, bpmn-js-differ)', () => {
  const version = (step: string, process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:lt="${LT_NAMESPACE_URI}" id="d" targetNamespace="t">
  <bpmn:process id="p" name="Thủ tục" isExecutable="true" ${process}>
    <bpmn:startEvent id="s" />
    <bpmn:userTask id="t_kiem_tra" name="Kiểm tra hồ sơ" ${step}</bpmn:userTask>
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t_kiem_tra" />
    <bpmn:sequenceFlow id="f2" sourceRef="t_kiem_tra" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
  const v1 = version(
    `lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="3d">
      <bpmn:extensionElements><lt:form>
        <lt:formField id="result" label="Kết quả kiểm tra" type="select" required="true" options="dat,khong_dat" />
        <lt:formField id="area" label="Diện tích" type="number" />
      </lt:form></bpmn:extensionElements>`,
    'lt:legalTimeLimit="15d"',
  );
  const v2 = version(
    `lt:unit="DTP-VPDK" lt:candidateRole="leader" lt:allottedTime="2d">
      <bpmn:extensionElements><lt:form>
        <lt:formField id="result" label="Kết quả kiểm tra hồ sơ" type="select" options="dat,khong_dat,bo_sung" />
        <lt:formField id="note" label="Ghi chú" type="text" />
      </lt:form></bpmn:extensionElements>`,
    'lt:legalTimeLimit="12d"',
  );

  async function compare(a: string, b: string) {
    const moddle = new BpmnModdle({ lt: ltDescriptor });
    const [before, after] = [(await moddle.fromXML(a)).rootElement, (await moddle.fromXML(b)).rootElement];
    return describeChanges(diff(before, after), { before, after });
  }

  it('says the lt attributes and the form fields that changed, in words', async () => {
    const lines = await compare(v1, v2);
    expect(lines).toEqual([
      {
        id: 't_kiem_tra',
        kind: 'changed',
        text:
          'Kiểm tra hồ sơ: đơn vị DTP-VPDK-CL → DTP-VPDK; vai trò Chuyên viên xử lý → Lãnh đạo ký duyệt; ' +
          'thời gian 3 → 2 ngày; biểu mẫu: thêm trường "Ghi chú"; biểu mẫu: bỏ trường "Diện tích"; ' +
          'biểu mẫu: trường "Kết quả kiểm tra": nhãn Kết quả kiểm tra → Kết quả kiểm tra hồ sơ, ' +
          'bắt buộc có → không, lựa chọn dat,khong_dat → dat,khong_dat,bo_sung',
      },
      { id: 'p', kind: 'changed', text: 'Thủ tục: thời hạn giải quyết 15 → 12 ngày' },
    ]);
  });

  it('names a flow’s new target by the element’s name, and finds nothing between a version and itself', async () => {
    const rerouted = v1.replace('targetRef="e"', 'targetRef="s"');
    expect(await compare(v1, rerouted)).toEqual([
      { id: 'f2', kind: 'changed', text: 'luồng f2: đi đến e → s' },
    ]);
    expect(await compare(v1, v1)).toEqual([]);
  });
});

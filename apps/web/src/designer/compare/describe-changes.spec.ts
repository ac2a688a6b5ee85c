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
      },
      _removed: { t_ky: { $type: 'bpmn:UserTask', name: 'Ký Giấy chứng nhận' } },
      _changed: {
        t_kiem_tra: {
          model: { $type: 'bpmn:UserTask', name: 'Kiểm tra hồ sơ' },
          attrs: {
            allottedTime: { oldValue: '3d', newValue: '2d' },
            unit: { oldValue: 'DTP-VPDK-CL', newValue: 'DTP-VPDK' },
          },
        },
        plane: { model: { $type: 'bpmndi:BPMNPlane' }, attrs: { x: { oldValue: 1, newValue: 2 } } },
      },
    });
    expect(lines).toEqual([
      { id: 't_new', kind: 'added', text: 'Thêm bước: Thẩm tra thực địa' },
      { id: 't_ky', kind: 'removed', text: 'Bỏ bước: Ký Giấy chứng nhận' },
      {
        id: 't_kiem_tra',
        kind: 'changed',
        text: 'Kiểm tra hồ sơ: thời gian 3 → 2 ngày; đơn vị DTP-VPDK-CL → DTP-VPDK',
      },
    ]);
  });
});

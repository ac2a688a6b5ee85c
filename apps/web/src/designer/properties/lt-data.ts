import { ltDescriptor } from '@lienthong/bpmn';

/** The element types an `lt:` extension type of the engine's descriptor extends (e.g. `StepProps`). */
export function extendedBy(typeName: string): readonly string[] {
  return ltDescriptor.types.find((t) => t.name === typeName)?.extends ?? [];
}

/** Steps: they have a unit, a role and an allotted time (`lt:StepProps`). */
export const STEP_TYPES = extendedBy('StepProps');
/** Elements whose clock rule is set (`lt:ClockProps`). */
export const CLOCKED_TYPES = extendedBy('ClockProps');

/** Lists the properties panel offers (filled from the engine once loaded; the panel reads them when it renders). */
export interface LtData {
  units: Array<{ code: string; name: string }>;
  procedures: Array<{ code: string; name: string }>;
}

export const ROLE_OPTIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'reception', label: 'Tiếp nhận, trả kết quả (Một cửa)' },
  { value: 'officer', label: 'Chuyên viên xử lý' },
  { value: 'leader', label: 'Lãnh đạo ký duyệt' },
];

export const CLOCK_OPTIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Tính vào thời hạn (mặc định)' },
  { value: 'pause', label: 'Tạm dừng thời hạn (chờ công dân bổ sung, nộp tiền)' },
  { value: 'restart', label: 'Tính lại thời hạn từ đầu' },
];

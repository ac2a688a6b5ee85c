import type { El } from './moddle.util';

/**
 * Vietnamese names of BPMN element kinds and event definitions for the rules' Vietnamese messages,
 * worded as the designer's palette and replace menu name them (`vi.translations.ts` of the web app).
 */
const ELEMENT_NAMES: Readonly<Record<string, string>> = {
  'bpmn:Task': 'Bước xử lý',
  'bpmn:UserTask': 'Bước do cán bộ xử lý',
  'bpmn:ServiceTask': 'Bước do hệ thống xử lý',
  'bpmn:SendTask': 'Bước gửi thông điệp',
  'bpmn:ReceiveTask': 'Bước chờ nhận',
  'bpmn:ManualTask': 'Bước thủ công',
  'bpmn:BusinessRuleTask': 'Bước áp dụng quy tắc nghiệp vụ',
  'bpmn:ScriptTask': 'Bước chạy kịch bản',
  'bpmn:CallActivity': 'Gọi quy trình khác',
  'bpmn:SubProcess': 'Quy trình con',
  'bpmn:AdHocSubProcess': 'Quy trình con tự do',
  'bpmn:Transaction': 'Giao dịch',
  'bpmn:StartEvent': 'Sự kiện bắt đầu',
  'bpmn:EndEvent': 'Sự kiện kết thúc',
  'bpmn:IntermediateThrowEvent': 'Sự kiện trung gian phát',
  'bpmn:IntermediateCatchEvent': 'Sự kiện trung gian chờ',
  'bpmn:ImplicitThrowEvent': 'Sự kiện phát ngầm',
  'bpmn:BoundaryEvent': 'Sự kiện biên',
  'bpmn:ExclusiveGateway': 'Cổng chọn một nhánh',
  'bpmn:InclusiveGateway': 'Cổng chọn nhiều nhánh',
  'bpmn:ParallelGateway': 'Cổng song song',
  'bpmn:ComplexGateway': 'Cổng phức hợp',
  'bpmn:EventBasedGateway': 'Cổng theo sự kiện',
  'bpmn:SequenceFlow': 'Luồng tuần tự',
  'bpmn:DataObject': 'Đối tượng dữ liệu',
  'bpmn:DataObjectReference': 'Đối tượng dữ liệu',
  'bpmn:DataStoreReference': 'Kho dữ liệu',
  'bpmn:ChoreographyTask': 'Bước phối hợp',
  'bpmn:SubChoreography': 'Phối hợp con',
  'bpmn:CallChoreography': 'Gọi phối hợp',
};

const EVENT_DEFINITION_NAMES: Readonly<Record<string, string>> = {
  'bpmn:MessageEventDefinition': 'thông điệp',
  'bpmn:TimerEventDefinition': 'hẹn giờ',
  'bpmn:SignalEventDefinition': 'tín hiệu',
  'bpmn:ConditionalEventDefinition': 'điều kiện',
  'bpmn:ErrorEventDefinition': 'lỗi',
  'bpmn:EscalationEventDefinition': 'chuyển cấp',
  'bpmn:CompensateEventDefinition': 'bù trừ',
  'bpmn:CancelEventDefinition': 'huỷ',
  'bpmn:LinkEventDefinition': 'điểm nối',
  'bpmn:TerminateEventDefinition': 'kết thúc toàn bộ',
};

/** The element kind as the palette names it ("Cổng phức hợp"); a kind BPMN 2.0 lacks is "phần tử lạ". */
export function viElementName(el: El): string {
  return ELEMENT_NAMES[el.$type] ?? 'Phần tử lạ';
}

/** An event definition's kind in words ("tín hiệu", "bù trừ"). */
export function viEventDefinitionName(def: El): string {
  return EVENT_DEFINITION_NAMES[def.$type] ?? 'loại lạ';
}

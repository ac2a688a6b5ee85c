import { offsetOf } from './xml-scan.util';

/**
 * What bpmn-moddle (reading the XML) and bpmn-js (drawing it) warn about when a file opens, in
 * Vietnamese: the designer shows these to whoever imported the file, the engine puts them in its
 * reader issues. The readers' English messages are matched by their fixed wording.
 */
export interface ReaderWarning {
  message: string;
  /** The moddle element the warning concerns (the one holding an unresolved reference). */
  element?: { id?: unknown; $type?: unknown };
  /** The property of an unresolved reference or unknown attribute (`bpmn:targetRef`). */
  property?: unknown;
}

/** The references a reader may fail to resolve, by their moddle property. */
const REFERENCES_VI: Readonly<Record<string, string>> = {
  'bpmn:sourceRef': 'điểm nguồn của luồng',
  'bpmn:targetRef': 'điểm đích của luồng',
  'bpmn:default': 'luồng mặc định',
  'bpmn:attachedToRef': 'bước mà sự kiện biên gắn vào',
  'bpmn:messageRef': 'thông điệp',
  'bpmn:errorRef': 'lỗi',
  'bpmn:signalRef': 'tín hiệu',
  'bpmn:escalationRef': 'chuyển cấp',
  'bpmn:processRef': 'quy trình của đơn vị tham gia',
  'bpmn:dataObjectRef': 'đối tượng dữ liệu',
  'bpmn:dataStoreRef': 'kho dữ liệu',
  'bpmn:flowNodeRef': 'phần tử của làn',
  'bpmn:categoryValueRef': 'nhóm',
  'bpmndi:bpmnElement': 'phần tử mà hình vẽ thể hiện',
};

/**
 * The element a warning concerns: the one it carries, else the first named in it
 * (`<bpmn:Task id="x" />`), else (given the file) the one at the line and column it gives.
 */
export function readerWarningElementId(w: ReaderWarning, xml?: string): string | null {
  const id = w.element?.id;
  if (typeof id === 'string' && id !== '') return id;
  const named = /\bid="([^"]+)"/.exec(w.message)?.[1];
  if (named) return named;
  const at = /line: (\d+)\s+column: (\d+)/.exec(w.message);
  if (!at || xml === undefined) return null;
  const tag = xml.slice(offsetOf(xml, Number(at[1]), Number(at[2])));
  return /^<[^>]*?\sid="([^"]+)"/.exec(tag)?.[1] ?? null;
}

/** The gist of a reader's warning in Vietnamese ("tham chiếu tới "gone" (điểm đích của luồng) không có trong tệp"). */
export function readerWarningVi(w: ReaderWarning): string {
  const message = w.message;
  const unresolved = /^unresolved reference <([^>]*)>/.exec(message);
  if (unresolved) {
    const what = typeof w.property === 'string' ? REFERENCES_VI[w.property] : undefined;
    return `tham chiếu tới "${unresolved[1]}"${what ? ` (${what})` : ''} không có trong tệp nên bị bỏ.`;
  }
  const unparsable = /^unparsable content <([^>\s]*)\s*> detected/.exec(message);
  if (unparsable) {
    return /unknown type </.test(message)
      ? `phần tử <${unparsable[1]}> không có trong chuẩn BPMN 2.0 nên bị bỏ qua.`
      : `phần tử <${unparsable[1]}> không đọc được nên bị bỏ qua.`;
  }
  const unknownType = /^unknown type <([^>]*)>/.exec(message);
  if (unknownType) return `loại phần tử <${unknownType[1]}> không có trong chuẩn BPMN 2.0 nên bị bỏ qua.`;
  const unknownAttribute = /^unknown attribute <([^>]*)>/.exec(message);
  if (unknownAttribute) {
    return `thuộc tính ${unknownAttribute[1]} không có trong chuẩn BPMN 2.0, được giữ nguyên nhưng không dùng.`;
  }
  const duplicate = /^duplicate ID <([^>]*)>/.exec(message);
  if (duplicate) return `mã "${duplicate[1]}" bị trùng, chỉ phần tử đầu tiên giữ mã này.`;
  if (/^multiple DI elements defined for/.test(message)) {
    return 'phần tử có nhiều hình vẽ, chỉ hình đầu tiên được vẽ.';
  }
  if (/^no bpmnElement referenced in/.test(message)) {
    return 'hình vẽ không gắn với phần tử nào nên bị bỏ qua.';
  }
  if (/^unknown di /.test(message)) return 'hình vẽ không hợp với loại phần tử nên phần tử không được vẽ.';
  if (/not yet drawn$/.test(message)) {
    return 'phần tử được nối tới chưa có hình vẽ nên đường nối không được vẽ.';
  }
  if (/Ref not specified$/.test(message))
    return 'đường nối thiếu điểm nguồn hoặc điểm đích nên không được vẽ.';
  if (/#attachedToRef$/.test(message)) return 'sự kiện biên chưa gắn vào bước nào nên không được vẽ.';
  if (/^unrecognized flowElement/.test(message))
    return 'loại phần tử không vẽ được ở vị trí này nên bị bỏ qua.';
  if (/^correcting missing bpmnElement/.test(message)) {
    return 'bản vẽ không ghi quy trình nào nên được gắn với quy trình của tệp.';
  }
  return 'cảnh báo khác khi đọc tệp (xem chi tiết kỹ thuật).';
}

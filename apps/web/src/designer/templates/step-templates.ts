/**
 * Element templates of the steps most procedures have, offered in the palette ("Mẫu bước"): each creates
 * the step with its type, name, role, allotted time and (for the tax office's system) its topic. The unit
 * is left to choose (it differs by procedure): the check shows it missing until it is picked.
 */
export interface StepTemplate {
  id: string;
  /** Palette tooltip. */
  title: string;
  type: 'bpmn:UserTask' | 'bpmn:ServiceTask';
  name: string;
  attrs: Record<string, string>;
  /** bpmn-js icon class. */
  icon: string;
}

export const STEP_TEMPLATES: readonly StepTemplate[] = [
  {
    id: 'receipt',
    title: 'Mẫu: Bộ phận Một cửa tiếp nhận hồ sơ',
    type: 'bpmn:UserTask',
    name: 'Tiếp nhận hồ sơ',
    attrs: { 'lt:candidateRole': 'reception', 'lt:allottedTime': '0.5d' },
    icon: 'bpmn-icon-user-task',
  },
  {
    id: 'tax-notice',
    title: 'Mẫu: Cơ quan thuế thông báo nghĩa vụ tài chính (hệ thống)',
    type: 'bpmn:ServiceTask',
    name: 'Xác định nghĩa vụ tài chính',
    attrs: { 'lt:topic': 'tax-assessment', 'lt:allottedTime': '3d' },
    icon: 'bpmn-icon-service-task',
  },
  {
    id: 'signature',
    title: 'Mẫu: Lãnh đạo ký duyệt',
    type: 'bpmn:UserTask',
    name: 'Ký duyệt kết quả',
    attrs: { 'lt:candidateRole': 'leader', 'lt:allottedTime': '1d' },
    icon: 'bpmn-icon-user-task',
  },
  {
    id: 'return-result',
    title: 'Mẫu: Trả kết quả cho tổ chức, cá nhân',
    type: 'bpmn:UserTask',
    name: 'Trả kết quả',
    attrs: { 'lt:candidateRole': 'reception', 'lt:allottedTime': '0.5d' },
    icon: 'bpmn-icon-user-task',
  },
];

/** An empty executable process, for a procedure drawn from scratch. */
export function blankProcess(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:lt="https://lienthong.vn/schema/bpmn/1.0" id="${key}_defs" targetNamespace="https://lienthong.vn/processes" exporter="Liên thông" exporterVersion="1.0">
  <bpmn:process id="${key}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="start" name="Tổ chức, cá nhân nộp hồ sơ" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${key}_diagram">
    <bpmndi:BPMNPlane id="${key}_plane" bpmnElement="${key}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="162" y="202" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

interface PaletteDeps {
  create: { start(event: unknown, shape: unknown): void };
  elementFactory: { createShape(attrs: { type: string; businessObject: unknown }): unknown };
  bpmnFactory: { create(type: string, attrs: Record<string, unknown>): unknown };
}

/** Palette entries "Mẫu bước": dragging or clicking one starts creating the template's step. */
class StepTemplatesPalette {
  static $inject = ['palette', 'create', 'elementFactory', 'bpmnFactory'];

  constructor(
    palette: { registerProvider(priority: number, provider: unknown): void },
    private readonly create: PaletteDeps['create'],
    private readonly elementFactory: PaletteDeps['elementFactory'],
    private readonly bpmnFactory: PaletteDeps['bpmnFactory'],
  ) {
    palette.registerProvider(400, this);
  }

  getPaletteEntries() {
    const entries: Record<string, unknown> = {
      'lt-templates-separator': { group: 'lt-templates', separator: true },
    };
    for (const t of STEP_TEMPLATES) {
      const start = (event: unknown) => {
        const businessObject = this.bpmnFactory.create(t.type, { name: t.name, ...t.attrs });
        this.create.start(event, this.elementFactory.createShape({ type: t.type, businessObject }));
      };
      entries[`lt-template-${t.id}`] = {
        group: 'lt-templates',
        className: `${t.icon} lt-template lt-template-${t.id}`,
        title: t.title,
        action: { dragstart: start, click: start },
      };
    }
    return entries;
  }
}

export const stepTemplatesModule = {
  __init__: ['stepTemplatesPalette'],
  stepTemplatesPalette: ['type', StepTemplatesPalette],
};

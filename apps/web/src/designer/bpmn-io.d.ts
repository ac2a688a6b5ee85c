// The bpmn.io packages the designer uses ship no TypeScript types: what we call of them.
declare module 'bpmn-js/lib/Modeler' {
  export interface ModelerOptions {
    container?: HTMLElement;
    keyboard?: { bind?: boolean };
    additionalModules?: unknown[];
    moddleExtensions?: Record<string, unknown>;
    [option: string]: unknown;
  }
  export default class Modeler {
    constructor(options?: ModelerOptions);
    importXML(xml: string): Promise<{ warnings: Array<import('@lienthong/bpmn').ReaderWarning> }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
    saveSVG(): Promise<{ svg: string }>;
    getDefinitions(): unknown;
    get<T = unknown>(name: string): T;
    on(event: string, callback: (event: never) => void): void;
    on(event: string, priority: number, callback: (event: never) => void): void;
    off(event: string, callback: (event: never) => void): void;
    destroy(): void;
  }
}
declare module 'bpmn-js/lib/NavigatedViewer' {
  import Modeler from 'bpmn-js/lib/Modeler';
  export default Modeler;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export function useService<T = unknown>(name: string): T;
}
declare module '@bpmn-io/properties-panel' {
  export const TextFieldEntry: unknown;
  export const SelectEntry: unknown;
  export const TextAreaEntry: unknown;
  export const CheckboxEntry: unknown;
  export const Group: unknown;
  export const ListGroup: unknown;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isTextAreaEntryEdited(node: unknown): boolean;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function createElement(
    type: unknown,
    props: Record<string, unknown> | null,
    ...children: unknown[]
  ): unknown;
}
declare module 'bpmn-js-bpmnlint' {
  const module: unknown;
  export default module;
}
declare module 'diagram-js-minimap' {
  const module: unknown;
  export default module;
}
declare module 'diagram-js-grid' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-differ' {
  export interface DiffResult {
    _added: Record<string, { $type: string; name?: string }>;
    _removed: Record<string, { $type: string; name?: string }>;
    _changed: Record<
      string,
      {
        model: { $type: string; name?: string };
        attrs: Record<string, { oldValue: unknown; newValue: unknown }>;
      }
    >;
    _layoutChanged: Record<string, unknown>;
  }
  export function diff(a: unknown, b: unknown): DiffResult;
}
declare module 'bpmnlint/lib/linter' {
  export default class Linter {
    constructor(options: { config: unknown; resolver: unknown; transformRule?: unknown });
    lint(root: unknown): Promise<Record<string, never[]>>;
  }
}

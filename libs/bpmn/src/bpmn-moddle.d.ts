// Minimal typings for bpmn-moddle's ES module entry: our code treats moddle elements as plain
// records and narrows them by `$type` (see moddle.ts).
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    $parent?: ModdleElement;
    $attrs?: Record<string, string>;
    id?: string;
    /** Whether the element is of the type or a subtype (e.g. `bpmn:Task` for a user task). */
    $instanceOf?(type: string): boolean;
    $descriptor?: ModdleDescriptor;
    [property: string]: unknown;
  }
  export interface ModdleDescriptor {
    isGeneric?: boolean;
    properties: Array<{
      name: string;
      type: string;
      isMany?: boolean;
      isAttr?: boolean;
      isReference?: boolean;
    }>;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: Array<{ message: string; element?: ModdleElement; property?: string; value?: string }>;
    elementsById: Record<string, ModdleElement>;
    references: unknown[];
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ParseResult>;
    toXML(
      element: ModdleElement,
      options?: { format?: boolean; preamble?: boolean },
    ): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  }
}

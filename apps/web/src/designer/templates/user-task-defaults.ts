interface Shape {
  type: string;
}
interface Deps {
  elementFactory: { createShape(attrs: { type: string }): Shape };
  create: { start(event: unknown, shape: Shape, context?: Record<string, unknown>): void };
  autoPlace: { append(source: unknown, shape: Shape): void };
}
type Entries = Record<string, { action?: unknown } & Record<string, unknown>>;

/**
 * A step is done by an officer unless said otherwise: the palette's "Thêm bước xử lý" and the context
 * pad's "Nối bước xử lý" make a user task (bpmn-js makes an untyped task, which the engine does not run).
 */
class UserTaskDefaults {
  static $inject = ['contextPad', 'palette', 'elementFactory', 'create', 'autoPlace'];

  constructor(
    contextPad: { registerProvider(priority: number, provider: unknown): void },
    palette: { registerProvider(priority: number, provider: unknown): void },
    private readonly elementFactory: Deps['elementFactory'],
    private readonly create: Deps['create'],
    private readonly autoPlace: Deps['autoPlace'],
  ) {
    contextPad.registerProvider(500, this);
    palette.registerProvider(500, this);
  }

  getContextPadEntries(element: unknown) {
    return (entries: Entries) => {
      const entry = entries['append.append-task'];
      if (entry) {
        const shape = () => this.elementFactory.createShape({ type: 'bpmn:UserTask' });
        entries['append.append-task'] = {
          ...entry,
          action: {
            click: () => this.autoPlace.append(element, shape()),
            dragstart: (event: unknown) => this.create.start(event, shape(), { source: element }),
          },
        };
      }
      return entries;
    };
  }

  getPaletteEntries() {
    return (entries: Entries) => {
      const entry = entries['create.task'];
      if (entry) {
        const start = (event: unknown) =>
          this.create.start(event, this.elementFactory.createShape({ type: 'bpmn:UserTask' }));
        entries['create.task'] = { ...entry, action: { click: start, dragstart: start } };
      }
      return entries;
    };
  }
}

export const userTaskDefaultsModule = {
  __init__: ['userTaskDefaults'],
  userTaskDefaults: ['type', UserTaskDefaults],
};

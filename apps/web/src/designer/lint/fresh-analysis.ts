import { forgetAnalysis } from '@lienthong/bpmn';

interface Modeler {
  getDefinitions(): unknown;
}

/**
 * The engine's rules remember what they built of a parsed tree; the modeler edits its tree in place, so
 * before each check (bpmn-js-bpmnlint lints on `elements.changed` at a low priority) that is forgotten.
 */
class FreshAnalysis {
  static $inject = ['eventBus', 'bpmnjs'];

  constructor(
    eventBus: { on(events: string[], priority: number, callback: () => void): void },
    bpmnjs: Modeler,
  ) {
    eventBus.on(['import.done', 'elements.changed'], 5000, () => {
      const definitions = bpmnjs.getDefinitions();
      if (definitions) forgetAnalysis(definitions as Parameters<typeof forgetAnalysis>[0]);
    });
  }
}

export const freshAnalysisModule = { __init__: ['freshAnalysis'], freshAnalysis: ['type', FreshAnalysis] };

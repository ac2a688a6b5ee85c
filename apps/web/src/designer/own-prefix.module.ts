import { keepOwnPrefixes, type KeptPrefixes } from '@lienthong/bpmn';

interface EventBus {
  on(event: string, callback: (event: { definitions?: unknown; xml?: string }) => unknown): void;
}

/**
 * Every save and export of the modeler keeps the prefix of a vendor's attribute in its element's own
 * namespace (`<vendor:x vendor:version="1">`), which bpmn-moddle's writer drops on its own (see
 * `keepOwnPrefixes`): around bpmn-js's `saveXML`, the attributes are renamed, and the text mended.
 */
class OwnPrefixes {
  static $inject = ['eventBus'];

  constructor(eventBus: EventBus) {
    let kept: KeptPrefixes | null = null;
    eventBus.on('saveXML.start', ({ definitions }) => {
      kept = keepOwnPrefixes(definitions);
    });
    eventBus.on('saveXML.serialized', ({ xml }) => {
      const written = kept && xml !== undefined ? kept.restore(xml) : xml;
      kept?.undo();
      return written;
    });
    // a failed write leaves the model as it was too
    eventBus.on('saveXML.done', () => {
      kept?.undo();
      kept = null;
    });
  }
}

export const ownPrefixesModule = { __init__: ['ownPrefixes'], ownPrefixes: ['type', OwnPrefixes] };

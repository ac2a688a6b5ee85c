import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import minimapModule from 'diagram-js-minimap';
import gridModule from 'diagram-js-grid';
import { ltDescriptor } from '@lienthong/bpmn';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './designer.css';
import { freshAnalysisModule } from './lint/fresh-analysis';
import { ltLintConfig, warningCategoriesModule } from './lint/lt-lint';
import { ltPropertiesModule } from './properties/lt-properties.provider';
import type { LtData } from './properties/lt-data';
import { ownPrefixesModule } from './own-prefix.module';
import { stepTemplatesModule } from './templates/step-templates';
import { userTaskDefaultsModule } from './templates/user-task-defaults';
import { viTranslateModule } from './translate/translate.module';

export type Modeler = BpmnModeler;

/**
 * The designer's bpmn-js Modeler: our `lt` moddle descriptor (the engine's), the Vietnamese translate
 * module, the properties panel with the "Liên thông" group, the engine's rules checked while drawing,
 * the minimap, the grid, the templates of common steps, and writes that keep vendors' attribute prefixes. Copy/paste, undo/redo, keyboard shortcuts
 * and search (Ctrl+F) are the Modeler's own, bound to the canvas when it has the focus.
 */
export function createModeler(canvas: HTMLElement, panel: HTMLElement, data: LtData): Modeler {
  return new BpmnModeler({
    container: canvas,
    keyboard: { bind: true },
    propertiesPanel: { parent: panel },
    linting: { bpmnlint: ltLintConfig, active: true },
    minimap: { open: false },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ltPropertiesModule(data),
      freshAnalysisModule,
      lintModule,
      warningCategoriesModule,
      minimapModule,
      gridModule,
      stepTemplatesModule,
      userTaskDefaultsModule,
      viTranslateModule,
      ownPrefixesModule,
    ],
    moddleExtensions: { lt: ltDescriptor },
  });
}

import { TextFieldEntry } from '@bpmn-io/properties-panel';
import { createElement as h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { Validate } from './validators';

/** A text entry of the panel: its value read and written by the caller, checked as the designer types. */
export function useTextField(
  props: { element: unknown; id: string },
  spec: {
    label: string;
    description?: string;
    get: () => string;
    set: (value: string) => void;
    validate?: Validate;
  },
) {
  const debounce = useService<unknown>('debounceInput');
  return h(TextFieldEntry, {
    element: props.element,
    id: props.id,
    label: spec.label,
    description: spec.description,
    debounce,
    getValue: spec.get,
    setValue: spec.set,
    validate: spec.validate,
  });
}

import { VI_TRANSLATIONS } from './vi.translations';

/**
 * bpmn-js's `translate` service in Vietnamese: the template is looked up in VI_TRANSLATIONS (kept in
 * English when missing), then its `{name}` placeholders are filled from `replacements`.
 */
export function translate(template: string, replacements: Readonly<Record<string, string>> = {}): string {
  const text = VI_TRANSLATIONS[template] ?? template;
  return text.replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
}

/** The module replacing bpmn-js's (English) `translate` in the modeler. */
export const viTranslateModule = { translate: ['value', translate] };

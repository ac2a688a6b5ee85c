/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translate, viTranslateModule } from './translate.module';

const bpmnJs = join(__dirname, '..', '..', '..', '..', '..', 'node_modules', 'bpmn-js', 'lib', 'features');

/** The English strings bpmn-js passes to `translate` in a file, and the labels of its popup entries. */
function strings(file: string, pattern: RegExp): string[] {
  const text = readFileSync(join(bpmnJs, file), 'utf8');
  return [...text.matchAll(pattern)].map((m) => m[1] as string);
}
const translated = /translate\(\s*'([^']+)'/g;

describe('the Vietnamese translate module', () => {
  it.each([
    ['the palette', 'palette/PaletteProvider.js', translated],
    ['the context pad', 'context-pad/ContextPadProvider.js', translated],
    ['the replace menu', 'popup-menu/ReplaceMenuProvider.js', translated],
    ['the replace menu entries', 'popup-menu/PopupEntries.js', /label: '([^']+)'/g],
  ])('translates every text of %s', (_what, file, pattern) => {
    const texts = strings(file, pattern);
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.filter((t) => translate(t) === t)).toEqual([]);
  });

  it('fills placeholders and keeps unknown texts in English', () => {
    expect(translate('Open {element}', { element: 'Thẩm định' })).toBe('Mở Thẩm định');
    expect(translate('{errors} Errors, {warnings} Warnings', { errors: '2', warnings: '1' })).toBe(
      '2 lỗi, 1 cảnh báo',
    );
    expect(translate('Unknown {x}', { x: 'y' })).toBe('Unknown y');
    expect(translate('Create task')).toBe('Thêm bước xử lý');
  });

  it("is registered as bpmn-js's translate service", () => {
    expect(viTranslateModule.translate).toEqual(['value', translate]);
  });
});

/**
 * The missing papers of a supplement request, as typed one a line: each line trimmed (and a leading
 * list mark `-`, `•`, `*` or `1.` dropped), blank lines and repeats left out.
 */
export function supplementItems(text: string): string[] {
  const items = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter((line) => line.length > 0);
  return [...new Set(items)];
}

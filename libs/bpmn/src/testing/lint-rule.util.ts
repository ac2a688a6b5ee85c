import { parseBpmn } from '../moddle';
import { runRules, type LintRuleFactory } from '../rules';
import type { ValidationIssue } from '../validation-issue';

/** Parses a document and runs one rule over it (the parser's own issues are left out). */
export async function lintWith(rule: LintRuleFactory, xml: string): Promise<ValidationIssue[]> {
  const parsed = await parseBpmn(xml);
  if (!parsed.definitions) throw new Error(`not parsable: ${JSON.stringify(parsed.issues)}`);
  return runRules(parsed.definitions, { rule });
}

/** `code@elementId` (and `!warning` for warnings) of each issue, for compact expectations. */
export function found(issues: readonly ValidationIssue[]): string[] {
  return issues.map((i) => `${i.code}@${i.elementId ?? ''}${i.severity === 'warning' ? '!warning' : ''}`);
}

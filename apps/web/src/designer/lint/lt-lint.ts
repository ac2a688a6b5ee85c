import { ltRules, type LintRule, type RuleDetails, type ValidationIssue } from '@lienthong/bpmn';

type Check = Extract<LintRule['check'], (...args: never[]) => void>;

/** The engine's rules as the bpmnlint plugin `lt` (rules `lt/<name>`, package `bpmnlint-plugin-lt`). */
export const LT_PLUGIN_PACKAGE = 'bpmnlint-plugin-lt';

/** What bpmnlint reports for one problem of our rules (the details the rules pass are spread into it). */
export interface LtReport {
  id?: string | null;
  message: string;
  code?: string;
  messageEn?: string;
  severity?: ValidationIssue['severity'];
  category?: string;
}

/**
 * A rule as bpmnlint runs it in the designer: its reporter gets the Vietnamese message as `message`
 * (what bpmn-js-bpmnlint shows on the element), the English one as `messageEn`.
 */
export function inVietnamese(rule: LintRule): LintRule {
  const wrap =
    (check: Check | undefined): Check =>
    (node, reporter) =>
      check?.(node, {
        report: (id, message, details) =>
          reporter.report(id, details.messageVi, {
            code: details.code,
            messageEn: message,
            severity: details.severity ?? 'error',
          } as unknown as RuleDetails),
      });
  const check = rule.check;
  if (typeof check === 'function') return { check: wrap(check) };
  return { check: { enter: wrap(check.enter), leave: wrap(check.leave) } };
}

/** The linter configuration (`{ config, resolver, transformRule }`) of bpmnlint and bpmn-js-bpmnlint. */
export const ltLintConfig = {
  config: {
    rules: Object.fromEntries(Object.keys(ltRules).map((name) => [`lt/${name}`, 'error'])),
  },
  resolver: {
    resolveRule(pkg: string, ruleName: string) {
      return pkg === LT_PLUGIN_PACKAGE ? ltRules[ruleName] : undefined;
    },
    resolveConfig() {
      return undefined;
    },
  },
  transformRule: (rule: LintRule) => inVietnamese(rule),
};

/**
 * bpmnlint gives every report of a rule the rule's category (all ours are configured `error`); the
 * problems our rules report as warnings get bpmnlint's `warn` category, so bpmn-js-bpmnlint draws them
 * amber on the elements, and errors red.
 */
export function withWarningCategories<T extends Record<string, LtReport[]>>(results: T): T {
  for (const reports of Object.values(results)) {
    for (const r of reports) if (r.severity === 'warning') r.category = 'warn';
  }
  return results;
}

interface Linting {
  lint(): Promise<Record<string, LtReport[]>>;
}

/** Our reported warnings as bpmn-js-bpmnlint warnings (see `withWarningCategories`). */
class WarningCategories {
  static $inject = ['linting'];

  constructor(linting: Linting) {
    const lint = linting.lint.bind(linting);
    linting.lint = () => lint().then(withWarningCategories);
  }
}

export const warningCategoriesModule = {
  __init__: ['ltWarningCategories'],
  ltWarningCategories: ['type', WarningCategories],
};

/** bpmnlint's results (reports by rule name) as the engine's issues, in the order reported. */
export function toIssues(results: Readonly<Record<string, readonly LtReport[]>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const reports of Object.values(results)) {
    for (const r of reports) {
      issues.push({
        code: r.code ?? 'rule-error',
        elementId: r.id ?? null,
        severity: r.severity === 'warning' ? 'warning' : 'error',
        message: r.messageEn ?? r.message,
        messageVi: r.message,
      });
    }
  }
  return issues;
}

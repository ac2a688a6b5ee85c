import { isChecked, type El } from '../moddle.util';
import type { ValidationIssue } from '../validation-issue';

/**
 * The shape of a bpmnlint rule, so that the designer registers these rules unchanged in a bpmnlint
 * plugin: a factory returning `check(node, reporter)`, called for every moddle element of the
 * definitions tree. `reporter.report(elementId, message, details)` names the element and gives the
 * English message; `details` carries our problem code, the Vietnamese message and, for the few
 * problems that do not refuse a document, `severity: 'warning'` (bpmnlint ignores what it does not
 * know of it).
 */
export interface RuleDetails {
  code: string;
  messageVi: string;
  severity?: ValidationIssue['severity'];
}

export interface RuleReporter {
  report(elementId: string | null, message: string, details: RuleDetails): void;
}

export type RuleCheck = (node: El, reporter: RuleReporter) => void;

export interface LintRule {
  check: RuleCheck | { enter?: RuleCheck; leave?: RuleCheck };
}

export type LintRuleFactory = () => LintRule;

/** What a rule body reports: code, element id, English and Vietnamese messages. */
export type Report = (
  code: string,
  elementId: string | null,
  message: string,
  messageVi: string,
  severity?: ValidationIssue['severity'],
) => void;

/**
 * Defines a rule whose `visit` sees only the elements the engine checks: those of the process that
 * runs (or of every candidate process when none or several are marked executable).
 */
export function ltRule(visit: (node: El, report: Report) => void): LintRuleFactory {
  return () => ({
    check(node, reporter) {
      if (!isChecked(node)) return;
      visit(node, (code, elementId, message, messageVi, severity) =>
        reporter.report(
          elementId,
          message,
          severity === 'warning' ? { code, messageVi, severity } : { code, messageVi },
        ),
      );
    },
  });
}

import type { El } from '../moddle.util';
import { issue, type ValidationIssue } from '../validation-issue';
import type { LintRule, LintRuleFactory, RuleCheck, RuleReporter } from './lint-rule.util';

type Visitor = { enter?: (node: El) => boolean | void; leave?: (node: El) => void };

/**
 * Visits every element of a moddle tree the way bpmnlint does: the element, then the elements held by
 * its descriptor's contained properties (not attributes, not references), then `leave`. Generic
 * (unknown, foreign) elements are visited but not descended into.
 */
export function traverse(element: El, visitor: Visitor): void {
  const descend = visitor.enter?.(element) !== false;
  const descriptor = element.$descriptor;
  if (descend && descriptor && !descriptor.isGeneric) {
    for (const property of descriptor.properties) {
      if (property.isAttr || property.isReference || property.type === 'String') continue;
      const value = element[property.name];
      const children = property.isMany ? (Array.isArray(value) ? value : []) : [value];
      for (const child of children) {
        if (isElement(child)) traverse(child, visitor);
      }
    }
  }
  visitor.leave?.(element);
}

function isElement(value: unknown): value is El {
  return typeof value === 'object' && value !== null && typeof (value as El).$type === 'string';
}

/** Runs rules over a parsed definitions tree and collects what they report. */
export function runRules(
  definitions: El,
  rules: Readonly<Record<string, LintRuleFactory>>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const reporter: RuleReporter = {
    report(elementId, message, details) {
      issues.push(issue(details.code, elementId, message, details.messageVi, details.severity));
    },
  };
  const checks = Object.values(rules).map((factory) => phases(factory()));
  traverse(definitions, {
    enter(node) {
      for (const check of checks) check.enter?.(node, reporter);
    },
    leave(node) {
      for (const check of checks) check.leave?.(node, reporter);
    },
  });
  return issues;
}

function phases(rule: LintRule): { enter?: RuleCheck; leave?: RuleCheck } {
  return typeof rule.check === 'function' ? { enter: rule.check } : rule.check;
}

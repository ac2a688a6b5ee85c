import { buildGraph } from './compile';
import type { ProcessGraph } from './graph';
import { parseBpmn } from './moddle';
import { ltRules, runRules } from './rules';
import { BpmnValidationError, type ValidationIssue } from './validation-issue';

export interface CompileResult {
  graph: ProcessGraph | null;
  issues: ValidationIssue[];
}

/** Compiles and throws a `BpmnValidationError` listing every error when the model is not executable. */
export async function compileBpmn(xml: string): Promise<ProcessGraph> {
  const { graph, issues } = await analyzeBpmn(xml);
  if (!graph || issues.some((i) => i.severity === 'error')) throw new BpmnValidationError(issues);
  return graph;
}

/** Parses, checks every rule (`ltRules`) and builds the graph; returns every issue found (the designer shows them all). */
export async function analyzeBpmn(xml: string): Promise<CompileResult> {
  const parsed = await parseBpmn(xml);
  if (!parsed.definitions) return { graph: null, issues: parsed.issues };
  const issues = [...parsed.issues, ...runRules(parsed.definitions, ltRules)];
  return { graph: buildGraph(parsed.definitions), issues };
}

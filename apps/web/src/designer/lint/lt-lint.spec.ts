/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import Linter from 'bpmnlint/lib/linter';
import {
  analyzeBpmn,
  forgetAnalysis,
  ltDescriptor,
  ltRules,
  parseBpmn,
  type ValidationIssue,
} from '@lienthong/bpmn';
import { inVietnamese, LT_PLUGIN_PACKAGE, ltLintConfig, toIssues, withWarningCategories } from './lt-lint';

const repo = join(__dirname, '..', '..', '..', '..', '..');
const rulesDir = join(repo, 'libs', 'bpmn', 'src', 'rules');
const files = [
  ...readdirSync(rulesDir)
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => join(rulesDir, f)),
  ...['tach-thua-dat/v1.bpmn', 'dang-ky-khai-sinh-lien-thong/v1.bpmn'].map((f) => join(repo, 'processes', f)),
];

const key = (i: ValidationIssue) => `${i.severity} ${i.code}@${i.elementId} ${i.message} | ${i.messageVi}`;

/** What the designer's linter reports: bpmnlint's Linter, our plugin, over bpmn-moddle with the lt descriptor. */
async function browserIssues(xml: string): Promise<ValidationIssue[]> {
  const moddle = new BpmnModdle({ lt: ltDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const linter = new Linter(ltLintConfig);
  return toIssues(await linter.lint(rootElement));
}

/** What the engine reports on deploy from its rules (its parser's warnings aside: bpmn-js shows those on import). */
async function engineIssues(xml: string): Promise<ValidationIssue[]> {
  const parsed = await parseBpmn(xml);
  const parserIssues = new Set(parsed.issues.map(key));
  return (await analyzeBpmn(xml)).issues.filter((i) => !parserIssues.has(key(i)));
}

describe('the lt bpmnlint plugin of the designer', () => {
  it('registers every engine rule as lt/<name>, resolved from bpmnlint-plugin-lt only', () => {
    expect(Object.keys(ltLintConfig.config.rules).sort()).toEqual(
      Object.keys(ltRules)
        .map((n) => `lt/${n}`)
        .sort(),
    );
    expect(ltLintConfig.resolver.resolveRule(LT_PLUGIN_PACKAGE, 'step-unit')).toBe(ltRules['step-unit']);
    expect(ltLintConfig.resolver.resolveRule('bpmnlint', 'step-unit')).toBeUndefined();
  });

  it('reports the Vietnamese message as the message, the English one and the code beside it', () => {
    const reported: unknown[] = [];
    const rule = inVietnamese({
      check: (_node, reporter) =>
        reporter.report('t1', 'Task t1 has no unit.', {
          code: 'unit-missing',
          messageVi: 'Bước t1 chưa có đơn vị.',
        }),
    });
    const check = rule.check as (node: never, r: { report: (...a: unknown[]) => void }) => void;
    check({} as never, { report: (...args) => reported.push(args) });
    expect(reported).toEqual([
      [
        't1',
        'Bước t1 chưa có đơn vị.',
        { code: 'unit-missing', messageEn: 'Task t1 has no unit.', severity: 'error' },
      ],
    ]);
    expect(
      toIssues({
        'lt/step-unit': [
          {
            id: 't1',
            message: 'Bước t1 chưa có đơn vị.',
            code: 'unit-missing',
            messageEn: 'Task t1 has no unit.',
          },
        ],
      }),
    ).toEqual([
      {
        code: 'unit-missing',
        elementId: 't1',
        severity: 'error',
        message: 'Task t1 has no unit.',
        messageVi: 'Bước t1 chưa có đơn vị.',
      },
    ]);
  });

  it.each(files.map((f) => [f.slice(repo.length + 1), f]))(
    'reports what the engine reports for %s',
    async (_name, file) => {
      const xml = readFileSync(file, 'utf8');
      const [browser, engine] = await Promise.all([browserIssues(xml), engineIssues(xml)]);
      expect(browser.map(key).sort()).toEqual(engine.map(key).sort());
    },
  );

  it('checks a tree edited in place afresh once its analysis is forgotten (as the modeler does)', async () => {
    const xml = readFileSync(join(repo, 'processes', 'tach-thua-dat', 'v1.bpmn'), 'utf8');
    const moddle = new BpmnModdle({ lt: ltDescriptor });
    const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const lint = async () => toIssues(await new Linter(ltLintConfig).lint(rootElement));
    expect((await lint()).filter((i) => i.severity === 'error')).toEqual([]);
    // a step appended after the last one, as bpmn-js does: the element and its flow added to the process
    const process = (rootElement.rootElements as Array<{ $type: string; flowElements: unknown[] }>).find(
      (e) => e.$type === 'bpmn:Process',
    );
    const last = (process?.flowElements as Array<{ id: string }>).find((e) => e.id === 't_tra_kq');
    const task = moddle.create('bpmn:UserTask', { id: 'moi', name: 'Bước mới' });
    const flow = moddle.create('bpmn:SequenceFlow', { id: 'f_moi', sourceRef: last, targetRef: task });
    Object.assign(task, { $parent: process });
    Object.assign(flow, { $parent: process });
    process?.flowElements.push(task, flow);
    forgetAnalysis(rootElement);
    const after = await lint();
    expect(after.map((i) => `${i.code}@${i.elementId}`)).toContain('unit-missing@moi');
    expect(after.filter((i) => i.elementId === 'f_moi' && i.severity === 'error')).toEqual([]);
  });

  it('finds problems in the rule fixtures (the comparison is not of empty lists)', async () => {
    const xml = readFileSync(join(rulesDir, 'step-unit.bpmn'), 'utf8');
    const issues = await browserIssues(xml);
    expect(issues.some((i) => i.code === 'unit-missing' && i.messageVi.length > 0)).toBe(true);
  });
});

describe('withWarningCategories', () => {
  it('gives the reports our rules made as warnings bpmnlint’s warn category, and leaves errors', () => {
    const results = withWarningCategories({
      'lt/flow-connectivity': [
        { id: 'a', message: 'nhánh kết thúc', severity: 'warning' as const, category: 'error' },
        { id: 'b', message: 'chưa có luồng vào', severity: 'error' as const, category: 'error' },
      ],
    });
    expect(results['lt/flow-connectivity']?.map((r) => r.category)).toEqual(['warn', 'error']);
  });
});

import { parseBpmn } from '../moddle';
import type { El } from '../moddle.util';
import { bpmnFixture, chain } from '../testing';
import type { LintRuleFactory } from './lint-rule.util';
import { runRules, traverse } from './run-rules.util';

async function definitionsOf(xml: string): Promise<El> {
  const parsed = await parseBpmn(xml);
  if (!parsed.definitions) throw new Error('not parsable');
  return parsed.definitions;
}

describe('runRules', () => {
  it('visits every element like bpmnlint, entering before children and leaving after them', async () => {
    // given a process with a task holding a form, and a foreign extension element
    const definitions = await definitionsOf(
      bpmnFixture(
        `<startEvent id="s"/><userTask id="t" lt:unit="U"><extensionElements>
           <lt:form><lt:formField id="ok" type="boolean"/></lt:form>
           <ot:note xmlns:ot="https://other.example/ns"><ot:inner/></ot:note>
         </extensionElements></userTask>${chain('s', 't')}`,
      ),
    );
    const events: string[] = [];

    // when it is traversed
    traverse(definitions, {
      enter: (node) => void events.push(`>${node.$type}`),
      leave: (node) => void events.push(`<${node.$type}`),
    });

    // then the form field is reached inside its task, references (sourceRef) are not followed,
    // and the foreign element is visited but not descended into
    const task = events.indexOf('>bpmn:UserTask');
    expect(events.indexOf('>lt:FormField')).toBeGreaterThan(task);
    expect(events.indexOf('<lt:FormField')).toBeLessThan(events.indexOf('<bpmn:UserTask'));
    expect(events.filter((e) => e === '>bpmn:UserTask')).toHaveLength(1);
    expect(events.filter((e) => e.startsWith('>ot:'))).toEqual(['>ot:note']);
    expect(events[0]).toBe('>bpmn:Definitions');
    expect(events.at(-1)).toBe('<bpmn:Definitions');
  });

  it('collects what each rule reports as issues, with the rule phases enter and leave', async () => {
    // given two rules, one with a plain check and one with enter/leave
    const definitions = await definitionsOf(bpmnFixture('<startEvent id="s"/>'));
    const plain: LintRuleFactory = () => ({
      check(node, reporter) {
        if (node.$type === 'bpmn:StartEvent')
          reporter.report(String(node.id), 'Start seen.', { code: 'seen', messageVi: 'Đã thấy.' });
      },
    });
    const phased: LintRuleFactory = () => ({
      check: {
        leave(node, reporter) {
          if (node.$type === 'bpmn:Process')
            reporter.report(String(node.id), 'Process left.', {
              code: 'left',
              messageVi: 'Đã rời quy trình.',
              severity: 'warning',
            });
        },
      },
    });

    // when they run
    const issues = runRules(definitions, { plain, phased });

    // then
    expect(issues).toEqual([
      { code: 'seen', elementId: 's', severity: 'error', message: 'Start seen.', messageVi: 'Đã thấy.' },
      {
        code: 'left',
        elementId: 'proc',
        severity: 'warning',
        message: 'Process left.',
        messageVi: 'Đã rời quy trình.',
      },
    ]);
  });
});

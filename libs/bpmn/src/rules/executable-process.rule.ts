import { processSelection } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/**
 * process-count: exactly one process is marked `isExecutable="true"` (Camunda's rule: the others are
 * ignored). When none or several are, every candidate process is named.
 */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:Definitions') return;
  const { processes, executable } = processSelection(node);
  if (processes.length === 0) {
    report(
      'process-count',
      node.id ?? null,
      'The document contains no process.',
      'Tài liệu không có quy trình nào.',
    );
    return;
  }
  if (executable.length === 1) return;
  const candidates = executable.length > 0 ? executable : processes;
  const ids = candidates.map((p) => String(p.id)).join(', ');
  for (const p of candidates) {
    const id = String(p.id);
    report(
      'process-count',
      p.id ?? null,
      executable.length === 0
        ? `The document must contain exactly one executable process (mark one with isExecutable="true"): process ${id} is not marked executable.`
        : `The document must contain exactly one executable process (mark one with isExecutable="true"): process ${id} is one of ${candidates.length} marked executable (${ids}).`,
      executable.length === 0
        ? `Tài liệu phải có đúng một quy trình thực thi được (isExecutable="true"): quy trình ${id} chưa được đánh dấu thực thi.`
        : `Tài liệu phải có đúng một quy trình thực thi được: quy trình ${id} là một trong ${candidates.length} quy trình được đánh dấu thực thi (${ids}).`,
    );
  }
});

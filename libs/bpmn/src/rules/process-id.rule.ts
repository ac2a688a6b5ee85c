import { PROCESS_KEY, str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** process-id: the process id is the definition key: a letter or "_", then letters, digits, ".", "-", "_". */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:Process') return;
  const key = str(node.id);
  if (key && PROCESS_KEY.test(key)) return;
  report(
    'process-id',
    node.id ?? null,
    'The process id must start with a letter or underscore and contain only letters, digits, ".", "-" or "_" (at most 100).',
    'Mã quy trình phải bắt đầu bằng chữ cái và chỉ gồm chữ, số, ".", "-", "_" (tối đa 100 ký tự).',
  );
});

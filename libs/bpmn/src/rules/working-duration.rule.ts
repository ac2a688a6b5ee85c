import { inBuiltScope, isWorkingDuration, label, STEP_TYPES, str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** invalid-duration: lt:legalTimeLimit of the process and lt:allottedTime of steps are working durations. */
export default ltRule((node, report) => {
  if (node.$type === 'bpmn:Process') {
    const limit = str(node['legalTimeLimit']);
    if (limit && !isWorkingDuration(limit)) {
      report(
        'invalid-duration',
        node.id ?? null,
        `lt:legalTimeLimit "${limit}" is not a working duration such as "12d", "4h" or "1d4h".`,
        `Thời hạn giải quyết "${limit}" không đúng định dạng (ví dụ "12d", "4h", "1d4h").`,
      );
    }
    return;
  }
  if (!STEP_TYPES.includes(node.$type) || !inBuiltScope(node)) return;
  const allotted = str(node['allottedTime']);
  if (allotted && !isWorkingDuration(allotted)) {
    report(
      'invalid-duration',
      node.id ?? null,
      `lt:allottedTime "${allotted}" of ${label(node)} is not a working duration such as "2d", "4h" or "1d4h".`,
      `Thời gian xử lý "${allotted}" của ${label(node)} không đúng định dạng (ví dụ "2d", "4h", "1d4h").`,
    );
  }
});

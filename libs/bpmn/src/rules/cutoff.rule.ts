import { str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** invalid-cutoff: lt:cutoff of the process is a time of day (HH:MM) or "last-office-hour". */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:Process') return;
  const cutoff = str(node['cutoff']);
  if (!cutoff || cutoff === 'last-office-hour' || /^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff)) return;
  report(
    'invalid-cutoff',
    String(node.id),
    `lt:cutoff "${cutoff}" must be a time of day (HH:MM, e.g. 15:00) or "last-office-hour".`,
    `Giờ chốt tiếp nhận "${cutoff}" phải có dạng HH:MM (ví dụ 15:00) hoặc "last-office-hour".`,
  );
});

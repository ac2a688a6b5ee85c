import { timerValues } from '../compile';
import { boundaryHost, isBuiltNode, isWorkingDuration, label, onlyEventDefinition } from '../moddle.util';
import { parseIsoCycle, parseIsoDate, parseIsoDuration } from '../timer.util';
import { ltRule } from './lint-rule.util';

/**
 * timer-definition, invalid-timer: a timer has exactly one of timeDuration, timeDate, timeCycle, in
 * ISO 8601 (a duration may be working time, `2d`; FEEL values, `=expr`, are the FEEL rule's).
 */
export default ltRule((node, report) => {
  const timerEvent =
    node.$type === 'bpmn:IntermediateCatchEvent' ||
    (node.$type === 'bpmn:BoundaryEvent' && boundaryHost(node));
  const def = timerEvent && isBuiltNode(node) ? onlyEventDefinition(node) : undefined;
  if (def?.$type !== 'bpmn:TimerEventDefinition') return;
  const id = String(node.id);
  const { duration, date, cycle, given } = timerValues(def);
  if (given !== 1) {
    report(
      'timer-definition',
      id,
      `Timer ${label(node)} must have exactly one of timeDuration, timeDate or timeCycle.`,
      `Bộ hẹn giờ ${label(node)} phải có đúng một giá trị: khoảng thời gian (timeDuration), thời điểm (timeDate) hoặc chu kỳ (timeCycle).`,
    );
    return;
  }
  const [value, ok, kind, kindVi] = duration
    ? [
        duration,
        parseIsoDuration(duration) !== null || isWorkingDuration(duration),
        'duration',
        'khoảng thời gian',
      ]
    : date
      ? [date, parseIsoDate(date) !== null, 'date', 'thời điểm']
      : [cycle as string, parseIsoCycle(cycle as string) !== null, 'cycle', 'chu kỳ'];
  if (ok || value.startsWith('=')) return;
  report(
    'invalid-timer',
    id,
    `Timer ${label(node)}: "${value}" is not a valid ISO 8601 ${kind}.`,
    `Bộ hẹn giờ ${label(node)}: "${value}" không phải ${kindVi} ISO 8601 hợp lệ.`,
  );
});

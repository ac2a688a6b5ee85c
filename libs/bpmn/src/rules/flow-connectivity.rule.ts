import { buildProcessGraph } from '../compile';
import { isBuiltNode, processOf } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/**
 * boundary-incoming, start-incoming, end-outgoing, no-incoming, no-outgoing: every element is
 * reached by a flow and leads on (a task without outgoing flow only ends its path: a warning).
 */
export default ltRule((el, report) => {
  if (!isBuiltNode(el)) return;
  const process = processOf(el);
  const node = process ? buildProcessGraph(process).nodes[String(el.id)] : undefined;
  if (!node) return;
  const label = node.name ? `${node.id} ("${node.name}")` : node.id;
  if (node.kind === 'boundaryEvent' || node.kind === 'startEvent') {
    const boundary = node.kind === 'boundaryEvent';
    if (node.incoming.length > 0) {
      report(
        boundary ? 'boundary-incoming' : 'start-incoming',
        node.id,
        `${boundary ? 'Boundary' : 'Start'} event ${label} cannot have incoming flows.`,
        `Sự kiện ${boundary ? 'biên' : 'bắt đầu'} ${label} không được có luồng vào.`,
      );
    }
    if (node.outgoing.length === 0) {
      report(
        'no-outgoing',
        node.id,
        `${boundary ? 'Boundary' : 'Start'} event ${label} has no outgoing flow.`,
        `Sự kiện ${boundary ? 'biên' : 'bắt đầu'} ${label} chưa có luồng ra.`,
      );
    }
    return;
  }
  if (node.incoming.length === 0) {
    report(
      'no-incoming',
      node.id,
      `${label} has no incoming flow and would never be reached.`,
      `${label} không có luồng vào nên sẽ không bao giờ được thực hiện.`,
    );
  }
  if (node.kind === 'endEvent') {
    if (node.outgoing.length > 0) {
      report(
        'end-outgoing',
        node.id,
        `End event ${label} cannot have outgoing flows.`,
        `Sự kiện kết thúc ${label} không được có luồng ra.`,
      );
    }
    return;
  }
  if (node.outgoing.length > 0) return;
  if (node.kind.endsWith('Gateway')) {
    report(
      'no-outgoing',
      node.id,
      `Gateway ${label} has no outgoing flow.`,
      `Cổng ${label} chưa có luồng ra.`,
    );
  } else {
    report(
      'no-outgoing',
      node.id,
      `${label} has no outgoing flow: its path ends there.`,
      `${label} không có luồng ra: nhánh kết thúc tại đây.`,
      'warning',
    );
  }
});

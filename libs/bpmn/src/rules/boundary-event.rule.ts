import { buildProcessGraph } from '../compile';
import { boundaryHost, isBuiltNode, label, processOf } from '../moddle.util';
import { ltRule } from './lint-rule.util';

const HOSTS = ['userTask', 'serviceTask', 'receiveTask', 'subProcess', 'callActivity'];
const ERROR_HOSTS = ['serviceTask', 'subProcess', 'callActivity'];

/**
 * boundary-unattached, boundary-host: a boundary event is attached to a task, sub-process or call
 * activity the engine runs (an error boundary event to one that can throw: service task, sub-process,
 * call activity).
 */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:BoundaryEvent' || !isBuiltNode(node)) return;
  const id = String(node.id);
  const hostId = boundaryHost(node);
  if (!hostId) {
    report(
      'boundary-unattached',
      id,
      `Boundary event ${label(node)} is not attached to an activity.`,
      `Sự kiện biên ${label(node)} chưa gắn vào hoạt động nào.`,
    );
    return;
  }
  const process = processOf(node);
  const built = process ? buildProcessGraph(process) : undefined;
  const b = built?.nodes[id];
  if (b?.kind !== 'boundaryEvent') return;
  const host = built?.nodes[hostId];
  if (!host) {
    report(
      'boundary-host',
      id,
      `Boundary event ${id} is attached to unknown element ${hostId}.`,
      `Sự kiện biên ${id} gắn vào phần tử không tồn tại ${hostId}.`,
    );
  } else if (!HOSTS.includes(host.kind)) {
    report(
      'boundary-host',
      id,
      `Boundary event ${id} is attached to ${hostId}, which is not a task, sub-process or call activity.`,
      `Sự kiện biên ${id} phải gắn vào một bước, quy trình con hoặc hoạt động gọi.`,
    );
  } else if (b.trigger.kind === 'error' && !ERROR_HOSTS.includes(host.kind)) {
    report(
      'boundary-host',
      id,
      `Error boundary event ${id} can only catch errors of a service task, sub-process or call activity.`,
      `Sự kiện lỗi ${id} chỉ bắt được lỗi của tác vụ dịch vụ, quy trình con hoặc hoạt động gọi.`,
    );
  }
});

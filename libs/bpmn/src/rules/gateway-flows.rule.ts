import { buildProcessGraph } from '../compile';
import { isBuiltNode, processOf } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/**
 * default-flow, condition-missing, ignored-condition: a gateway's default flow is one of its outgoing
 * flows; every other flow out of an exclusive or inclusive gateway has a condition; conditions out of
 * a parallel gateway are ignored (a warning).
 */
export default ltRule((el, report) => {
  if (!isBuiltNode(el)) return;
  const process = processOf(el);
  const built = process ? buildProcessGraph(process) : undefined;
  const node = built?.nodes[String(el.id)];
  if (
    !built ||
    (node?.kind !== 'exclusiveGateway' &&
      node?.kind !== 'inclusiveGateway' &&
      node?.kind !== 'parallelGateway')
  )
    return;
  const id = node.id;
  if (node.defaultFlow && !node.outgoing.includes(node.defaultFlow)) {
    report(
      'default-flow',
      id,
      `The default flow of gateway ${id} is not one of its outgoing flows.`,
      `Luồng mặc định của cổng ${id} không phải luồng ra của cổng.`,
    );
  }
  if (node.kind === 'parallelGateway') {
    for (const f of node.outgoing) {
      if (!built.flows[f]?.condition) continue;
      report(
        'ignored-condition',
        f,
        `The condition on ${f} is ignored: a parallel gateway takes every outgoing flow.`,
        `Điều kiện trên luồng ${f} bị bỏ qua vì cổng song song đi theo mọi nhánh.`,
        'warning',
      );
    }
    return;
  }
  if (node.outgoing.length < 2) return;
  for (const f of node.outgoing) {
    if (f === node.defaultFlow || built.flows[f]?.condition) continue;
    report(
      'condition-missing',
      f,
      `Flow ${f} leaving ${node.kind === 'exclusiveGateway' ? 'exclusive' : 'inclusive'} gateway ${id} needs a condition or must be the default flow.`,
      `Luồng ${f} ra khỏi cổng ${id} cần điều kiện hoặc phải là luồng mặc định.`,
    );
  }
});

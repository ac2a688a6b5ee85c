/**
 * Builds a small BPMN document for specs: `body` is the inside of one `<process>`, written with
 * the BPMN model namespace as default (`<userTask …/>`) and `lt:` for our extension.
 * `chain('a', 'b', 'c')` writes the sequence flows a→b→c.
 */
export function bpmnFixture(
  body: string,
  options: { id?: string; name?: string; attrs?: string; extra?: string } = {},
): string {
  const id = options.id ?? 'proc';
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:lt="https://lienthong.vn/schema/bpmn/1.0"
  id="defs_${id}" targetNamespace="https://lienthong.vn/test">
  ${options.extra ?? ''}
  <process id="${id}" name="${options.name ?? id}" isExecutable="true" ${options.attrs ?? ''}>
    ${body}
  </process>
</definitions>`;
}

export function chain(...ids: string[]): string {
  const flows: string[] = [];
  for (let i = 0; i + 1 < ids.length; i++) {
    flows.push(
      `<sequenceFlow id="f_${ids[i]}_${ids[i + 1]}" sourceRef="${ids[i]}" targetRef="${ids[i + 1]}"/>`,
    );
  }
  return flows.join('\n');
}

export function conditionalFlow(id: string, source: string, target: string, condition: string): string {
  return `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><conditionExpression xsi:type="tFormalExpression">${condition
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')}</conditionExpression></sequenceFlow>`;
}

// Helpers for specs and benchmarks that write BPMN documents (`@lienthong/bpmn/testing`); not part of
// the library's public API.
export { bpmnFixture, chain, conditionalFlow } from './fixture.util';
export { found, lintWith } from './lint-rule.util';
export { canonicalTree, foreignNames } from './canonical.util';

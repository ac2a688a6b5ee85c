// Test helpers of the interpreter, imported as `@lienthong/engine-core/testing` (never by production code).
export { Scenario } from './scenario';

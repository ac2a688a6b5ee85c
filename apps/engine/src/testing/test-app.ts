// The integration specs' test harness lives with the other test support code.
// eslint-disable-next-line @nx/enforce-module-boundaries
export * from '../../../../test/support/test-app';

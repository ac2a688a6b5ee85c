// The integration specs' test harness lives with the other test support code.
// eslint-disable-next-line @nx/enforce-module-boundaries
export * from '../../../../test/support/test-app';
// eslint-disable-next-line @nx/enforce-module-boundaries
export { BACK_OFFICE_USER, deployAndPublish, memberOf } from '../../../../test/support/api-client';
// eslint-disable-next-line @nx/enforce-module-boundaries
export { makeWednesdayOff } from '../../../../test/support/calendar';
// eslint-disable-next-line @nx/enforce-module-boundaries
export { EventStreamClient } from '../../../../test/support/event-stream';

// Command-pipeline micro-benchmark: the engine CPU that Nest's interceptor layer and the `@Audit`
// interceptors (CommandInterceptor: audit around idempotency) cost one command, without HTTP or a
// database: the handler is a stub answering a completion-like body, the audit writer a no-op.
//
//   npm run build && node test/bench/engine/command-pipeline.mjs [path/to/apps/engine/dist]
//
// Prints CPU µs per command for: the handler called alone; through Nest's InterceptorsConsumer with
// CommandInterceptor, as a route runs it (then `lastValueFrom`, as Nest's response controller does); and,
// where the build has them, CommandInterceptor's promises without Nest's interceptor layer.
// Asserts nothing. ADR 0007, session 8.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { root } from '../support/bench-support.mjs';

const dist = resolve(process.argv[2] ?? join(root, 'apps/engine/dist'));
const require = createRequire(join(dist, 'main.js'));
require('reflect-metadata');
const { Reflector } = require('@nestjs/core');
const { InterceptorsConsumer } = require('@nestjs/core/interceptors/interceptors-consumer');
const { HTTP_CODE_METADATA } = require('@nestjs/common/constants');
const { ExecutionContextHost } = require('@nestjs/core/helpers/execution-context-host');
const { lastValueFrom } = require('rxjs');
const { AuditInterceptor } = require(join(dist, 'audit/audit.interceptor.js'));
const { CommandInterceptor } = require(join(dist, 'audit/command.interceptor.js'));
const { IdempotencyInterceptor } = require(join(dist, 'common/idempotency/idempotency.interceptor.js'));
const { AUDIT_ACTION } = require(join(dist, 'audit/audit-spec.js'));
const { PRINCIPAL } = require(join(dist, 'identity/principal.js'));
const { auditOf } = require(join(dist, 'audit/audit-context.js'));

const CALLS = Number(process.env.CALLS ?? 20_000);

class TasksController {
  async complete() {
    return {
      id: 't1',
      status: 'completed',
      dossier: { id: 'd1', code: 'DTP-261203-0001', status: 'active' },
    };
  }
}
const handler = TasksController.prototype.complete;
Reflect.defineMetadata(
  AUDIT_ACTION,
  { action: 'task.complete', target: 'task', keyInCommand: true },
  handler,
);
Reflect.defineMetadata('lienthong:key-in-command', true, handler);
Reflect.defineMetadata(HTTP_CODE_METADATA, 200, handler);

const reflector = new Reflector();
const clock = { now: () => new Date() };
const writer = { write: async () => undefined };
const audit = new AuditInterceptor(reflector, writer, clock);
const idempotency = new IdempotencyInterceptor({}, reflector, {});
const command = new CommandInterceptor(audit, idempotency);
const consumer = new InterceptorsConsumer();
const controller = new TasksController();

function request() {
  const principal = { kind: 'user', id: 'u1', name: 'cv.vpdk', unit: 'DTP-VPDK-CL', roles: ['officer'] };
  return {
    method: 'POST',
    headers: {},
    originalUrl: '/api/v1/tasks/t1/complete',
    ip: '127.0.0.1',
    id: 'r1',
    params: { id: 't1' },
    [PRINCIPAL]: principal,
  };
}
const reply = { statusCode: 200, getHeader: () => undefined };

// The runtime writes the audit record with the change: the handler marks it written, as a command does.
const run = async (req) => {
  const body = await controller.complete();
  const context = auditOf(req[PRINCIPAL]);
  if (context) context.written = true;
  return body;
};

async function measure(label, once) {
  for (let i = 0; i < 3000; i++) await once();
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await once();
  const used = process.cpuUsage(before);
  console.log(`${label.padEnd(58)}: ${((used.user + used.system) / CALLS).toFixed(2)} µs per command`);
}

console.log(`command pipeline (${dist}), ${CALLS} calls each`);
await measure('handler alone', () => run(request()));
await measure('InterceptorsConsumer + CommandInterceptor + lastValueFrom', async () => {
  const req = request();
  const result = await consumer.intercept(
    [command],
    [req, reply, undefined],
    controller,
    handler,
    () => run(req),
    'http',
  );
  return lastValueFrom(result);
});
if (typeof audit.around === 'function') {
  await measure("CommandInterceptor's promises alone (audit, idempotency)", async () => {
    const req = request();
    const context = new ExecutionContextHost([req, reply, undefined], TasksController, handler);
    context.setType('http');
    return audit.around(context, () => idempotency.around(context, () => run(req)));
  });
}

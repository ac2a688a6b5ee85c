import { Body, Controller, HttpCode, Module, Post, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { IsString } from 'class-validator';
// Test support (one PostgreSQL per test run, a fresh database per file) lives outside the Nx projects.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestApp, type TestApp } from '../../../../../test/support/test-app';
import { conflict } from '../problem/problem.exception';
import { Idempotent } from './idempotency.interceptor';
import { Public } from '../../identity/auth.decorators';

jest.setTimeout(60_000);

class OrderDto {
  @IsString() item!: string;
}

/** Counts how often each handler really ran. */
const calls = { create: 0, fail: 0, slow: 0 };
let releaseSlow: () => void = () => {};

// Probes the interceptor itself (no sign-in involved).
@Public()
@Idempotent()
@Controller('idempotency-probe')
class ProbeController {
  @Post('orders')
  @HttpCode(201)
  create(
    @Body() order: OrderDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): { id: number; item: string } {
    calls.create += 1;
    response.header('Location', `/api/v1/idempotency-probe/orders/${calls.create}`);
    return { id: calls.create, item: order.item };
  }

  @Post('fail-once')
  failOnce(): { attempt: number } {
    calls.fail += 1;
    if (calls.fail === 1) throw conflict('Not yet.');
    return { attempt: calls.fail };
  }

  @Post('slow')
  async slow(): Promise<{ done: true }> {
    calls.slow += 1;
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { done: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('Idempotency-Key on POST', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule] });
  });
  afterAll(async () => {
    releaseSlow();
    await t?.close();
  });

  function post(path: string, body: unknown, key?: string): Promise<Response> {
    return fetch(`${t.baseUrl}/api/v1/idempotency-probe/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });
  }

  it('replays the first response to a retry with the same key, without running the handler again', async () => {
    // given
    const first = await post('orders', { item: 'Giấy chứng nhận' }, 'key-replay');

    // when
    const retry = await post('orders', { item: 'Giấy chứng nhận' }, 'key-replay');

    // then
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    const original = (await first.json()) as { id: number };
    expect(await retry.json()).toEqual(original);
    expect(retry.headers.get('location')).toBe(`/api/v1/idempotency-probe/orders/${original.id}`);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(calls.create).toBe(original.id);
  });

  it('runs every request without a key, and treats keys as independent', async () => {
    // given
    const before = calls.create;

    // when
    await post('orders', { item: 'a' });
    await post('orders', { item: 'a' });
    await post('orders', { item: 'a' }, 'key-one');
    await post('orders', { item: 'a' }, 'key-two');

    // then
    expect(calls.create).toBe(before + 4);
  });

  it('refuses the same key with a different body (409)', async () => {
    // given
    await post('orders', { item: 'first' }, 'key-reused');

    // when
    const response = await post('orders', { item: 'second' }, 'key-reused');

    // then
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      type: 'https://lienthong.vn/problems/idempotency-key-reused',
    });
  });

  it('frees the key of a failed request so that the client can retry it', async () => {
    // when
    const failed = await post('fail-once', {}, 'key-retry');
    const retried = await post('fail-once', {}, 'key-retry');
    const replayed = await post('fail-once', {}, 'key-retry');

    // then
    expect(failed.status).toBe(409);
    expect(retried.status).toBe(201);
    expect(await replayed.json()).toEqual({ attempt: 2 });
    expect(calls.fail).toBe(2);
  });

  it('frees the key of a request refused by validation', async () => {
    // when
    const invalid = await post('orders', { item: 42 }, 'key-invalid');
    const valid = await post('orders', { item: 'ok' }, 'key-invalid');

    // then
    expect(invalid.status).toBe(400);
    expect(valid.status).toBe(201);
  });

  it('answers 409 with Retry-After while the first request with the key is still running', async () => {
    // given
    const first = post('slow', {}, 'key-slow');
    await waitUntil(() => calls.slow === 1);

    // when
    const concurrent = await post('slow', {}, 'key-slow');
    releaseSlow();

    // then
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('retry-after')).toBe('1');
    expect(await concurrent.json()).toMatchObject({
      type: 'https://lienthong.vn/problems/idempotency-key-in-flight',
    });
    expect((await first).status).toBe(201);
    expect((await post('slow', {}, 'key-slow')).status).toBe(201);
    expect(calls.slow).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const response = await post('orders', { item: 'x' }, 'x'.repeat(300));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'https://lienthong.vn/problems/invalid-idempotency-key',
    });
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

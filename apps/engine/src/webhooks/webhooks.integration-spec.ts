import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { bpmnFixture, chain, conditionalFlow } from '@lienthong/bpmn/testing';
import type { DossierDto, PageDto, TaskCompletionDto } from '@lienthong/contracts';
import { DeadlineRecomputer } from '../deadlines/deadline-recomputer.service';
import { DeadlineSweeper } from '../deadlines/deadline-sweeper.service';
import { Clock } from '../common/clock/clock';
import { makeWednesdayOff, startTestApp, type TestApp } from '../testing/test-app';
import { verifyWebhookSignature } from './signature';
import { SecretBox } from '../common/crypto/secret-box';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhooksService } from './webhooks.service';
import type { WebhookPayload } from './webhook-events';
import type { CreatedWebhookDto, WebhookDeliveryDto, WebhookDto } from './webhooks.dto';

jest.setTimeout(60_000);

/** One request as a receiver saw it. */
interface Received {
  delivery: string;
  event: string;
  payload: WebhookPayload;
  signatureValid: boolean;
  /** What the receiver answered (0: it never answered). */
  answered: number;
}

type Mode = 'ok' | 'fail' | 'hang';

/**
 * An agency system's endpoint on 127.0.0.1: verifies every request's signature with the subscription's
 * secret (401 when it does not match), then answers as its mode says: 200, 500, or not at all.
 */
class Receiver {
  readonly requests: Received[] = [];
  secret = '';
  mode: Mode = 'ok';
  /** Most requests left hanging at the same time. */
  maxOpen = 0;
  private open = 0;
  private server: Server | null = null;
  private port = 0;
  private readonly hanging: ServerResponse[] = [];

  get url(): string {
    return `http://127.0.0.1:${this.port}/lien-thong/webhook`;
  }

  /** Requests answered 2xx: what the agency system took in. */
  get accepted(): Received[] {
    return this.requests.filter((r) => r.answered >= 200 && r.answered < 300);
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Down: connections are refused until started again (on the same port). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    for (const res of this.hanging.splice(0)) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const header = (name: string) => req.headers[name] as string | undefined;
    const verification = verifyWebhookSignature({
      secret: this.secret,
      body,
      timestamp: header('x-lt-timestamp'),
      signature: header('x-lt-signature'),
    });
    const received: Received = {
      delivery: header('x-lt-delivery') ?? '',
      event: header('x-lt-event') ?? '',
      payload: JSON.parse(body.toString('utf8')) as WebhookPayload,
      signatureValid: verification.ok && header('content-type') === 'application/json',
      answered: 0,
    };
    this.requests.push(received);
    (res as ServerResponse & { received?: Received }).received = received;
    if (!received.signatureValid) return this.answer(res, 401);
    if (this.mode === 'hang') {
      this.hanging.push(res);
      this.maxOpen = Math.max(this.maxOpen, ++this.open);
      res.on('close', () => this.open--);
      return;
    }
    this.answer(res, this.mode === 'ok' ? 200 : 500);
  }

  private answer(res: ServerResponse, status: number): void {
    const received = (res as ServerResponse & { received?: Received }).received;
    if (received) received.answered = status;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(status === 500 ? 'Hệ thống đang bảo trì' : 'ok');
  }
}

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A payload's `dossier` for an active dang-ky-bien-dong dossier received at the desk. */
const payloadDossier = (dossier: DossierDto, extra: Record<string, unknown> = {}) => ({
  id: dossier.id,
  code: dossier.code,
  status: 'active',
  receivingUnit: 'DTP-TTHCC',
  definitionKey: 'dang-ky-bien-dong',
  ...extra,
});

// Reception at the one-stop desk, then (only for an eligible dossier) review by the land registry office.
const PROCEDURE = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiep_nhan" name="Tiếp nhận hồ sơ" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <exclusiveGateway id="gw"/>
   <userTask id="tham_dinh" name="Thẩm định hồ sơ" lt:unit="DTP-VPDK-CL" lt:candidateRole="officer" lt:allottedTime="1d"/>
   <endEvent id="e"/>
   ${chain('s', 'tiep_nhan', 'gw')}
   ${conditionalFlow('f_dat', 'gw', 'tham_dinh', 'hopLe = true')}
   ${chain('tham_dinh', 'e')}`,
  {
    id: 'dang-ky-bien-dong',
    name: 'Đăng ký biến động đất đai',
    attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="3d"',
  },
);

/**
 * Webhooks out: agency systems subscribe URLs to their unit's events; every change writes its deliveries
 * in the same statement (none for a refused change), and the dispatcher POSTs them signed, retrying with
 * backoff until the endpoint takes them, never holding up the engine.
 */
describe('webhooks', () => {
  let t: TestApp;
  const receivers: Receiver[] = [];
  const admin = () => t.as('DTP-VP', ['admin']);
  const registrySystem = () => t.withKey('DTP-VPDK-CL');

  beforeAll(async () => {
    t = await startTestApp({
      config: {
        webhookRetryBaseMs: 50,
        webhookMaxAttempts: 6,
        webhookTimeoutMs: 1000,
        jobPollMs: 200,
        deadlineSweepMs: 0,
      },
    });
    const deployed = await t.api.post<{ key: string; version: number }>('/definitions', PROCEDURE);
    await t.api.post(`/definitions/${deployed.body.key}/versions/${deployed.body.version}/publish`);
  });
  afterEach(async () => {
    // Each case subscribes its own endpoints.
    await t.query(`UPDATE webhook_subscriptions SET active = false WHERE active`);
    for (const r of receivers.splice(0)) await r.stop();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function receiver(mode: Mode = 'ok'): Promise<Receiver> {
    const r = await new Receiver().start();
    r.mode = mode;
    receivers.push(r);
    return r;
  }

  /** Subscribes `r` (as the registry's agency system, or as an admin for `unitCode`). */
  async function subscribe(r: Receiver, events: string[], unitCode?: string): Promise<CreatedWebhookDto> {
    const res =
      unitCode === undefined
        ? await registrySystem().post<CreatedWebhookDto>('/webhooks', { url: r.url, events })
        : await admin().post<CreatedWebhookDto>('/webhooks', { url: r.url, events, unitCode });
    expect(res.status).toBe(201);
    r.secret = res.body.secret;
    return res.body;
  }

  async function receive(applicant: string): Promise<DossierDto> {
    const res = await t.api.post<DossierDto>('/dossiers', {
      definitionKey: 'dang-ky-bien-dong',
      applicant: { name: applicant },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function complete(dossierId: string, nodeId: string, variables: Record<string, unknown> = {}) {
    const dossier = (await t.api.get<DossierDto>(`/dossiers/${dossierId}`)).body;
    const step = dossier.activeSteps.find((s) => s.nodeId === nodeId);
    return t.api.post<TaskCompletionDto>(`/tasks/${step?.taskId}/complete`, { variables });
  }

  async function deliveriesOf(subscription: string, query = ''): Promise<WebhookDeliveryDto[]> {
    const res = await admin().get<PageDto<WebhookDeliveryDto>>(
      `/webhooks/${subscription}/deliveries${query}`,
    );
    expect(res.status).toBe(200);
    return res.body.items;
  }

  async function outboxCount(): Promise<number> {
    const rows = (await t.query(`SELECT count(*)::int AS n FROM webhook_deliveries`)) as Array<{ n: number }>;
    return rows[0]!.n;
  }

  it('subscribes as the agency system of a unit (its own unit only) or as an admin (any unit); the secret is shown once', async () => {
    // given
    const endpoint = await receiver();

    // when
    const own = await registrySystem().post<CreatedWebhookDto>('/webhooks', {
      url: endpoint.url,
      events: ['task.created', 'dossier.finished'],
    });
    const byAdmin = await admin().post<CreatedWebhookDto>('/webhooks', {
      url: 'https://motcua.dongthap.gov.vn/lien-thong/su-kien',
      events: ['dossier.status_changed'],
      unitCode: 'DTP-TTHCC',
    });
    const refusals = await Promise.all([
      registrySystem().post('/webhooks', {
        url: endpoint.url,
        events: ['task.created'],
        unitCode: 'DTP-TTHCC',
      }),
      t.as('DTP-VPDK-CL', ['leader']).post('/webhooks', { url: endpoint.url, events: ['task.created'] }),
      registrySystem().post('/webhooks', { url: 'ftp://dongthap.gov.vn/hook', events: ['task.created'] }),
      registrySystem().post('/webhooks', {
        url: 'https://user:pass@dongthap.gov.vn/hook',
        events: ['task.created'],
      }),
      registrySystem().post('/webhooks', { url: endpoint.url, events: ['dossier.deleted'] }),
      registrySystem().post('/webhooks', { url: endpoint.url, events: [] }),
      admin().post('/webhooks', { url: endpoint.url, events: ['task.created'] }),
      admin().post('/webhooks', { url: endpoint.url, events: ['task.created'], unitCode: 'KHONG-CO' }),
    ]);

    // then
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      unitCode: 'DTP-VPDK-CL',
      url: endpoint.url,
      events: ['task.created', 'dossier.finished'],
      active: true,
      createdBy: expect.stringMatching(/^apikey:/),
    });
    expect(own.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ unitCode: 'DTP-TTHCC', createdBy: 't.dtp-vp.admin' });
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 400, 400, 400, 400, 422, 422]);
    for (const r of refusals) expect(r.contentType).toContain('application/problem+json');

    // and the agency system lists its unit's subscriptions, the admin every one, never with the secret
    const mine = await registrySystem().get<PageDto<WebhookDto>>('/webhooks');
    const all = await admin().get<PageDto<WebhookDto>>('/webhooks');
    expect(mine.body.items.map((w) => w.id)).toEqual([own.body.id]);
    expect(all.body.items.map((w) => w.id)).toEqual([byAdmin.body.id, own.body.id]);
    expect(JSON.stringify([mine.body, all.body])).not.toContain('whsec_');
    // and the database holds the secrets sealed, never in clear
    const stored = (await t.query(`SELECT secret FROM webhook_subscriptions WHERE id = $1`, [
      own.body.id,
    ])) as Array<{
      secret: string;
    }>;
    expect(stored[0]!.secret).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(stored[0]!.secret).not.toContain(own.body.secret.slice(6));
    // another unit's subscription does not exist for the agency system
    const foreign = await registrySystem().get(`/webhooks/${byAdmin.body.id}/deliveries`);
    expect(foreign.status).toBe(404);
    // the audit log records who subscribed
    expect(
      await t.query(
        `SELECT action, target_type, target_id FROM audit_log WHERE action = 'webhook.create' AND outcome = 'success' ORDER BY id`,
      ),
    ).toEqual([
      { action: 'webhook.create', target_type: 'webhook', target_id: own.body.id },
      { action: 'webhook.create', target_type: 'webhook', target_id: byAdmin.body.id },
    ]);
  });

  it("sends exactly one signed task.created when a step is created for the subscriber's unit", async () => {
    // given the land registry's system subscribed to its unit's new steps
    const endpoint = await receiver();
    const subscription = await subscribe(endpoint, ['task.created']);
    const dossier = await receive('Nguyễn Thị Thu Hà');

    // when the desk passes the dossier on to the land registry office
    const done = await complete(dossier.id, 'tiep_nhan', { hopLe: true });
    expect(done.status).toBe(200);

    // then the system receives the review step, once, signed with its secret
    await waitFor('the delivery', () => endpoint.accepted.length > 0);
    await sleep(200);
    expect(endpoint.requests).toHaveLength(1);
    const [request] = endpoint.requests;
    const review = done.body.dossier.activeSteps[0]!;
    expect(request).toMatchObject({ event: 'task.created', signatureValid: true, answered: 200 });
    expect(request!.payload).toEqual({
      event: 'task.created',
      occurredAt: expect.stringMatching(/Z$/),
      dossier: payloadDossier(dossier),
      task: {
        id: review.taskId,
        nodeId: 'tham_dinh',
        name: 'Thẩm định hồ sơ',
        kind: 'user',
        unit: 'DTP-VPDK-CL',
        topic: null,
        candidateRole: 'officer',
        dueAt: expect.stringMatching(/Z$/),
      },
    });
    // and the delivery log shows it delivered at the first attempt
    const log = await deliveriesOf(subscription.id);
    expect(log).toEqual([
      expect.objectContaining({
        id: request!.delivery,
        event: 'task.created',
        status: 'delivered',
        attempts: 1,
        lastStatus: 200,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: expect.any(String),
      }),
    ]);
  });

  it('sends dossier.finished to the units that may see the dossier, and none to the others', async () => {
    // given the desk subscribed to status changes and ends, the registry and the tax office to ends
    const desk = await receiver();
    const registry = await receiver();
    const tax = await receiver();
    await subscribe(desk, ['dossier.status_changed', 'dossier.finished'], 'DTP-TTHCC');
    await subscribe(registry, ['dossier.finished']);
    await subscribe(tax, ['dossier.finished'], 'DTP-THUE-1');
    const finished = await receive('Trần Văn Phúc');
    const withdrawn = await receive('Lê Thị Mỹ Duyên');

    // when one dossier goes through both steps and the other is withdrawn at the desk
    await complete(finished.id, 'tiep_nhan', { hopLe: true });
    const last = await complete(finished.id, 'tham_dinh');
    const cancelled = await t.api.post(`/dossiers/${withdrawn.id}/cancel`, { reason: 'Công dân rút hồ sơ' });

    // then
    expect(last.body.dossier.status).toBe('completed');
    expect(cancelled.status).toBe(200);
    await waitFor('the deliveries', () => desk.accepted.length === 4 && registry.accepted.length === 1);
    await sleep(200);
    const seen = (r: Receiver) =>
      r.requests
        .map((x) => [x.event, x.payload.dossier.code, x.payload.dossier.status, x.signatureValid])
        .sort();
    expect(seen(desk)).toEqual(
      [
        ['dossier.finished', finished.code, 'completed', true],
        ['dossier.finished', withdrawn.code, 'cancelled', true],
        ['dossier.status_changed', finished.code, 'completed', true],
        ['dossier.status_changed', withdrawn.code, 'cancelled', true],
      ].sort(),
    );
    // the registry held a step of the finished dossier only; the tax office none
    expect(seen(registry)).toEqual([['dossier.finished', finished.code, 'completed', true]]);
    expect(tax.requests).toEqual([]);
    const ends = desk.requests.filter((x) => x.event === 'dossier.finished').map((x) => x.payload);
    expect(ends.find((p) => p.dossier.id === finished.id)?.result).toEqual({ endEventId: 'e' });
    expect(ends.find((p) => p.dossier.id === withdrawn.id)?.result).toMatchObject({
      reason: 'Công dân rút hồ sơ',
    });
    expect(desk.requests.find((x) => x.event === 'dossier.status_changed')?.payload.previousStatus).toBe(
      'active',
    );
  });

  it('sends dossier.created to the receiving unit and the units of its first steps only', async () => {
    // given the desk and the land registry subscribed to new dossiers
    const desk = await receiver();
    const registry = await receiver();
    await subscribe(desk, ['dossier.created'], 'DTP-TTHCC');
    await subscribe(registry, ['dossier.created']);

    // when the desk receives a dossier (its first step is the desk's own)
    const dossier = await receive('Hoàng Thị Loan');

    // then the desk is told, with the return date promised; the registry, holding no step yet, is not
    await waitFor('the delivery', () => desk.accepted.length === 1);
    await sleep(200);
    expect(registry.requests).toEqual([]);
    expect(desk.requests).toHaveLength(1);
    expect(desk.requests[0]).toMatchObject({ event: 'dossier.created', signatureValid: true });
    expect(desk.requests[0]!.payload).toEqual({
      event: 'dossier.created',
      occurredAt: expect.stringMatching(/Z$/),
      dossier: payloadDossier(dossier, {
        dueAt: dossier.dueAt,
        appointmentAt: dossier.appointmentAt,
        clock: 'running',
      }),
    });
  });

  it('delivers every event exactly once to an endpoint that failed, then was down, then recovered', async () => {
    // given the registry's endpoint answers 500
    const endpoint = await receiver('fail');
    const subscription = await subscribe(endpoint, ['task.created']);
    const dossiers = await Promise.all(
      ['Phan Văn Khải', 'Võ Thị Sáu', 'Đặng Thùy Trâm', 'Huỳnh Tấn Phát', 'Ngô Bảo Châu'].map(receive),
    );

    // when five review steps are created while it fails
    for (const d of dossiers) expect((await complete(d.id, 'tiep_nhan', { hopLe: true })).status).toBe(200);
    const log = () =>
      t.query(`SELECT attempts, last_status FROM webhook_deliveries WHERE subscription_id = $1`, [
        subscription.id,
      ]) as Promise<Array<{ attempts: number; last_status: number | null }>>;
    await waitFor('a failed attempt each', async () => {
      const rows = await log();
      return rows.length === 5 && rows.every((d) => d.attempts >= 1);
    });
    // and then it is down (connections refused) until each has had a refused attempt
    await endpoint.stop();
    await waitFor('a refused attempt each', async () =>
      (await log()).every((d) => d.attempts >= 2 && d.last_status === null),
    );
    const whileDown = await deliveriesOf(subscription.id);
    // and then it is back
    endpoint.mode = 'ok';
    await endpoint.start();

    // then every step arrives, once, and nothing else
    await waitFor('every delivery', () => new Set(endpoint.accepted.map((r) => r.delivery)).size === 5);
    await sleep(300);
    const accepted = endpoint.accepted.map((r) => r.delivery);
    expect(accepted).toHaveLength(5);
    expect(new Set(accepted).size).toBe(5);
    expect(endpoint.requests.every((r) => r.signatureValid)).toBe(true);
    expect(endpoint.accepted.map((r) => r.payload.dossier.id).sort()).toEqual(
      dossiers.map((d) => d.id).sort(),
    );
    // the log kept the failed attempts: the 500s, then the refused connections
    for (const d of whileDown) {
      expect(d).toMatchObject({
        status: 'pending',
        lastStatus: null,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      });
    }
    const after = await deliveriesOf(subscription.id);
    expect(after.map((d) => d.id).sort()).toEqual([...accepted].sort());
    for (const d of after) {
      expect(d).toMatchObject({ status: 'delivered', lastStatus: 200, lastError: null });
      expect(d.attempts).toBeGreaterThanOrEqual(3);
      expect(endpoint.requests.some((r) => r.delivery === d.id && r.answered === 500)).toBe(true);
    }
  });

  it('writes no delivery for a refused command, and one for the winner of two concurrent completions', async () => {
    // given the registry subscribed, and a listener of the dispatchers' wake-up channel
    const endpoint = await receiver();
    await subscribe(endpoint, ['task.created']);
    const listener = new Client({ connectionString: t.databaseUrl });
    await listener.connect();
    let wakeUps = 0;
    listener.on('notification', () => wakeUps++);
    await listener.query('LISTEN lt_webhooks');
    const settled = async () => {
      await sleep(100);
      return wakeUps;
    };

    try {
      // when a dossier is received (its first step is for the desk, which has no subscription)
      const dossier = await receive('Bùi Thị Xuân');
      const before = await outboxCount();

      // then nothing is written, and the dispatchers are not woken
      expect(await settled()).toBe(0);

      // when the engine refuses the completion (no flow fits a dossier not found eligible)
      const refused = await complete(dossier.id, 'tiep_nhan', { hopLe: false });

      // then nothing was written
      expect(refused.status).toBe(422);
      expect(await outboxCount()).toBe(before);
      expect(await settled()).toBe(0);

      // when two requests complete the same step at the same time
      const step = (await t.api.get<DossierDto>(`/dossiers/${dossier.id}`)).body.activeSteps[0]!;
      const both = await Promise.all([
        t.api.post(`/tasks/${step.taskId}/complete`, { variables: { hopLe: true } }),
        t.api.post(`/tasks/${step.taskId}/complete`, { variables: { hopLe: true } }),
      ]);

      // then one wins, and its review step is delivered once, the dispatchers woken once
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await outboxCount()).toBe(before + 1);
      await waitFor('the delivery', () => endpoint.accepted.length === 1);
      await sleep(200);
      expect(endpoint.requests).toHaveLength(1);
      expect(wakeUps).toBe(1);
    } finally {
      await listener.end();
    }
  });

  it('answers commands while an endpoint hangs, and delivers to the other endpoints meanwhile', async () => {
    // given two systems of the registry: one hangs, the other answers
    const slow = await receiver('hang');
    const quick = await receiver();
    const slowSubscription = await subscribe(slow, ['task.created']);
    await subscribe(quick, ['task.created']);
    const dossiers = await Promise.all(
      [
        'Trương Vĩnh Ký',
        'Nguyễn Trung Trực',
        'Thủ Khoa Huân',
        'Trần Thị Nhượng',
        'Lê Quý Đôn',
        'Hồ Biểu Chánh',
      ].map(receive),
    );

    // when six review steps are created for them
    const answeredIn: number[] = [];
    for (const d of dossiers) {
      const started = Date.now();
      expect((await complete(d.id, 'tiep_nhan', { hopLe: true })).status).toBe(200);
      answeredIn.push(Date.now() - started);
    }

    // then no command waited for a delivery, and the other endpoint got every step while this one hung
    expect(Math.max(...answeredIn)).toBeLessThan(1000); // the endpoint's timeout
    await waitFor('the quick deliveries', () => quick.accepted.length === 6);
    expect(slow.requests.length).toBeGreaterThan(0);
    expect(slow.accepted).toEqual([]);
    // with several attempts in flight, at most its share (MAX_IN_FLIGHT_PER_SUBSCRIPTION)
    expect(slow.maxOpen).toBeGreaterThanOrEqual(2);
    expect(slow.maxOpen).toBeLessThanOrEqual(4);

    // and when the hanging attempts time out, they are retried; the endpoint, answering again, gets each step once
    await waitFor('a timed-out attempt', async () =>
      (await deliveriesOf(slowSubscription.id)).some((d) => d.attempts > 0),
    );
    expect((await deliveriesOf(slowSubscription.id)).find((d) => d.attempts > 0)).toMatchObject({
      status: 'pending',
      lastStatus: null,
      lastError: 'No answer within 1000 ms',
    });
    slow.mode = 'ok';
    await waitFor('the retries', () => slow.accepted.length === 6, 10_000);
    await sleep(200);
    expect(new Set(slow.accepted.map((r) => r.delivery)).size).toBe(6);
    expect(slow.accepted).toHaveLength(6);
    const log = await deliveriesOf(slowSubscription.id);
    expect(log.every((d) => d.status === 'delivered')).toBe(true);
    // every attempt the endpoint saw is in the log: the timed-out ones and the one it took
    expect(log.reduce((n, d) => n + d.attempts, 0)).toBe(slow.requests.length);
  });

  it('marks a delivery failed after its attempts, retries it on request, and stops with the subscription', async () => {
    // given an endpoint that always fails
    const endpoint = await receiver('fail');
    const subscription = await subscribe(endpoint, ['task.created']);
    const dossier = await receive('Mạc Đĩnh Chi');
    await complete(dossier.id, 'tiep_nhan', { hopLe: true });

    // when its 6 attempts are spent
    const failed = (await waitFor('the failed delivery', () =>
      deliveriesOf(subscription.id, '?status=failed').then((items) => items[0]),
    ))!;

    // then
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastStatus: 500,
      lastError: 'HTTP 500: Hệ thống đang bảo trì',
      nextAttemptAt: null,
    });
    expect(endpoint.requests).toHaveLength(6);
    expect(await deliveriesOf(subscription.id, '?status=pending')).toEqual([]);

    // when the endpoint is repaired and the agency system asks for the delivery again
    endpoint.mode = 'ok';
    const retried = await registrySystem().post<WebhookDeliveryDto>(
      `/webhooks/${subscription.id}/deliveries/${failed.id}/retry`,
    );

    // then it is delivered, and a delivered one is not retried
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending' });
    await waitFor('the retried delivery', () => endpoint.accepted.length === 1);
    expect(endpoint.accepted[0]!.delivery).toBe(failed.id);
    await waitFor('the log', async () => (await deliveriesOf(subscription.id))[0]!.status === 'delivered');
    expect((await deliveriesOf(subscription.id))[0]).toMatchObject({ attempts: 7, lastStatus: 200 });
    const again = await registrySystem().post(`/webhooks/${subscription.id}/deliveries/${failed.id}/retry`);
    expect(again.status).toBe(409);

    // when the subscription is deactivated, later steps are not recorded for it
    const off = await registrySystem().post<WebhookDto>(`/webhooks/${subscription.id}/deactivate`);
    expect(off.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    const later = await receive('Lý Tự Trọng');
    const before = await outboxCount();
    await complete(later.id, 'tiep_nhan', { hopLe: true });
    expect(await outboxCount()).toBe(before);
    expect((await registrySystem().post(`/webhooks/${subscription.id}/deactivate`)).status).toBe(409);
  });

  it('seals a secret stored in clear at start, keeps signing with it, and fails deliveries whose secret cannot be read', async () => {
    // given a subscription from before secrets were sealed (its secret in clear)
    const endpoint = await receiver('ok');
    const subscription = await subscribe(endpoint, ['task.created']);
    endpoint.secret = 'whsec_stored-in-clear-before-sealing-000000000';
    await t.query(`UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1`, [
      subscription.id,
      endpoint.secret,
    ]);

    // when the engine starts (the boot seals such secrets)
    expect(await t.app.get(WebhooksService).sealPlainSecrets()).toBe(1);
    expect(await t.app.get(WebhooksService).sealPlainSecrets()).toBe(0);

    // then it is sealed, and deliveries are signed with the same secret as before
    const [row] = (await t.query(`SELECT secret FROM webhook_subscriptions WHERE id = $1`, [
      subscription.id,
    ])) as Array<{
      secret: string;
    }>;
    expect(row!.secret).toMatch(/^enc:v1:/);
    const dossier = await receive('Lê Quý Đôn');
    await complete(dossier.id, 'tiep_nhan', { hopLe: true });
    await waitFor('the delivery', () => endpoint.accepted.length === 1);
    expect(endpoint.accepted[0]!.signatureValid).toBe(true);

    // when the secret was sealed with another key (SECRETS_KEY changed), deliveries fail and say why
    await t.query(`UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1`, [
      subscription.id,
      new SecretBox('some-other-secrets-key-of-another-install').seal(endpoint.secret),
    ]);
    const later = await receive('Ngô Sĩ Liên');
    await complete(later.id, 'tiep_nhan', { hopLe: true });
    const failed = await waitFor('the failed attempt', async () =>
      (await deliveriesOf(subscription.id)).find((d) => d.lastError !== null),
    );
    expect(failed!.lastError).toBe(
      "The subscription's signing secret cannot be read (SECRETS_KEY has changed): subscribe anew.",
    );
    expect(endpoint.requests).toHaveLength(1);
  });

  it('keeps delivered and failed deliveries for WEBHOOK_LOG_DAYS (30), pending ones whatever their age', async () => {
    // given a log with delivered rows, some of them older than 30 days, and an old row still pending
    const endpoint = await receiver('ok');
    const subscription = await subscribe(endpoint, ['task.created']);
    for (const applicant of ['Chu Văn An', 'Nguyễn Trãi']) {
      const dossier = await receive(applicant);
      await complete(dossier.id, 'tiep_nhan', { hopLe: true });
    }
    await waitFor(
      'the deliveries',
      async () => (await deliveriesOf(subscription.id, '?status=delivered')).length >= 2,
    );
    const delivered = await deliveriesOf(subscription.id, '?status=delivered');
    const [oldest, ...recent] = delivered.map((d) => d.id).sort((a, b) => Number(a) - Number(b));
    await t.query(`UPDATE webhook_deliveries SET created_at = now() - interval '31 days' WHERE id = $1`, [
      oldest,
    ]);
    const pending = (await t.query(
      `INSERT INTO webhook_deliveries (subscription_id, event, payload, created_at, next_attempt_at, status)
       SELECT subscription_id, event, payload, now() - interval '40 days', now() + interval '1 day', 'pending'
         FROM webhook_deliveries WHERE id = $1 RETURNING id`,
      [oldest],
    )) as Array<{ id: string }>;

    // when the purge runs (at start and every hour)
    const removed = await t.app.get(WebhookDispatcher).purgeLog();

    // then only the old finished delivery went
    expect(removed).toBe(1);
    const left = (await t.query(`SELECT id::text FROM webhook_deliveries WHERE subscription_id = $1`, [
      subscription.id,
    ])) as Array<{ id: string }>;
    expect(left.map((r) => r.id).sort()).toEqual([...recent, pending[0]!.id].sort());
    await t.query(`DELETE FROM webhook_deliveries WHERE id = $1`, [pending[0]!.id]);
  });

  it('sends the due-soon and overdue transitions of the deadline sweep', async () => {
    // given a dossier received on Monday 2/3/2026 whose review step has one working day
    const clock = t.app.get(Clock);
    const sweeper = t.app.get(DeadlineSweeper);
    const registry = await receiver();
    const desk = await receiver();
    await subscribe(registry, ['task.deadline_changed', 'dossier.deadline_changed']);
    await subscribe(desk, ['dossier.deadline_changed'], 'DTP-TTHCC');
    clock.set(new Date('2026-03-02T08:00:00+07:00'));
    const dossier = await receive('Nguyễn Đình Chiểu');
    await complete(dossier.id, 'tiep_nhan', { hopLe: true });
    const [review] = (await t.query(
      `SELECT id, due_at, due_soon_at FROM tasks WHERE dossier_id = $1 AND node_id = 'tham_dinh'`,
      [dossier.id],
    )) as Array<{ id: string; due_at: Date; due_soon_at: Date }>;
    const [file] = (await t.query(`SELECT due_at FROM dossiers WHERE id = $1`, [dossier.id])) as Array<{
      due_at: Date;
    }>;

    // when the sweep passes the step's due-soon instant, then the dossier's due instant
    await sweeper.sweep(new Date(review!.due_soon_at.getTime() + 60_000));
    await sweeper.sweep(new Date(file!.due_at.getTime() + 60_000));

    // then the registry is told of its step (due soon, then overdue) and of the dossier (overdue), the desk of the dossier
    const mine = (r: Receiver) => r.accepted.filter((x) => x.payload.dossier.id === dossier.id);
    await waitFor('the deadline deliveries', () => mine(registry).length === 3 && mine(desk).length === 1);
    await sleep(200);
    const transitions = (r: Receiver) =>
      mine(r).map((x) => [
        x.event,
        x.payload.previousDeadlineStatus,
        x.payload.deadlineStatus,
        x.payload.task?.id ?? null,
      ]);
    expect(transitions(registry).sort()).toEqual(
      [
        ['task.deadline_changed', 'on_track', 'due_soon', review!.id],
        ['task.deadline_changed', 'due_soon', 'overdue', review!.id],
        ['dossier.deadline_changed', 'on_track', 'overdue', null],
      ].sort(),
    );
    expect(transitions(desk)).toEqual([['dossier.deadline_changed', 'on_track', 'overdue', null]]);
    const overdue = mine(desk)[0]!.payload;
    expect(overdue.dossier).toMatchObject({
      code: dossier.code,
      status: 'active',
      dueAt: file!.due_at.toISOString(),
    });
    expect(overdue.occurredAt).toBe(new Date(file!.due_at.getTime() + 60_000).toISOString());
    expect([...registry.requests, ...desk.requests].every((x) => x.signatureValid)).toBe(true);
  });

  /**
   * The desk subscribed to its dossiers' deadline changes, and a dossier received on Monday 2/3/2026 at
   * 08:00 (3 working days: due Thursday 5/3 08:00), now with the land registry; `mine()`: the payloads
   * the desk took in about it.
   */
  async function deskWatchingADossier(applicant: string) {
    const clock = t.app.get(Clock);
    const desk = await receiver();
    await subscribe(desk, ['dossier.deadline_changed'], 'DTP-TTHCC');
    clock.set(new Date('2026-03-02T08:00:00+07:00'));
    const dossier = await receive(applicant);
    await complete(dossier.id, 'tiep_nhan', { hopLe: true });
    const mine = () => desk.accepted.filter((x) => x.payload.dossier.id === dossier.id).map((x) => x.payload);
    return { clock, desk, dossier, mine };
  }

  it("tells of a dossier's deadline moving or stopping: paused, resumed, rescheduled", async () => {
    // given the desk watching a dossier due Thursday 5/3 08:00
    const { clock, dossier, mine } = await deskWatchingADossier('Trần Thị Ngọc Lan');
    const due0 = '2026-03-05T01:00:00.000Z';
    const post = async (path: string, body: object) => {
      const res = await t.api.post<DossierDto>(`/dossiers/${dossier.id}/${path}`, body);
      expect(res.status).toBe(200);
      return res.body;
    };

    // when the clock is paused for an expert assessment on Monday 10:00, and resumed on Tuesday 10:00
    clock.set(new Date('2026-03-02T10:00:00+07:00'));
    await post('pause', { reason: 'Chờ kết quả thẩm định của Sở Xây dựng' });
    await waitFor('the pause', () => mine().length === 1);
    clock.set(new Date('2026-03-03T10:00:00+07:00'));
    const resumed = await post('resume', { reason: 'Đã có kết quả thẩm định' });
    await waitFor('the resumption', () => mine().length === 2);

    // then the desk is told of each, with the due instant before and after
    const [paused, running] = mine();
    expect(paused).toMatchObject({
      event: 'dossier.deadline_changed',
      change: 'paused',
      reason: 'Chờ kết quả thẩm định của Sở Xây dựng',
      dossier: { code: dossier.code, status: 'active', clock: 'paused', appointmentAt: due0 },
      previousDueAt: due0,
      deadlineStatus: 'on_track',
      previousDeadlineStatus: 'on_track',
    });
    expect(running).toMatchObject({
      change: 'resumed',
      reason: 'Đã có kết quả thẩm định',
      dossier: { clock: 'running', dueAt: resumed.dueAt },
    });
    // one working day paused: due one working day later (Friday 6/3 08:00)
    expect(resumed.dueAt).toBe('2026-03-06T01:00:00.000Z');

    // when the return date is rescheduled by an apology on Wednesday (at least one working day ahead)
    clock.set(new Date('2026-03-04T09:00:00+07:00'));
    await post('extension', {
      newDueAt: '2026-03-10T16:00:00+07:00',
      reason: 'Cần xác minh nguồn gốc sử dụng đất',
    });
    await waitFor('the extension', () => mine().length === 3);
    // (the legal due instant stays: the dossier counts as late; the return date promised moves)
    expect(mine()[2]).toMatchObject({
      change: 'extended',
      reason: 'Cần xác minh nguồn gốc sử dụng đất',
      previousDueAt: '2026-03-06T01:00:00.000Z',
      previousAppointmentAt: '2026-03-06T01:00:00.000Z',
      dossier: {
        clock: 'running',
        dueAt: '2026-03-06T01:00:00.000Z',
        appointmentAt: '2026-03-10T09:00:00.000Z',
      },
    });
    expect(
      (await t.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE payload->'dossier'->>'id' = $1`,
        [dossier.id],
      )) as unknown,
    ).toEqual([{ n: 3 }]);
  });

  // Last: it changes the 2026 calendar of this app.
  it('tells of a dossier marked overdue that a calendar change puts back on track', async () => {
    // given the desk watching a dossier due Thursday 5/3 08:00, which the sweep marked overdue
    const { desk, dossier, mine } = await deskWatchingADossier('Lê Văn Hưu');
    await t.app.get(DeadlineSweeper).sweep(new Date('2026-03-05T01:01:00.000Z'));
    await waitFor('the overdue mark', () => mine().length === 1);
    expect(mine()[0]).toMatchObject({
      change: 'overdue',
      deadlineStatus: 'overdue',
      dossier: { clock: 'running' },
    });

    // when, on Monday still, Wednesday 4/3 is declared a day off
    await makeWednesdayOff(t, 'Quyết định nghỉ bù');
    await t.app.get(DeadlineRecomputer).last;

    // then the desk learns the new due instant, a working day later, and that the dossier is back on track
    await waitFor('the recomputation', () => mine().length === 2);
    expect(mine()[1]).toMatchObject({
      event: 'dossier.deadline_changed',
      change: 'recomputed',
      reason: expect.stringContaining('Quyết định nghỉ bù'),
      previousDueAt: '2026-03-05T01:00:00.000Z',
      dossier: {
        id: dossier.id,
        clock: 'running',
        dueAt: '2026-03-06T01:00:00.000Z',
        appointmentAt: '2026-03-06T01:00:00.000Z',
      },
      previousAppointmentAt: '2026-03-05T01:00:00.000Z',
      deadlineStatus: 'on_track',
      previousDeadlineStatus: 'overdue',
    });
    expect(desk.requests.every((x) => x.signatureValid)).toBe(true);
  });
});

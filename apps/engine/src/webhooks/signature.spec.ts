import { createHmac } from 'node:crypto';
import { retryDelayMs } from './retry-delay.util';
import { signWebhook, verifyWebhookSignature } from './signature';

const SECRET = 'whsec_thu-nghiem-bi-mat';
const BODY = JSON.stringify({
  event: 'task.created',
  dossier: { code: '000.00.12.H20-260302-0001' },
  ghiChu: 'Hồ sơ đất đai',
});
const NOW = 1_790_000_000;

describe('webhook signature', () => {
  it('signs HMAC-SHA256 over "<timestamp>.<body>", hex, with the v1= scheme', () => {
    // given
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');

    // when
    const signature = signWebhook(SECRET, NOW, BODY);

    // then
    expect(signature).toBe(`v1=${expected}`);
    expect(signWebhook(SECRET, NOW, Buffer.from(BODY, 'utf8'))).toBe(signature);
  });

  it('verifies a genuine delivery, from the raw body as string or bytes', () => {
    const signature = signWebhook(SECRET, NOW, BODY);
    const input = { secret: SECRET, timestamp: String(NOW), signature, now: NOW + 10 };

    expect(verifyWebhookSignature({ ...input, body: BODY })).toEqual({ ok: true, timestamp: NOW });
    expect(verifyWebhookSignature({ ...input, body: Buffer.from(BODY, 'utf8') })).toEqual({
      ok: true,
      timestamp: NOW,
    });
  });

  it('refuses a changed body, another secret, a changed timestamp or a garbled signature', () => {
    // given
    const signature = signWebhook(SECRET, NOW, BODY);
    const genuine = { secret: SECRET, body: BODY, timestamp: String(NOW), signature, now: NOW };

    // when / then
    const reasons = [
      { ...genuine, body: BODY.replace('Hồ sơ', 'Hồ  sơ') },
      { ...genuine, secret: 'whsec_khac' },
      { ...genuine, timestamp: String(NOW + 1), now: NOW + 1 },
      { ...genuine, signature: signature.toUpperCase().replace('V1=', 'v2=') },
      { ...genuine, signature: 'v1=abc' },
      { ...genuine, signature: signature.slice(0, -2) },
    ].map((input) => verifyWebhookSignature(input));
    expect(reasons).toEqual(Array(6).fill({ ok: false, reason: 'bad-signature' }));
  });

  it('refuses a timestamp outside the tolerance (a replayed request), in the past or the future', () => {
    const signature = signWebhook(SECRET, NOW, BODY);
    const at = (now: number, toleranceSeconds?: number) =>
      verifyWebhookSignature({
        secret: SECRET,
        body: BODY,
        timestamp: String(NOW),
        signature,
        now,
        toleranceSeconds,
      });

    expect(at(NOW + 300).ok).toBe(true);
    expect(at(NOW + 301)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(at(NOW - 301)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(at(NOW + 3600, 7200).ok).toBe(true);
  });

  it('refuses missing or malformed headers without throwing', () => {
    const signature = signWebhook(SECRET, NOW, BODY);
    const base = { secret: SECRET, body: BODY, now: NOW };

    expect(verifyWebhookSignature({ ...base, timestamp: undefined, signature })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    expect(verifyWebhookSignature({ ...base, timestamp: String(NOW), signature: null })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    expect(verifyWebhookSignature({ ...base, timestamp: '17e8', signature })).toEqual({
      ok: false,
      reason: 'bad-timestamp',
    });
  });

  it('accepts any of several signatures (a secret being rotated)', () => {
    const other = signWebhook('whsec_cu', NOW, BODY);
    const signature = `${other}, ${signWebhook(SECRET, NOW, BODY)}`;

    expect(
      verifyWebhookSignature({ secret: SECRET, body: BODY, timestamp: String(NOW), signature, now: NOW }).ok,
    ).toBe(true);
  });
});

describe('retry delay', () => {
  it('doubles from the base after each failure, capped at one hour', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(1000, n))).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(retryDelayMs(1000, 12)).toBe(2_048_000);
    expect(retryDelayMs(1000, 13)).toBe(3_600_000);
    expect(retryDelayMs(50, 1_000)).toBe(3_600_000);
    expect(retryDelayMs(50, 0)).toBe(50);
  });
});

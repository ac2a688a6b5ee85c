import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signing of webhook deliveries, for the engine and for receivers (pure, no Nest): every delivery carries
 *
 *   X-LT-Timestamp: <unix seconds at the attempt>
 *   X-LT-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${raw body}`)>
 *
 * A receiver recomputes the HMAC over the raw body it received (before any JSON parsing), compares in
 * constant time and refuses a timestamp outside its tolerance (replay of an old request); it also keeps
 * the `X-LT-Delivery` ids it has handled, since a delivery may arrive more than once (at least once).
 */

export const SIGNATURE_HEADER = 'x-lt-signature';
export const TIMESTAMP_HEADER = 'x-lt-timestamp';
export const DELIVERY_HEADER = 'x-lt-delivery';
export const EVENT_HEADER = 'x-lt-event';

/** How far a timestamp may be from the receiver's clock, by default (5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The `X-LT-Signature` value of `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  return `v1=${hmac(secret, timestamp, body).toString('hex')}`;
}

export interface VerifyWebhookInput {
  readonly secret: string;
  /** The raw body as received. */
  readonly body: string | Buffer;
  /** The `X-LT-Timestamp` header. */
  readonly timestamp: string | null | undefined;
  /** The `X-LT-Signature` header (several `v1=` values, comma or space separated, are accepted). */
  readonly signature: string | null | undefined;
  /** Default DEFAULT_TOLERANCE_SECONDS. */
  readonly toleranceSeconds?: number;
  /** The receiver's clock, unix seconds (default: now). */
  readonly now?: number;
}

export type WebhookVerification =
  | { readonly ok: true; readonly timestamp: number }
  | {
      readonly ok: false;
      readonly reason: 'missing-headers' | 'bad-timestamp' | 'stale-timestamp' | 'bad-signature';
    };

/** Checks a delivery's signature and timestamp; never throws. */
export function verifyWebhookSignature(input: VerifyWebhookInput): WebhookVerification {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(input.timestamp.trim())) return { ok: false, reason: 'bad-timestamp' };
  const timestamp = Number(input.timestamp.trim());
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'stale-timestamp' };
  }
  const expected = hmac(input.secret, timestamp, input.body);
  const matches = input.signature
    .split(/[\s,]+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3))
    .filter((hex) => /^[0-9a-f]{64}$/i.test(hex))
    .some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'bad-signature' };
}

function hmac(secret: string, timestamp: number, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

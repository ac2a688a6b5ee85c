/** The longest wait between two attempts of a delivery. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * Wait before the next attempt of a delivery that has failed `attempts` times (1 after the first
 * failure): `base`, then doubled at every failure, at most 1 h.
 */
export function retryDelayMs(baseMs: number, attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^40 ms is far beyond the cap already: keeps the arithmetic finite for any attempt count.
  return Math.min(baseMs * 2 ** Math.min(exponent, 40), MAX_RETRY_DELAY_MS);
}

import { Counter, Histogram, type LabelValues, register } from 'prom-client';

/**
 * The engine's own Prometheus metrics that code paths update as they go (requests, commands), on
 * prom-client's default registry, which `/metrics` exposes (with the database-derived gauges of
 * metrics/metrics.service.ts). With several engine processes the primary sums them (see cluster.ts).
 */
export const metricsRegistry = register;

export const httpRequestDuration = new Histogram({
  name: 'lt_http_request_duration_seconds',
  help: 'HTTP requests answered, by method, route template and status, with their duration',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const commandsTotal = new Counter({
  name: 'lt_commands_total',
  help: 'Commands applied to dossiers (written), by kind: start, completeTask, correlateMessage, fireJob, cancel, deadline…',
  labelNames: ['kind'] as const,
});

type Observer = { observe(value: number): void };
const requestObservers = new Map<string, Observer>();

/**
 * Observes one answered request. The labelled child is looked up once per method, route and status
 * (prom-client would otherwise validate and hash the label object on every request, on the hot path).
 */
export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const key = `${method} ${status} ${route}`;
  let observer = requestObservers.get(key);
  if (observer === undefined) {
    const labels: LabelValues<'method' | 'route' | 'status'> = { method, route, status };
    observer = httpRequestDuration.labels(labels);
    requestObservers.set(key, observer);
  }
  observer.observe(seconds);
}

const commandCounters = new Map<string, { inc(): void }>();

/** Counts one command applied to a dossier (the labelled child looked up once per kind). */
export function countCommand(kind: string): void {
  let counter = commandCounters.get(kind);
  if (counter === undefined) {
    counter = commandsTotal.labels({ kind });
    commandCounters.set(kind, counter);
  }
  counter.inc();
}

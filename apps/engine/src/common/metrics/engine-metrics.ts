import { Counter, Histogram, register } from 'prom-client';

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

import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { attachAudit, type AuditContext } from './audit-context';
import { IDEMPOTENT_REPLAYED_HEADER } from '../common/idempotency/idempotency.interceptor';
import { noteDossierCode } from '../common/logging/request-log';
import { perRoute } from '../common/http/route-metadata';
import { PRINCIPAL, type Principal } from '../identity/principal';
import { Clock } from '../common/clock/clock';
import { AUDIT_ACTION, type AuditSpec } from './audit-spec';
import { type AuditRecord, AuditWriter } from './audit-writer';

type AuditedRequest = Pick<FastifyRequest, 'method' | 'originalUrl' | 'ip' | 'id'> & {
  params?: unknown;
  [PRINCIPAL]?: Principal;
};

const TARGET_PARAMS = ['id', 'idOrCode', 'key', 'code', 'year', 'prefix'];

/** The audit record of a request, before its outcome is known (also used by AuthGuard for denials). */
export function auditRecord(
  request: AuditedRequest,
  spec: AuditSpec,
  at: Date,
  principal: Principal | undefined = request[PRINCIPAL],
): AuditRecord {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const param = spec.param ?? TARGET_PARAMS.find((p) => params[p] !== undefined);
  const targetId = param === undefined ? null : (params[param] ?? null);
  return {
    at,
    actorKind: principal?.kind ?? 'anonymous',
    actorId: principal?.name ?? 'anonymous',
    unitCode: principal?.unit ?? null,
    action: spec.action,
    method: request.method,
    path: request.originalUrl.split('?')[0] ?? '',
    targetType: spec.target ?? null,
    targetId,
    dossierId: spec.target === 'dossier' ? targetId : null,
    status: 0,
    outcome: 'success',
    ip: request.ip ?? null,
    requestId: request.id,
    detail: null,
  };
}

/** The dossier a command's answer names (a dossier, a task, a message result). */
function dossierOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b['dossierId'] === 'string') return b['dossierId'];
  if (typeof b['code'] === 'string' && typeof b['id'] === 'string' && 'definitionKey' in b) return b['id'];
  const dossier = b['dossier'];
  if (
    dossier !== null &&
    typeof dossier === 'object' &&
    typeof (dossier as Record<string, unknown>)['id'] === 'string'
  ) {
    return (dossier as Record<string, unknown>)['id'] as string;
  }
  return null;
}

/** The code of the dossier a command's answer names (a dossier, a task's dossier, a message result). */
function dossierCodeOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b['dossierCode'] === 'string') return b['dossierCode'];
  if (typeof b['code'] === 'string' && 'definitionKey' in b) return b['code'];
  const dossier = b['dossier'] as Record<string, unknown> | null | undefined;
  return dossier !== null && typeof dossier === 'object' && typeof dossier['code'] === 'string'
    ? dossier['code']
    : null;
}

/**
 * Appends one audit record for every call of a route marked `@Audit(...)`: the answer waits until the
 * record is written (group commit, see AuditWriter). Denials by AuthGuard are recorded by the guard.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly routeOf = perRoute((handler): AuditedRoute | null => {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_ACTION, handler);
    return spec === undefined
      ? null
      : { spec, status: this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler) };
  });

  constructor(
    private readonly reflector: Reflector,
    private readonly writer: AuditWriter,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return defer(() => this.around(context, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  /**
   * The same as `intercept`, with promises: runs `handle` (the handler) and records its outcome.
   * CommandInterceptor composes it without an Observable per layer.
   */
  async around(context: ExecutionContext, handle: () => Promise<unknown>): Promise<unknown> {
    if (context.getType() !== 'http') return handle();
    const route = this.routeOf(context.getHandler(), context.getClass());
    if (route === null) return handle();
    const { spec } = route;
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const response = context.switchToHttp().getResponse<FastifyReply>();
    const record = auditRecord(request, spec, this.clock.now());
    // The status a success answers with, known before the handler runs, for a record written with the change.
    record.status = route.status ?? (request.method === 'POST' ? 201 : 200);
    const audit: AuditContext = { record, written: false };
    // The services pass it to the runtime with the actor of this request's principal (actorOf).
    const principal = request[PRINCIPAL];
    if (principal !== undefined) attachAudit(principal, audit);
    try {
      const body = await handle();
      const code = dossierCodeOf(body);
      if (code !== null) noteDossierCode(request, code);
      // Already committed with the command's change (see audit-context.ts).
      if (audit.written) return body;
      record.status = response.statusCode;
      if (response.getHeader(IDEMPOTENT_REPLAYED_HEADER) === 'true') record.outcome = 'replayed';
      record.dossierId = dossierOf(body) ?? record.dossierId;
      if (
        spec.target !== 'dossier' &&
        record.targetId === null &&
        typeof (body as { id?: unknown })?.id === 'string'
      ) {
        record.targetId = (body as { id: string }).id;
      }
      await this.writer.write(record);
      return body;
    } catch (error) {
      // A change written with its record and then a failure (e.g. a transaction rolled back): record the failure.
      const status = error instanceof HttpException ? error.getStatus() : 500;
      record.status = status;
      record.outcome = status === 401 || status === 403 ? 'denied' : 'failed';
      record.detail = error instanceof Error ? error.message : String(error);
      await this.writer.write(record);
      throw error;
    }
  }
}

/** What a route says of its audit (null: not audited). */
interface AuditedRoute {
  readonly spec: AuditSpec;
  /** `@HttpCode`, if any: the status of a success. */
  readonly status: number | undefined;
}

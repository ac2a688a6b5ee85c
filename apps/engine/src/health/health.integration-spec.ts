import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource, EntityNotFoundError } from 'typeorm';
// Test support (one PostgreSQL per test run, a fresh database per file) lives outside the Nx projects.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { Consumes } from '../common/http/consumes.decorator';
import { notFound } from '../common/problem/problem.exception';
import { Public } from '../identity/auth.decorators';
import { migrations } from '../database/migrations';

jest.setTimeout(60_000);

class LineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class OrderDto {
  @IsString() customer!: string;
  @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
}

/** Test-only endpoints exercising the platform conventions. */
// Probes the HTTP platform itself (no sign-in involved).
@Public()
@Controller('platform-probe')
class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('json')
  json(@Body() order: OrderDto): { received: OrderDto; isDto: boolean } {
    return { received: order, isDto: order instanceof OrderDto };
  }

  @Post('xml')
  @Consumes('application/bpmn+xml', 'application/xml', 'text/xml')
  xml(@Body() xml: string): { length: number; type: string } {
    return { length: xml.length, type: typeof xml };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internals: /srv/lienthong/keys.pem');
  }

  @Get('missing')
  missing(): never {
    throw notFound('Dossier', 'H01.2025.000123');
  }

  @Get('entity-not-found')
  entityNotFound(): never {
    throw new EntityNotFoundError('DossierEntity', { id: 7 });
  }

  @Get('duplicate')
  async duplicate(): Promise<void> {
    const insert = `INSERT INTO idempotency_keys (key, method, path, request_hash) VALUES ('dup', 'POST', '/x', repeat('0', 64))`;
    await this.dataSource.query(insert);
    await this.dataSource.query(insert);
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('platform: health, OpenAPI and the HTTP conventions', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 'fatal': the 500 case below logs a stack trace on purpose
    t = await startTestApp({ imports: [ProbeModule], config: { bodyLimit: '16kb', logLevel: 'fatal' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  function send(method: string, path: string, body?: string, contentType?: string): Promise<Response> {
    return fetch(`${t.baseUrl}${path}`, {
      method,
      body,
      headers: contentType === undefined ? {} : { 'content-type': contentType },
    });
  }

  async function problem(response: Response): Promise<Record<string, unknown>> {
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    return (await response.json()) as Record<string, unknown>;
  }

  it('answers liveness without the database, and readiness once every migration has run', async () => {
    // when
    const live = await send('GET', '/api/v1/health/live');
    const ready = await send('GET', '/api/v1/health/ready');

    // then
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok', version: expect.any(String) });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      database: 'up',
      migrations: migrations.length,
      version: expect.any(String),
    });
  });

  it('is not ready while a migration of this version has not run', async () => {
    // given the database lacks the last migration's record
    const last = migrations[migrations.length - 1]!.name;
    const [row] = (await t.query(`SELECT timestamp, name FROM migrations WHERE name = $1`, [last])) as Array<{
      timestamp: string;
      name: string;
    }>;
    await t.query(`DELETE FROM migrations WHERE name = $1`, [last]);
    try {
      // when
      const ready = await send('GET', '/api/v1/health/ready');

      // then 503, naming it, while liveness stays 200
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(await problem(ready)).toMatchObject({ status: 503, detail: `Migrations not run yet: ${last}.` });
      expect((await send('GET', '/api/v1/health/live')).status).toBe(200);
    } finally {
      await t.query(`INSERT INTO migrations (timestamp, name) VALUES ($1, $2)`, [row!.timestamp, row!.name]);
    }
  });

  it('reports health with a live database', async () => {
    // when
    const response = await send('GET', '/api/v1/health');

    // then
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'up',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
  });

  it('serves the OpenAPI document with the shared problem schema', async () => {
    // when
    const response = await send('GET', '/api/docs-json');
    const document = (await response.json()) as {
      info: { title: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
    };

    // then
    expect(response.status).toBe(200);
    expect(document.info.title).toBe('Liên thông API');
    expect(document.paths['/api/v1/health']?.get?.responses).toMatchObject({
      '200': expect.anything(),
      default: { $ref: '#/components/responses/Problem' },
    });
    expect(document.components.schemas.ProblemDetails).toBeDefined();
    expect(document.components.responses.Problem).toBeDefined();
    expect((await send('GET', '/api/docs')).status).toBe(200);
  });

  it('answers an unknown route with a problem+json 404', async () => {
    // when
    const response = await send('GET', '/api/v1/no-such-thing?x=1');

    // then
    expect(response.status).toBe(404);
    expect(await problem(response)).toMatchObject({
      type: 'https://lienthong.vn/problems/not-found',
      title: 'Resource not found',
      status: 404,
      instance: '/api/v1/no-such-thing',
      requestId: expect.any(String),
    });
  });

  it('refuses a JSON body over BODY_LIMIT with 413', async () => {
    // given
    const big = JSON.stringify({ customer: 'x'.repeat(20_000), lines: [] });

    // when
    const response = await send('POST', '/api/v1/platform-probe/json', big, 'application/json');

    // then
    expect(response.status).toBe(413);
    expect(await problem(response)).toMatchObject({
      type: 'https://lienthong.vn/problems/payload-too-large',
      status: 413,
    });
  });

  it('refuses malformed JSON with 400', async () => {
    // when
    const response = await send('POST', '/api/v1/platform-probe/json', '{"customer": ', 'application/json');

    // then
    expect(response.status).toBe(400);
    expect(await problem(response)).toMatchObject({
      type: 'https://lienthong.vn/problems/malformed-body',
      status: 400,
    });
  });

  it('refuses a body of a media type the endpoint does not accept with 415', async () => {
    // when
    const plain = await send('POST', '/api/v1/platform-probe/json', 'customer=x', 'text/plain');
    const xmlToJson = await send('POST', '/api/v1/platform-probe/json', '<order/>', 'application/xml');
    const jsonToXml = await send('POST', '/api/v1/platform-probe/xml', '{}', 'application/json');

    // then
    expect(plain.status).toBe(415);
    expect(await problem(plain)).toMatchObject({
      type: 'https://lienthong.vn/problems/unsupported-media-type',
      accepted: ['application/json'],
    });
    expect(xmlToJson.status).toBe(415);
    expect(jsonToXml.status).toBe(415);
  });

  it('validates and transforms JSON bodies, listing every invalid field', async () => {
    // given
    const invalid = JSON.stringify({ customer: 7, lines: [{ sku: 'A', quantity: 0 }], admin: true });
    const valid = JSON.stringify({ customer: 'Nguyễn Văn A', lines: [{ sku: 'A', quantity: 2 }] });

    // when
    const refused = await send('POST', '/api/v1/platform-probe/json', invalid, 'application/json');
    const accepted = await send(
      'POST',
      '/api/v1/platform-probe/json',
      valid,
      'application/json; charset=utf-8',
    );

    // then
    expect(refused.status).toBe(400);
    const body = await problem(refused);
    expect(body).toMatchObject({ type: 'https://lienthong.vn/problems/validation-failed', status: 400 });
    expect((body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual(
      ['admin', 'customer', 'lines[0].quantity'].sort(),
    );
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toEqual({ received: JSON.parse(valid), isDto: true });
  });

  it('hands XML bodies to the handler as a string, within the limit', async () => {
    // given
    const xml = '<?xml version="1.0"?><definitions id="thủ-tục"/>';

    // when
    const responses = await Promise.all(
      ['application/bpmn+xml', 'application/xml', 'text/xml; charset=utf-8'].map((type) =>
        send('POST', '/api/v1/platform-probe/xml', xml, type),
      ),
    );
    const tooBig = await send(
      'POST',
      '/api/v1/platform-probe/xml',
      `<a>${'x'.repeat(20_000)}</a>`,
      'application/xml',
    );

    // then
    for (const response of responses) {
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ length: xml.length, type: 'string' });
    }
    expect(tooBig.status).toBe(413);
  });

  it('hands an empty XML body to the handler as an empty string', async () => {
    // when
    const response = await send('POST', '/api/v1/platform-probe/xml', '', 'application/xml');

    // then
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ length: 0, type: 'string' });
  });

  it('routes case-insensitively, with or without a trailing slash', async () => {
    // when
    const response = await send('GET', '/API/V1/Health/');

    // then
    expect(response.status).toBe(200);
  });

  it('answers a path it cannot decode with a 400 problem', async () => {
    // when
    const response = await send('GET', '/api/v1/public/dossiers/%ZZ');

    // then
    expect(response.status).toBe(400);
    expect(await problem(response)).toMatchObject({
      type: 'https://lienthong.vn/problems/bad-request',
      detail: "Failed to decode param '%ZZ'",
      instance: '/api/v1/public/dossiers/%ZZ',
    });
  });

  it('sends a weak ETag, and 304 to a GET whose copy is still fresh; no ETag to a command', async () => {
    // given
    const first = await send('GET', '/api/v1/health');
    const etag = first.headers.get('etag');
    const command = await send(
      'POST',
      '/api/v1/platform-probe/json',
      '{"customer":"Hà","lines":[]}',
      'application/json',
    );

    // when
    // (fetch would add `Cache-Control: no-cache` to a conditional request without a Cache-Control.)
    const again = await fetch(`${t.baseUrl}/api/v1/health`, {
      headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' },
    });

    // then
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[\w+/]{27}"$/);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(command.status).toBe(201);
    expect(command.headers.get('etag')).toBeNull();
  });

  it('echoes the request id, also in an answer to a body it could not parse', async () => {
    // when
    const own = await fetch(`${t.baseUrl}/api/v1/health`, { headers: { 'x-request-id': 'gw-42' } });
    const malformed = await send('POST', '/api/v1/platform-probe/json', '{', 'application/json');

    // then
    expect(own.headers.get('x-request-id')).toBe('gw-42');
    const body = await problem(malformed);
    expect(malformed.headers.get('x-request-id')).toBe(body.requestId);
  });

  it('maps domain and persistence errors to problems', async () => {
    // when
    const missing = await send('GET', '/api/v1/platform-probe/missing');
    const entity = await send('GET', '/api/v1/platform-probe/entity-not-found');
    const duplicate = await send('GET', '/api/v1/platform-probe/duplicate');

    // then
    expect(missing.status).toBe(404);
    expect(await problem(missing)).toMatchObject({
      detail: "Dossier 'H01.2025.000123' was not found.",
      resource: 'Dossier',
      id: 'H01.2025.000123',
    });
    expect(entity.status).toBe(404);
    expect(JSON.stringify(await problem(entity))).not.toContain('DossierEntity');
    expect(duplicate.status).toBe(409);
    expect(await problem(duplicate)).toMatchObject({ type: 'https://lienthong.vn/problems/duplicate' });
  });

  it('answers unexpected errors with a generic 500 that leaks nothing', async () => {
    // when
    const response = await send('GET', '/api/v1/platform-probe/boom');

    // then
    expect(response.status).toBe(500);
    const body = await problem(response);
    expect(body).toMatchObject({
      type: 'https://lienthong.vn/problems/internal-error',
      detail: 'An unexpected error occurred.',
    });
    expect(JSON.stringify(body)).not.toMatch(/secret|keys\.pem|at /);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { buildOpenApiDocument, serializeOpenApiDocument } from './common/http/openapi.util';
import { loadAppConfig } from './config/load-app-config.util';
import { routeApi } from './main';

/** The committed OpenAPI document, from which the web apps generate their typed client (`npm run openapi`). */
export const OPENAPI_FILE = resolve(__dirname, '../../../libs/contracts/openapi.json');

/**
 * The OpenAPI document the engine serves at /api/docs-json, built from the controllers and DTOs alone:
 * the application is created in preview mode (no provider instantiated, no database, nothing listening).
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadAppConfig({}, { seedDemo: false });
  const app = await NestFactory.create(AppModule.register(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    routeApi(app);
    return buildOpenApiDocument(app, config);
  } finally {
    await app.close();
  }
}

/** Where the committed document stands against the code: null when they are the same, else what to do. */
export async function openApiDrift(): Promise<string | null> {
  const generated = serializeOpenApiDocument(await generateOpenApiDocument());
  const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => '');
  if (committed === generated) return null;
  const a = committed.split('\n');
  const b = generated.split('\n');
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  return (
    `libs/contracts/openapi.json differs from the code's OpenAPI document at line ${line + 1} ` +
    `(committed: ${JSON.stringify(a[line] ?? '<end>')}, code: ${JSON.stringify(b[line] ?? '<end>')}): run npm run openapi`
  );
}

/** Writes the document to `libs/contracts/openapi.json`; true when it changed. */
export async function writeOpenApiDocument(): Promise<boolean> {
  const generated = serializeOpenApiDocument(await generateOpenApiDocument());
  const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => '');
  if (committed === generated) return false;
  await writeFile(OPENAPI_FILE, generated);
  return true;
}

import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { findRepoRoot } from '../../config/repo-root.util';

/** Where `npm run build` puts the web app (apps/web, built by Vite). */
export function webAppDist(): string {
  return join(findRepoRoot(), 'apps', 'web', 'dist');
}

/** Paths the web app never owns: the API, its documents and Camunda 7's external-task API. */
function isServerPath(path: string): boolean {
  const p = path.toLowerCase();
  return p === '/api' || p.startsWith('/api/') || p === '/engine-rest' || p.startsWith('/engine-rest/');
}

const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Liên thông</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Liên thông</h1>
<p>Ứng dụng web chưa được build. Chạy <code>npm run build</code> (hoặc <code>npm start</code>, vốn build trước khi chạy) rồi tải lại trang.</p>
<p>The web app is not built: run <code>npm run build</code> (or <code>npm start</code>) and reload. The API is at <a href="/api/v1/health">/api/v1/health</a>, its documentation at <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

/**
 * Serves the built web app at `/`: its files (hashed assets under `/assets/` cached for a year as
 * immutable, anything else revalidated), and `index.html` (no-cache) for every other GET that is not
 * a file, so that deep links reach the app's router. `/api/*` and `/engine-rest/*` keep the API's
 * 404 problems. Without a build (development) every page says how to build it.
 */
export async function serveWebApp(app: NestFastifyApplication, dist = webAppDist()): Promise<void> {
  const built = existsSync(join(dist, 'index.html'));
  const fastify = app.getHttpAdapter().getInstance();
  if (built) {
    // Only `reply.sendFile`: the routes are the fallback below.
    await app.register(fastifyStatic, { root: dist, serve: false });
  }
  const handler = (request: FastifyRequest, reply: FastifyReply): unknown => {
    const path = decodePath(request.url);
    if (path === undefined || isServerPath(path)) return reply.callNotFound();
    if (!built)
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT);
    const file = fileUnder(dist, path);
    if (file !== undefined) {
      if (file.startsWith(`assets${sep}`)) {
        return reply.sendFile(file, { maxAge: 365 * 24 * 3_600_000, immutable: true });
      }
      return reply
        .sendFile(file, { cacheControl: false, lastModified: true })
        .header('cache-control', 'no-cache');
    }
    if (/\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return reply.sendFile('index.html', { cacheControl: false }).header('cache-control', 'no-cache');
  };
  fastify.get('/*', handler);
  fastify.get('/', handler);
}

function decodePath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
}

/** The file of `dist` a URL path names (relative to dist), or undefined (none, a folder, or outside dist). */
function fileUnder(dist: string, path: string): string | undefined {
  const relative = normalize(path).replace(/^[/\\]+/, '');
  if (relative === '' || relative.split(/[/\\]/).includes('..')) return undefined;
  const full = join(dist, relative);
  if (!full.startsWith(dist + sep)) return undefined;
  try {
    return statSync(full).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

import { stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** `agent-console/dist`, where `npm run build:console` (or `ensureConsoleBuilt`) writes the console. */
export const CONSOLE_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../agent-console/dist');

/** Hashed build output never changes under its name: cache it for a year. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed assets: revalidate it every time. */
export const INDEX_CACHE = 'no-cache';

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>蓬莱区12345政务服务便民热线</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>坐席控制台尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:console</code>，或不设 <code>CONSOLE_BUILD=false</code> 重新启动服务（启动时会自动构建）。API 仍可使用：<a href="/api/docs">/api/docs</a>。</p>
<p lang="en">The agent console is not built. Run <code>npm run build:console</code>, or restart the server without
<code>CONSOLE_BUILD=false</code> to build it at start. The API works meanwhile: <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const wantsHtml = (request: FastifyRequest) => /text\/html|\*\/\*/.test(request.headers.accept ?? '');

/**
 * Serves the built agent console at `/`: files of `agent-console/dist` (with their precompressed `.br`/`.gz`
 * twins), long cache for hashed `/assets/*`, and `index.html` (no-cache) for any other page a browser asks
 * for, so deep links such as `/inbox` or `/tickets/PL…` work. `/api` and `/socket.io` keep their JSON 404.
 * When the console is not built, pages answer a short notice instead.
 */
export const consolePlugin = fp(
  async (app: FastifyInstance, opts: { distDir?: string } = {}) => {
    // CONSOLE_DIST serves another build (the end-to-end tests and the console benchmark build into a temp dir).
    const dist = resolve(opts.distDir ?? (process.env.CONSOLE_DIST || CONSOLE_DIST));
    await app.register(fastifyStatic, {
      root: dist,
      serve: false,
      preCompressed: true,
      cacheControl: false,
      index: false,
    });

    const sendIndex = async (reply: FastifyReply) => {
      if (!(await isFile(join(dist, 'index.html')))) {
        return reply
          .status(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(NOT_BUILT);
      }
      return reply
        .header('cache-control', INDEX_CACHE)
        .type('text/html; charset=utf-8')
        .sendFile('index.html', dist);
    };

    app.get(
      '/*',
      { config: { public: true }, schema: { hide: true }, logLevel: 'warn' },
      async (request, reply) => {
        const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
        if (path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io'))
          return reply.callNotFound();
        if (path === '/' || path === '/index.html') return sendIndex(reply);
        const file = resolve(dist, `.${path}`);
        if (file.startsWith(dist + sep) && (await isFile(file))) {
          const cache = path.startsWith('/assets/') ? ASSET_CACHE : 'public, max-age=3600';
          return reply.header('cache-control', cache).sendFile(file.slice(dist.length + 1), dist);
        }
        // A missing hashed asset is a real 404 (a stale page asking for an old build), not the app shell.
        if (!path.startsWith('/assets/') && wantsHtml(request)) return sendIndex(reply);
        return reply.callNotFound();
      },
    );
  },
  { name: 'console', dependencies: ['errors', 'auth'] },
);

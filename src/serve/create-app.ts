import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { registerApiRoutes } from './api/api-routes.ts';
import { errorPage } from './pages/layout.ts';
import { registerPageRoutes } from './pages/page-routes.ts';
import { guard, PAGE_CSP } from './security.ts';
import type { ServeContext } from './serve-context.ts';
import { uploadTooLarge } from './start-runs.ts';

export interface AppOptions {
  token: string;
  /** True when bound to a loopback address: reads need no token, Host must be loopback. */
  loopbackOnly: boolean;
}

/** Room for the multipart envelope and the small form fields around an upload at the cap. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The web app: body limit first (an oversized upload is refused before it is read), then the guard
 * (token, CSRF, Host), then pages and the JSON API. Every response says nosniff and no framing.
 */
export function createApp(ctx: ServeContext, options: AppOptions): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
  });
  app.on(
    ['POST', 'PUT', 'PATCH', 'DELETE'],
    '*',
    bodyLimit({
      maxSize: ctx.maxUploadBytes + FORM_OVERHEAD_BYTES,
      onError: (c) => {
        const message = uploadTooLarge(ctx.maxUploadBytes).toLine();
        if ((c.req.header('accept') ?? '').includes('text/html')) {
          c.header('Content-Security-Policy', PAGE_CSP);
          return c.html(errorPage(413, message), 413);
        }
        return c.json({ error: message, code: 'E_UPLOAD_TOO_LARGE' }, 413);
      },
    }),
  );
  app.use('*', guard(options));
  registerApiRoutes(app, ctx);
  registerPageRoutes(app, ctx, options.token);
  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: `no route ${c.req.path}`, code: 'E_NOT_FOUND' }, 404);
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(errorPage(404, 'no such page'), 404);
  });
  app.onError((error, c) => {
    const message = error instanceof Error ? error.message : String(error);
    return c.json({ error: message, code: 'E_INTERNAL' }, 500);
  });
  return app;
}

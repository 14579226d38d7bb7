import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/**
 * The server's guard. A random token is printed at start; a browser presents it once (?token=…),
 * gets it back as an HttpOnly SameSite=Strict cookie, and every form carries it again as `_csrf`.
 * - State-changing requests need the token (header, or cookie + form field), and a same-origin
 *   Origin/Referer when the browser sends one: another site can neither forge nor replay a form.
 * - Bound beyond loopback, every request needs the token.
 * - Bound to loopback, the Host header must name loopback (no DNS rebinding reads the library).
 */
export const TOKEN_COOKIE = 'litmus_token';
export const CSRF_FIELD = '_csrf';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function same(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token from a header (Authorization: Bearer, or X-Litmus-Token). */
export function headerToken(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return c.req.header('x-litmus-token') ?? undefined;
}

export function hasValidCookie(c: Context, token: string): boolean {
  return same(getCookie(c, TOKEN_COOKIE), token);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface GuardOptions {
  token: string;
  loopbackOnly: boolean;
}

export function guard(options: GuardOptions): MiddlewareHandler {
  const { token } = options;
  return async (c, next) => {
    const url = new URL(c.req.url);
    const host = c.req.header('host') ?? url.host;
    if (options.loopbackOnly && !isLoopbackHost(hostName(host))) {
      return c.text(`refused: Host "${host}" is not this loopback server`, 421);
    }
    const byHeader = same(headerToken(c), token);
    const byCookie = hasValidCookie(c, token);
    // Sign-in link: set the cookie and drop the token from the address bar.
    const offered = url.searchParams.get('token');
    if (c.req.method === 'GET' && offered !== null) {
      if (!same(offered, token)) return c.text('refused: wrong token — use the link litmus serve printed', 401);
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (!options.loopbackOnly && !byHeader && !byCookie) {
      return c.text('refused: this server needs its token — open the link litmus serve printed', 401);
    }
    if (UNSAFE.has(c.req.method)) {
      if (!crossSiteSafe(c, host)) return c.text('refused: cross-site request', 403);
      if (!byHeader) {
        if (!byCookie) {
          return c.json(
            { error: 'this request changes state and needs the token printed by litmus serve', code: 'E_TOKEN' },
            401,
          );
        }
        const type = c.req.header('content-type') ?? '';
        const field =
          type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')
            ? (await c.req.parseBody())[CSRF_FIELD]
            : undefined;
        if (typeof field !== 'string' || !same(field, token)) {
          return c.json({ error: 'form token missing or wrong; reload the page and try again', code: 'E_CSRF' }, 403);
        }
      }
    }
    await next();
  };
}

/** When the browser says where a request comes from, it must be this server. */
function crossSiteSafe(c: Context, host: string): boolean {
  const origin = c.req.header('origin') ?? c.req.header('referer');
  // A page under a no-referrer policy sends "Origin: null"; Sec-Fetch-Site (set by the browser, not
  // by page script) then says whether it came from this origin.
  if (origin === 'null') return c.req.header('sec-fetch-site') === 'same-origin';
  if (!origin) return c.req.header('sec-fetch-site') !== 'cross-site';
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  return host.split(':')[0] ?? '';
}

/** The page CSP: only our own script and stylesheet, no inline script, nothing from elsewhere. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

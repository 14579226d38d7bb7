import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { createConcurrencyLimit } from '../../../src/llm/concurrency.ts';
import { createBaseUrlFetch, isLoopbackUrl, isUnderBaseUrl, normalizeBaseUrl } from '../../../src/llm/endpoint.ts';

describe('LLM endpoint rules', () => {
  it('recognises loopback URLs only', () => {
    for (const url of [
      'http://127.0.0.1:11434/v1',
      'http://localhost:8080',
      'http://[::1]:1234/v1',
      'http://127.3.2.1/',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of [
      'https://api.openai.com/v1',
      'http://10.0.0.5:8000/v1',
      'http://127.0.0.1.evil.com/',
      'nonsense',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });

  it('normalises the base URL and refuses what is not http(s)', () => {
    expect(normalizeBaseUrl('http://127.0.0.1:8000/v1/')).toBe('http://127.0.0.1:8000/v1');
    expect(() => normalizeBaseUrl('ftp://example.org')).toThrow(LitmusError);
    expect(() => normalizeBaseUrl('not a url')).toThrow(/not a URL/);
  });

  it('accepts only URLs under the base URL, on a path-segment boundary', () => {
    const base = 'http://127.0.0.1:8000/v1';
    expect(isUnderBaseUrl('http://127.0.0.1:8000/v1/chat/completions', base)).toBe(true);
    expect(isUnderBaseUrl('http://127.0.0.1:8000/v10/chat/completions', base)).toBe(false);
    expect(isUnderBaseUrl('http://127.0.0.1:8001/v1/chat/completions', base)).toBe(false);
    expect(isUnderBaseUrl('https://api.openai.com/v1/chat/completions', base)).toBe(false);
  });

  it('the guarded fetch refuses other URLs without sending, and passes base-URL requests on', async () => {
    const sent: string[] = [];
    const inner = (async (input: string | URL | Request) => {
      sent.push(String(input));
      return new Response('ok');
    }) as typeof fetch;
    const guarded = createBaseUrlFetch('http://127.0.0.1:8000/v1', inner);
    await expect(guarded('https://api.openai.com/v1/chat/completions')).rejects.toMatchObject({
      code: 'E_LLM_FOREIGN_URL',
    });
    await expect(guarded(new URL('http://127.0.0.1:9999/v1/x'))).rejects.toMatchObject({ code: 'E_LLM_FOREIGN_URL' });
    expect(await (await guarded('http://127.0.0.1:8000/v1/chat/completions')).text()).toBe('ok');
    expect(sent).toEqual(['http://127.0.0.1:8000/v1/chat/completions']);
  });

  it('the concurrency limit never runs more than its limit at once', async () => {
    const limit = createConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 9 }, () => limit.run(task)));
    expect(peak).toBe(2);
    expect(limit.active).toBe(0);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configSnapshot, loadConfig } from '../../../src/config/load-config.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('loadConfig', () => {
  const temps: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });
  const file = (content: unknown) => {
    const { dir, cleanup } = makeTempDir();
    temps.push(cleanup);
    const path = join(dir, 'litmus.config.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('uses defaults when nothing is set', () => {
    const config = loadConfig({ env: {}, file: file({}) });
    expect(config.db).toBe('corpus/litmus.db');
    expect(config.offline).toBe(false);
    expect(config.arxiv.delayMs).toBe(3000);
    expect(config.maxBytes).toBe(50 * 1024 * 1024);
  });

  it('applies flags > env > file > defaults', () => {
    const path = file({ db: 'from-file.db', arxiv: { delayMs: 5000 }, contact: 'file@example.org' });
    const fromFile = loadConfig({ env: {}, file: path });
    expect(fromFile.db).toBe('from-file.db');
    expect(fromFile.arxiv.delayMs).toBe(5000);
    expect(fromFile.arxiv.searchTtlHours).toBe(24);
    const fromEnv = loadConfig({ env: { LITMUS_DB: 'env.db', LITMUS_ARXIV_DELAY_MS: '4000', LITMUS_OFFLINE: '1' }, file: path });
    expect(fromEnv.db).toBe('env.db');
    expect(fromEnv.arxiv.delayMs).toBe(4000);
    expect(fromEnv.offline).toBe(true);
    expect(fromEnv.contact).toBe('file@example.org');
    const fromFlags = loadConfig({ env: { LITMUS_DB: 'env.db' }, file: path, flags: { db: 'flag.db', offline: undefined } });
    expect(fromFlags.db).toBe('flag.db');
  });

  it('names an unknown key', () => {
    expect(() => loadConfig({ env: {}, file: file({ arxiv: { delay: 1 } }) })).toThrowError(/arxiv/);
    expect(() => loadConfig({ env: {}, file: file({ dbb: 'x' }) })).toThrowError(/dbb|unrecognized/i);
  });

  it('names an invalid value and where it came from', () => {
    expect(() => loadConfig({ env: { LITMUS_ARXIV_DELAY_MS: 'soon' }, file: file({}) })).toThrowError(
      /arxiv\.delayMs \(from the environment\)/,
    );
    expect(() => loadConfig({ env: { LITMUS_OFFLINE: 'maybe' }, file: file({}) })).toThrowError(/offline/);
  });

  it('reports a config file that is not JSON', () => {
    expect(() => loadConfig({ env: {}, file: file('{ not json') })).toThrowError(/not valid JSON/);
  });

  it('keeps secrets out of snapshots', () => {
    const config = loadConfig({ env: { OPENAI_API_KEY: 'sk-secret' }, file: file({}) });
    expect(config.llm.apiKey).toBe('sk-secret');
    expect(JSON.stringify(configSnapshot(config))).not.toContain('sk-secret');
  });
});

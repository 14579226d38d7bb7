import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { type Config, ENGINE_NAMES } from '../../../src/config/schema.ts';
import { chooseEngine, ENGINE_PLUGINS, enginePlugin } from '../../../src/pipeline/engine-registry.ts';
import { createWorkspace } from '../../../src/pipeline/workspace.ts';
import { FINDER_PLUGINS, SOURCE_PLUGINS } from '../../../src/sources/registry.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const temp = makeTempDir();
afterAll(temp.cleanup);
const emptyConfigFile = join(temp.dir, 'litmus.config.json');
writeFileSync(emptyConfigFile, '{}');

const config = (env: Record<string, string> = {}, flags: Record<string, unknown> = {}): Config =>
  loadConfig({ env, flags, file: emptyConfigFile });

describe('the engine registry', () => {
  it('has one line for each engine name config accepts, and config accepts no other', () => {
    expect(ENGINE_PLUGINS.map((plugin) => plugin.name).sort()).toEqual([...ENGINE_NAMES].sort());
    for (const name of ENGINE_NAMES) expect(config({ LITMUS_ENGINE: name }).engine).toBe(name);
    expect(() => config({ LITMUS_ENGINE: 'gpt' })).toThrow(/engine/);
    expect(() => enginePlugin('gpt')).toThrow(expect.objectContaining({ code: 'E_ENGINE_UNKNOWN', hint: expect.stringMatching(/embedded/) }));
  });

  it('chooses the flag, else config engine, else llm only when a model is configured', () => {
    expect(chooseEngine(config())).toBe('embedded');
    expect(chooseEngine(config({ LITMUS_MODEL: 'gpt-4o-mini' }))).toBe('llm');
    expect(chooseEngine(config({ LITMUS_MODEL: 'gpt-4o-mini', LITMUS_ENGINE: 'embedded' }))).toBe('embedded');
    expect(chooseEngine(config({ LITMUS_MODEL: 'gpt-4o-mini' }), 'embedded')).toBe('embedded');
  });
});

describe('the source registry', () => {
  it('has a source or finder for every config section that can be turned on', () => {
    const base = config();
    const switchable = Object.entries(base).filter(
      ([, value]) => typeof value === 'object' && value !== null && 'enabled' in value,
    );
    expect(switchable.map(([key]) => key).sort()).toEqual(['openalex', 'unpaywall']);
    for (const [key] of switchable) {
      const on = config({}, { [key]: { enabled: true } });
      const plugins = [...SOURCE_PLUGINS, ...FINDER_PLUGINS];
      const turnedOn = plugins.filter((plugin) => plugin.enabled(on) && !plugin.enabled(base));
      expect(turnedOn.map((plugin) => plugin.name)).toEqual([key]);
    }
  });

  it('names each source after the `source` of its papers, with one label each', () => {
    const names = SOURCE_PLUGINS.map((plugin) => plugin.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['arxiv', 'openalex', 'semantic-scholar']));
  });
});

describe('createWorkspace', () => {
  let store: SqliteTestStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('builds every source through the registry, sharing one client, and the engine config chooses', async () => {
    store = openSqliteStore();
    const workspace = createWorkspace({ config: config({}, { openalex: { enabled: true }, offline: true }), store });
    expect(workspace.sources.get('arxiv')).toBe(workspace.arxiv());
    expect(workspace.sources.get('semantic-scholar')).toBe(workspace.semanticScholar());
    expect(workspace.sources.searchable().map((source) => source.name)).toEqual(['arxiv', 'openalex']);
    expect(workspace.http).toBe(workspace.http);
    expect(workspace.sources.get('nowhere')).toBeUndefined();
    const engines = await workspace.engines();
    expect(engines.kind).toBe('embedded');
    expect(engines.verifier.name).toBeTruthy();
  });
});

describe('report defaults', () => {
  it('come from the config, flags over env over defaults', () => {
    expect(config().report).toEqual({
      maxPapers: 20,
      threshold: 0.2,
      claimThreshold: 0.25,
      perQuery: 25,
      claimsPerPaper: 12,
    });
    const fromEnv = config({ LITMUS_REPORT_MAX_PAPERS: '7', LITMUS_REPORT_CLAIMS_PER_PAPER: '3' });
    expect(fromEnv.report.maxPapers).toBe(7);
    expect(fromEnv.report.claimsPerPaper).toBe(3);
    expect(config({ LITMUS_REPORT_MAX_PAPERS: '7' }, { report: { maxPapers: 9 } }).report.maxPapers).toBe(9);
    expect(() => config({ LITMUS_REPORT_THRESHOLD: '2' })).toThrow(/report\.threshold \(from the environment\)/);
  });
});

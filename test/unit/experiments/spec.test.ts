import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMetricsText } from '../../../src/experiments/metrics-file.ts';
import { loadExperimentSpec } from '../../../src/experiments/spec.ts';

const dir = mkdtempSync(join(tmpdir(), 'litmus-spec-test-'));

describe('loadExperimentSpec', () => {
  it('reads YAML and JSON specs', () => {
    const yamlPath = join(dir, 'a.yaml');
    writeFileSync(
      yamlPath,
      'name: demo\ncommand: [node, -e, "1"]\ntimeout_s: 5\nmetrics: {stdout: true}\nclaims: [3]\n',
    );
    expect(loadExperimentSpec(yamlPath)).toMatchObject({ name: 'demo', command: ['node', '-e', '1'], claims: [3] });
    const jsonPath = join(dir, 'a.json');
    writeFileSync(
      jsonPath,
      JSON.stringify({ name: 'j', command: ['true'], timeout_s: 1, metrics: { file: 'm.json' } }),
    );
    expect(loadExperimentSpec(jsonPath).metrics).toEqual({ file: 'm.json' });
  });

  it('names the file and the field in a one-line error', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ name: 'x', command: 'echo hi', timeout_s: 1, metrics: { stdout: true } }));
    expect(() => loadExperimentSpec(path)).toThrow(
      new RegExp(`experiment spec ${path.replace(/[.]/g, '\\.')}: field command:`),
    );
    const missing = join(dir, 'missing.json');
    writeFileSync(missing, JSON.stringify({ name: 'x', command: ['a'], metrics: { stdout: true } }));
    expect(() => loadExperimentSpec(missing)).toThrow(/field timeout_s/);
    const yaml = join(dir, 'broken.yaml');
    writeFileSync(yaml, 'name: [unclosed\n');
    expect(() => loadExperimentSpec(yaml)).toThrow(/broken\.yaml is not valid YAML/);
  });
});

describe('parseMetricsText', () => {
  it('parses a one-row CSV into numbers', () => {
    expect(parseMetricsText('model,pass@1\nx,0.61\n', 'm.csv')).toEqual({ model: 'x', 'pass@1': 0.61 });
  });
  it('keeps several CSV rows as rows, quoted cells intact', () => {
    expect(parseMetricsText('lang,"pass@1"\n"c++, gnu",0.5\npython,0.7', 'm.csv')).toEqual({
      rows: [
        { lang: 'c++, gnu', 'pass@1': 0.5 },
        { lang: 'python', 'pass@1': 0.7 },
      ],
    });
  });
  it('rejects ragged CSV naming the line', () => {
    expect(() => parseMetricsText('a,b\n1\n', 'm.csv')).toThrow(/m\.csv:2/);
  });
});

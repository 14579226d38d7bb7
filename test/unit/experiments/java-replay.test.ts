import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/experiments/humaneval/common.ts';
import {
  assembleDriver,
  assembleSample,
  javaEntryPoint,
  splitTopLevel,
} from '../../../src/experiments/humaneval/languages/java-programs.ts';
import { loadProblems } from '../../../src/experiments/humaneval/problems.ts';
import { sharedData } from '../../support/shared-data.ts';

const problems = loadProblems(sharedData('humaneval-x'), 'java');
const source = (name: string) =>
  readFileSync(new URL(`../../../src/experiments/humaneval/languages/${name}`, import.meta.url), 'utf8');

describe('Java replay programs', () => {
  it('reads every dataset entry point: name, return type, parameters, throws', () => {
    for (const problem of problems.values()) {
      const entry = javaEntryPoint(problem);
      expect(entry.args.length, problem.taskId).toBe(splitTopLevel(entry.params).length);
      expect(problem.prompt, problem.taskId).toContain(`${entry.name}(`);
    }
    expect(javaEntryPoint(problems.get('Java/32')!)).toMatchObject({ name: 'findZero', returns: 'double' });
    expect(javaEntryPoint(problems.get('Java/111')!)).toMatchObject({
      returns: 'Map<String, Integer>',
      args: ['test'],
    });
    expect(javaEntryPoint(problems.get('Java/162')!).throws).toBe('throws NoSuchAlgorithmException');
    expect(splitTopLevel('Map<String, List<Integer>> m, int k')).toEqual(['Map<String, List<Integer>> m', ' int k']);
  });

  it('keeps the sample out of the driver and routes the test through the tracer / replayer', () => {
    const problem = problems.get('Java/0')!;
    const generation = '        return litmusMarkerOfTheSample != 0;\n    }\n}\n';
    const sample = assembleSample(problem, generation, 'p_s', 'abc');
    const driver = assembleDriver(problem, 'p_d');
    expect(sample).toContain('litmusMarkerOfTheSample');
    expect(sample).toContain('new LitmusTracer_abc()');
    expect(sample).toContain('super.hasCloseElements(numbers, threshold)');
    expect(driver).not.toContain('litmusMarkerOfTheSample');
    expect(driver).toContain('new LitmusReplayer()');
    expect(driver).not.toMatch(/new Solution\(\)/);
  });
});

/**
 * The codec with the real JDK: values encoded by the tracer (written on fd 3) decode to the same
 * values against the declared types through the driver's own path (load, next, finish); wrong types,
 * truncated, oversized, deep or unknown records are rejected.
 */
const CHECK = `
import java.io.ByteArrayInputStream;
import java.util.*;
import litmus_replay.LitmusReplay;
import litmus_trace.LitmusTrace;

public class CodecCheck {
    public List<Integer> ints() { return null; }
    public Map<String, Integer> map() { return null; }
    public Optional<Object> optional() { return null; }
    public List<Optional<Integer>> optionals() { return null; }
    public Object object() { return null; }
    public double real() { return 0; }
    public long big() { return 0; }
    public String text() { return null; }
    public boolean bool() { return false; }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("encode")) {
            LitmusTrace.open();
            LitmusTrace.emit(Arrays.asList(1, -2, Integer.MAX_VALUE, null));
            Map<String, Integer> m = new LinkedHashMap<>(); m.put("a", 2); m.put("b", -1);
            LitmusTrace.emit(m);
            LitmusTrace.emit(Optional.of(2.5));
            LitmusTrace.emit(Arrays.asList(Optional.empty(), Optional.of(1)));
            LitmusTrace.emit(Arrays.asList("Hello", true, 3L));
            LitmusTrace.emit(Double.NaN); LitmusTrace.emit(-0.0); LitmusTrace.emit(Double.NEGATIVE_INFINITY); LitmusTrace.emit(0.1);
            LitmusTrace.emit(125411328000L);
            LitmusTrace.emit("h\\u00e9 \\ud800\\n");
            LitmusTrace.emit(false);
            return;
        }
        for (int i = 1; i < args.length; i++) {
            String[] c = args[i].split("\\\\|", -1);
            byte[] stream = HexFormat.of().parseHex(c[0]);
            byte[] input = new byte[stream.length + 2];
            input[0] = 's'; input[1] = '\\n';
            System.arraycopy(stream, 0, input, 2, stream.length);
            StringBuilder out = new StringBuilder();
            try {
                LitmusReplay.load(new ByteArrayInputStream(input));
                for (String method : c[1].split(",")) {
                    Object v = LitmusReplay.next(LitmusReplay.returnType(CodecCheck.class, method));
                    out.append(describe(v)).append(' ');
                }
                LitmusReplay.finish();
            } catch (IllegalStateException e) {
                out.append("rejected: ").append(e.getMessage());
            }
            System.out.println(out.toString().trim());
        }
    }

    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof Double) return "Double:" + Long.toHexString(Double.doubleToRawLongBits((Double) v));
        if (v instanceof String) {
            StringBuilder units = new StringBuilder("String:");
            for (char c : ((String) v).toCharArray()) units.append(String.format("%04x", (int) c));
            return units + (v == ((String) v).intern() ? ":interned" : "");
        }
        return v.getClass().getSimpleName() + ":" + v;
    }
}
`;

const hasJdk = findExecutable('javac') !== undefined && findExecutable('java') !== undefined;
let dir = '';

beforeAll(() => {
  if (!hasJdk) return;
  dir = mkdtempSync(join(tmpdir(), 'litmus-java-codec-'));
  mkdirSync(join(dir, 'litmus_trace'));
  mkdirSync(join(dir, 'litmus_replay'));
  writeFileSync(join(dir, 'litmus_trace', 'LitmusTrace.java'), source('java-trace.java'));
  writeFileSync(join(dir, 'litmus_replay', 'LitmusReplay.java'), source('java-replay.java'));
  writeFileSync(join(dir, 'CodecCheck.java'), CHECK);
  const javac = spawnSync(
    'javac',
    [
      '-J-XX:TieredStopAtLevel=1',
      '-d',
      'classes',
      'CodecCheck.java',
      'litmus_trace/LitmusTrace.java',
      'litmus_replay/LitmusReplay.java',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  if (javac.status !== 0) throw new Error(javac.stderr);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const java = (args: string[]) =>
  spawnSync(
    'java',
    [
      '-XX:TieredStopAtLevel=1',
      '--add-opens',
      'java.base/java.io=ALL-UNNAMED',
      '-cp',
      'classes',
      'CodecCheck',
      ...args,
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    },
  );

describe('Java replay codec (real JDK)', () => {
  it('round-trips every kind of value the dataset returns, exactly, and rejects what does not fit', () => {
    if (!hasJdk) {
      expect(findExecutable('javac')).toBeUndefined();
      return;
    }
    const encoded = java(['encode']);
    expect(encoded.status, String(encoded.stderr)).toBe(0);
    const stream = (encoded.output[3] as Buffer).toString('hex');
    const types = 'ints,map,optional,optionals,object,real,real,real,real,big,text,bool';
    const hex = (bytes: number[]) => Buffer.from(bytes).toString('hex');
    const chars = (text: string) => [...text].flatMap((c) => [0, c.charCodeAt(0)]);
    const cases: [string, string][] = [
      [stream, types],
      [stream, types.replace('ints,', 'object,')], // a list is an Object too
      [stream, types.replace('map,', 'ints,')], // a map where a list is declared
      [stream, `${types},bool`], // one call more than values
      [stream, types.replace(',bool', '')], // a value left over
      [hex([84, 0, 0, 0, 5, 0, 65]), 'text'], // truncated string
      [hex([76, 127, 255, 255, 255, 78]), 'ints'], // a count beyond the stream
      [hex([76, 255, 255, 255, 255]), 'ints'], // a negative count
      [hex([...Array(100).fill([76, 0, 0, 0, 1]).flat(), 78]), 'object'], // nested too deep
      [hex([88]), 'object'], // unknown tag
      [hex([90, 2]), 'bool'], // not a boolean
      [hex([78]), 'real'], // null for a primitive
      [hex([84, 0, 0, 0, 3, ...chars('2,3')]), 'object'], // interned like the literal "2,3"
    ];
    const decoded = java(['decode', ...cases.map(([s, t]) => `${s}|${t}`)]);
    expect(decoded.status, String(decoded.stderr)).toBe(0);
    const lines = decoded.stdout.toString().trim().split('\n');
    expect(lines).toHaveLength(cases.length);
    const whole =
      'ArrayList:[1, -2, 2147483647, null] LinkedHashMap:{a=2, b=-1} Optional:Optional[2.5] ArrayList:[Optional.empty, Optional[1]] ' +
      'ArrayList:[Hello, true, 3] Double:7ff8000000000000 Double:8000000000000000 Double:fff0000000000000 Double:3fb999999999999a ' +
      'Long:125411328000 String:006800e90020d800000a:interned Boolean:false';
    expect(lines[0]).toBe(whole);
    expect(lines[1]).toBe(whole);
    expect(lines[2]).toMatch(
      /^ArrayList:.* rejected: results stream rejected: LinkedHashMap where java.util.List is declared$/,
    );
    expect(lines[3]).toMatch(/rejected: the sample reported fewer values than the test made calls$/);
    expect(lines[4]).toMatch(/rejected: the sample reported more values than the test made calls$/);
    expect(lines[5]).toBe("rejected: results stream rejected: count 5 beyond the stream's end");
    expect(lines[6]).toBe("rejected: results stream rejected: count 2147483647 beyond the stream's end");
    expect(lines[7]).toBe("rejected: results stream rejected: count -1 beyond the stream's end");
    expect(lines[8]).toBe('rejected: results stream rejected: nested deeper than 64');
    expect(lines[9]).toBe('rejected: results stream rejected: unknown tag 88');
    expect(lines[10]).toBe('rejected: results stream rejected: bad boolean');
    expect(lines[11]).toBe('rejected: results stream rejected: null for double');
    expect(lines[12]).toBe('String:0032002c0033:interned');
  }, 30_000);
});

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/experiments/humaneval/common.ts';
import {
  assembleRustDriver,
  assembleRustSample,
  missingCrates,
  parseSignature,
  rustDriverModule,
  rustEntries,
  WIRE_GET,
  WIRE_PUT,
} from '../../../src/experiments/humaneval/languages/rust-replay.ts';
import { loadProblems } from '../../../src/experiments/humaneval/problems.ts';
import type { Problem } from '../../../src/experiments/humaneval/types.ts';
import { sharedData } from '../../support/shared-data.ts';
import { makeProblem } from '../../support/humaneval-problem.ts';

const problems = loadProblems(sharedData('humaneval-x'), 'rust');
const problem = (fields: Partial<Problem>): Problem => makeProblem({ taskId: 'Rust/7', number: 7, prompt: '/* doc */\n', ...fields });

describe('Rust replay: entry points', () => {
  it('reads signatures with lifetimes, borrowed results, Fn types and where clauses', () => {
    expect(
      parseSignature("fn compare_one<'a>(a:&'a dyn Any, b:&'a dyn Any) -> RtnType<String,f64,i32>{", 'compare_one'),
    ).toEqual({
      name: 'compare_one',
      generics: "<'a>",
      params: ["&'a dyn Any", "&'a dyn Any"],
      returns: 'RtnType<String,f64,i32>',
    });
    expect(parseSignature('fn m(lst: Vec<&str>) -> &str {', 'm')).toMatchObject({
      params: ['Vec<&str>'],
      returns: '&str',
    });
    expect(parseSignature('fn g(mut xs: Vec<(i32, i32)>, f: &dyn Fn(i32) -> i32) {', 'g')).toMatchObject({
      params: ['Vec<(i32, i32)>', '&dyn Fn(i32) -> i32'],
      returns: '()',
    });
    expect(parseSignature('fn h<T>(x: T) -> Vec<T> where T: Clone {', 'h')).toMatchObject({
      generics: '<T>',
      returns: 'Vec<T>',
    });
    expect(parseSignature('fn other() {', 'h')).toBeUndefined();
  });

  it('finds the entry points of every task, also those only the canonical solution defines', () => {
    for (const p of problems.values()) expect(rustEntries(p).length, p.taskId).toBeGreaterThan(0);
    expect(rustEntries(problems.get('Rust/10')!).map((e) => [e.name, e.returns])).toEqual([
      ['make_palindrome', 'String'],
    ]);
    expect(rustEntries(problems.get('Rust/32')!).map((e) => e.name)).toEqual(['find_zero', 'poly']);
    expect(rustEntries(problems.get('Rust/0')!)).toEqual([
      { name: 'has_close_elements', generics: '', params: ['Vec<f32>', 'f32'], returns: 'bool' },
    ]);
    expect(missingCrates(problems.get('Rust/0')!)).toEqual([]); // the declaration's own `use rand::Rng` is dropped
    expect(missingCrates(problems.get('Rust/53')!)).toEqual(['rand']);
  });
});

describe('Rust replay: the two programs', () => {
  const p = problem({
    declaration: 'use std::cmp;\nuse rand::Rng;\nuse regex::Regex;\nuse md5;\nfn f(n: i32) -> i32 {\n',
    test: '#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn a(){ assert_eq!(f(1), 1); }\n    #[test]\n    // why\n    fn b(){ assert!(f(f(2)) == 2); }\n}\n',
  });
  const generation = '    if n > 5 { return f(n - 1); }\n    n\n}\n';

  it("the sample's program traces the test's calls, not the sample's own recursion, and calls the tests in order", () => {
    const { source, missingCrates: missing } = assembleRustSample(p, generation);
    expect(missing).toEqual([]);
    expect(source).not.toMatch(/use rand|use regex|use md5/);
    expect(source).toContain('pub mod tests {');
    expect(source).not.toContain('#[test]');
    expect(source).toContain('fn a(){ assert_eq!(litmus_entry_0(1), 1); }');
    expect(source).toContain('assert!(litmus_entry_0(litmus_entry_0(2)) == 2)');
    expect(source).toContain('return f(n - 1);'); // the generation is untouched
    expect(source).toContain(
      'fn litmus_entry_0(a0: i32) -> i32 {\n    let r = f(a0);\n    crate::litmus_wire::emit(0, &r);\n    r\n}',
    );
    expect(source.startsWith('fn main() {\n    tests::a();\n    tests::b();\n}\n')).toBe(true);
    expect(assembleRustSample(p, 'let r = Regex::new("a"); 1 }').missingCrates).toEqual(['regex']);
  });

  it('the driver holds no sample code: the open function is stubbed, the calls replay typed values', () => {
    const module = rustDriverModule(p);
    expect(module).toContain('pub mod litmus_p7 {');
    expect(module).toContain('fn f(n: i32) -> i32 {\n\n    unreachable!()\n}');
    expect(module).toContain('fn litmus_entry_0(a0: i32) -> i32 {\n    crate::litmus_wire::next::<i32>(0)\n}');
    expect(module).toContain('pub fn run() {\n    tests::a();\n    tests::b();\n}');
    const canonical = problems.get('Rust/0')!;
    expect(rustDriverModule(canonical)).not.toContain(canonical.canonicalSolution.trim().split('\n')[0]!.trim());
    const driver = assembleRustDriver([canonical, problems.get('Rust/1')!]);
    expect(driver).toContain('"0" => litmus_p0::run(),');
    expect(driver).toContain('"1" => litmus_p1::run(),');
  });

  it('a benchmark enum the entry point returns crosses as the variants the test names', () => {
    const p137 = problems.get('Rust/137')!;
    const module = rustDriverModule(p137);
    expect(module).toContain('#[derive(Debug, PartialEq)]\npub enum RtnType<S, F, I> {');
    expect(module).toContain('impl crate::litmus_wire::Wire for RtnType<String,f64,i32> {');
    expect(module).toContain('            3 => Some(RtnType::Int(crate::litmus_wire::Wire::get(r)?)),');
    expect(module).not.toMatch(/ 0 => Some\(RtnType::Empty/); // the test never expects it: it cannot cross
    const sample = assembleRustSample(p137, p137.canonicalSolution).source;
    expect(sample).toContain(
      'RtnType::Int(f0) => { crate::litmus_wire::put_variant(out, 3); crate::litmus_wire::Wire::put(f0, out); }',
    );
    expect(sample).toContain('_ => crate::litmus_wire::put_variant(out, 255),');
    expect(sample).not.toContain('fn get(');
    expect(module).not.toContain('fn Any_to_f64'); // the canonical solution's code stays out
  });
});

const rustc = findExecutable('rustc', [join(homedir(), '.cargo', 'bin')]);
const work = mkdtempSync(join(tmpdir(), 'litmus-rust-wire-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Rust replay: the codec', () => {
  // One small program: `roundtrip` encodes values with the sample's half and decodes them with the
  // driver's; `<type>` decodes stdin (secret line + records) as the driver does.
  it('carries values exactly and refuses wrong types, short streams, oversized lengths and leftovers', () => {
    if (!rustc) {
      expect(spawnSync('rustc', ['--version']).error).toBeDefined(); // no toolchain here: said, not failed
      return;
    }
    const main = `mod enc {
${WIRE_PUT}}
mod dec {
${WIRE_GET}}
use std::collections::HashMap;
fn trip<T: enc::litmus_wire::Wire, U: dec::litmus_wire::Wire + std::fmt::Debug>(v: T) -> String {
    let mut out = vec![0u8];
    v.put(&mut out);
    dec::litmus_wire::load(out);
    let u = dec::litmus_wire::next::<U>(0);
    dec::litmus_wire::finish();
    format!("{:?}", u)
}
fn main() {
    use dec::litmus_wire::{next, start, finish};
    use enc::litmus_wire::Wire;
    let which = std::env::args().nth(1).unwrap();
    if which == "roundtrip" {
        println!("{}", trip::<_, Vec<String>>(vec!["ab".to_string(), "é".to_string()]));
        println!("{:x}", trip::<_, f64>(f64::from_bits(0x7ff8_0000_0000_0001)).len()); // NaN prints as NaN: see below
        let mut o = vec![0u8];
        (f64::from_bits(0x7ff8_0000_0000_0001), -0.0f32).put(&mut o);
        dec::litmus_wire::load(o);
        let (nan, zero) = next::<(f64, f32)>(0);
        println!("{:x} {:x}", nan.to_bits(), zero.to_bits());
        println!("{:?}", trip::<_, f64>(-0.0f64) == format!("{:?}", -0.0f64));
        println!("{}", trip::<_, Option<(i64, char)>>(Some((i64::MIN, 'é'))));
        println!("{}", trip::<_, Vec<&str>>(vec!["x", "y"]));
        println!("{}", trip::<_, HashMap<char, i32>>(HashMap::from([('a', 2)])));
        println!("{}", trip::<_, Vec<Vec<usize>>>(vec![vec![], vec![usize::MAX]]));
        println!("{}", trip::<_, Option<String>>(None::<String>));
        return;
    }
    let _secret = start();
    let shown = match which.as_str() {
        "vs" => format!("{:?}", next::<Vec<String>>(0)),
        "f64" => format!("{:?}", next::<f64>(0).to_bits()),
        "bool" => format!("{:?}", next::<bool>(0)),
        "nest" => format!("{:?}", next::<Vec<Vec<Vec<i32>>>>(0)),
        "opt" => format!("{:?}", next::<(Option<char>, &str)>(0)),
        _ => unreachable!(),
    };
    finish();
    println!("{}", shown);
}
`;
    writeFileSync(join(work, 'main.rs'), main);
    execFileSync(rustc, ['--edition', '2021', '-A', 'warnings', '-o', join(work, 'codec'), join(work, 'main.rs')]);
    // The sample's half writes what the driver's half reads back, bit for bit (NaN and -0 included).
    expect(execFileSync(join(work, 'codec'), ['roundtrip'], { encoding: 'utf8' }).split('\n')).toEqual([
      '["ab", "é"]',
      '3',
      '7ff8000000000001 80000000',
      'true',
      "Some((-9223372036854775808, 'é'))",
      '["x", "y"]',
      "{'a': 2}",
      '[[], [18446744073709551615]]',
      'None',
      '',
    ]);
    const decode = (type: string, ...bytes: number[][]) => {
      const run = spawnSync(join(work, 'codec'), [type], {
        input: Buffer.from([...Buffer.from('s\n'), ...bytes.flat()]),
      });
      return run.status === 0 ? run.stdout.toString().trim() : `exit ${run.status}`;
    };
    const u32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24];
    const str = (s: string) => [17, ...u32(Buffer.byteLength(s)), ...Buffer.from(s)];
    expect(decode('vs', [0, 19, ...u32(2), ...str('ab'), ...str('é')])).toBe('["ab", "é"]');
    const minusZero = Buffer.alloc(8);
    minusZero.writeDoubleLE(-0);
    expect(decode('f64', [0, 14, ...minusZero])).toBe(String(2n ** 63n)); // -0 kept bit for bit
    expect(decode('bool', [0, 15, 1])).toBe('true');
    expect(decode('opt', [0, 21, 2, 20, 1, 16, ...u32(0x1f600), ...str('x')])).toBe('(Some(\'😀\'), "x")');
    expect(decode('bool', [0, 3, 1, 0, 0, 0])).toBe('exit 101'); // an i32 where a bool is due
    expect(decode('bool', [0, 15, 2])).toBe('exit 101'); // not a bool
    expect(decode('bool', [1, 15, 1])).toBe('exit 101'); // another entry point's record
    expect(decode('bool', [0, 15, 1], [0, 15, 1])).toBe('exit 101'); // a record left over
    expect(decode('bool')).toBe('exit 101'); // none at all
    expect(decode('vs', [0, 19, ...u32(3), ...str('a')])).toBe('exit 101'); // short
    expect(decode('vs', [0, 19, ...u32(0xffffffff)])).toBe('exit 101'); // a length past the stream
    expect(decode('vs', [0, 19, ...u32(1), 17, ...u32(2), 0xc3, 0x28])).toBe('exit 101'); // not UTF-8
    expect(decode('opt', [0, 21, 2, 20, 1, 16, ...u32(0xd800), ...str('x')])).toBe('exit 101'); // not a char
    expect(decode('nest', [0, 19, ...u32(1), 19, ...u32(1), 19, ...u32(1), 3, 7, 0, 0, 0])).toBe('[[[7]]]');
    const deeper = Array.from({ length: 4 }, () => [19, ...u32(1)]).flat();
    expect(decode('nest', [0, ...deeper, 3, 7, 0, 0, 0])).toBe('exit 101'); // nested deeper than the type
  }, 60_000); // one rustc run: seconds on a loaded machine
});

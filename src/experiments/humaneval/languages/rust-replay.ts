import { readFileSync } from 'node:fs';
import { LitmusError } from '../../../core/errors.ts';
import type { Problem } from '../types.ts';

/**
 * The two programs of the Rust lockstep replay (issue 12), built from the same benchmark test:
 * - the sample's program: declaration + prompt + generation + the test, the test's calls of each
 *   entry point going through a tracer that calls the sample's function and writes the value it
 *   returned on fd 3 (`litmus_wire::emit`);
 * - the driver (trusted: no sample code): the declaration with its open function stubbed, the
 *   benchmark's own types the test needs, and the test, its calls of each entry point going to a
 *   replayer that returns the next value decoded from stdin, typed by the declared return type.
 * Only the test text is rewritten, so the sample's own (recursive) calls of its function are not
 * traced (no depth guard needed); a sample that calls a tracer itself only adds records the driver
 * does not expect. Tests become plain functions that main() calls in order on one thread, so both
 * programs make the same calls in the same order. What the sample writes on fd 3 is what it claims
 * its function returned: forging it means returning the right values. The residual, as for any
 * harness that checks outputs, is a generation that hard-codes the test's expected answers.
 */

/**
 * The crates the benchmark's Cargo project provides (rand 0.4, regex 1, md5 0.7). Offline we have
 * none of them: their `use` lines are dropped from the declaration, and a program that still
 * refers to a crate is reported as a missing dependency instead of a compile error.
 */
const CRATES = [
  { name: 'rand', use: /^\s*use\s+rand\b[^;]*;\s*$/gm, refers: /\brand::|\bRng\b|\bthread_rng\b/ },
  { name: 'regex', use: /^\s*use\s+regex\b[^;]*;\s*$/gm, refers: /\bregex::|\bRegex\b/ },
  { name: 'md5', use: /^\s*use\s+md5\b[^;]*;\s*$/gm, refers: /\bmd5::/ },
];

/** The codec, in two halves so neither program compiles the other's: the sample's encoder, the driver's decoder. */
export const WIRE_PUT = readFileSync(new URL('./rust-wire-put.rs', import.meta.url), 'utf8');
export const WIRE_GET = readFileSync(new URL('./rust-wire-get.rs', import.meta.url), 'utf8');

/** An entry point of a problem: a function the test calls whose body the sample writes. */
export interface RustEntry {
  name: string;
  generics: string; // "<'a>" or ""
  params: string[]; // parameter types
  returns: string; // "()" when none
}

/** A benchmark enum the entry points return (defined in the canonical solution, e.g. RtnType). */
interface RustEnum {
  name: string;
  definition: string; // with its attributes (derives)
  variants: { name: string; fields: number }[];
}

/** Crates the program refers to (the declaration's `use` lines aside), which offline cannot be built. */
export function missingCrates(problem: Problem, generation = ''): string[] {
  const text = `${problem.prompt}${generation}\n${problem.test}`;
  return CRATES.filter((c) => c.refers.test(text)).map((c) => c.name);
}

function declarationWithoutCrates(problem: Problem): string {
  let declaration = problem.declaration;
  for (const crate of CRATES) declaration = declaration.replace(crate.use, '');
  return declaration;
}

/** Index just past the bracket that closes the one at `open` (skips `->` in Fn types, strings not handled: types have none). */
function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '<': '>', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '-' && text[i + 1] === '>') {
      i++;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]!);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits at commas outside brackets. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '-' && text[i + 1] === '>') i++;
    else if ('(<[{'.includes(c)) depth++;
    else if (')>]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The signature of `fn name` in `source`, or undefined when it is not there or not understood. */
export function parseSignature(source: string, name: string): RustEntry | undefined {
  const at = new RegExp(`\\bfn\\s+${name}\\b\\s*`).exec(source);
  if (!at) return undefined;
  let i = at.index + at[0].length;
  let generics = '';
  if (source[i] === '<') {
    const end = closing(source, i);
    if (end < 0) return undefined;
    generics = source.slice(i, end);
    i = end;
  }
  while (/\s/.test(source[i] ?? '')) i++;
  if (source[i] !== '(') return undefined;
  const end = closing(source, i);
  if (end < 0) return undefined;
  const params: string[] = [];
  for (const param of splitTop(source.slice(i + 1, end - 1))) {
    const colon = /(?<!:):(?!:)/.exec(param);
    if (!colon) return undefined;
    params.push(param.slice(colon.index + 1).trim());
  }
  const brace = source.indexOf('{', end);
  if (brace < 0) return undefined;
  const tail = source
    .slice(end, brace)
    .replace(/\bwhere\b[\s\S]*$/, '')
    .trim();
  const returns = tail.startsWith('->') ? tail.slice(2).trim() : '()';
  return { name, generics, params, returns: returns === '' ? '()' : returns };
}

/**
 * The entry points: functions declared by the problem (declaration or canonical solution, whose
 * bodies a sample writes) that the test calls and does not define itself, in order of first call.
 */
export function rustEntries(problem: Problem): RustEntry[] {
  const source = `${problem.declaration}\n${problem.canonicalSolution}`;
  const ownTest = new Set([...problem.test.matchAll(/\bfn\s+(\w+)/g)].map((m) => m[1]!));
  const declared = [...new Set([...source.matchAll(/\bfn\s+(\w+)/g)].map((m) => m[1]!))];
  const called = declared
    .filter((name) => !ownTest.has(name))
    .map((name) => ({ name, at: problem.test.search(callPattern(name)) }))
    .filter((c) => c.at >= 0)
    .sort((a, b) => a.at - b.at);
  const entries = called.map(({ name }) => {
    const signature = parseSignature(problem.declaration, name) ?? parseSignature(problem.canonicalSolution, name);
    if (!signature) throw new LitmusError('E_INTERNAL', `${problem.taskId}: cannot read the signature of ${name}`);
    return signature;
  });
  if (entries.length === 0 || entries.length > 200)
    throw new LitmusError('E_INTERNAL', `${problem.taskId}: the test calls no function the sample writes`);
  return entries;
}

/** A use of `name` as a value or call in the test (not a method, path segment or definition). */
function callPattern(name: string): RegExp {
  return new RegExp(`(?<![\\w.:])(?<!\\bfn\\s+)${name}\\b(?!\\s*!)`, 'g');
}

const KNOWN_TYPES = new Set([
  'Vec',
  'Option',
  'String',
  'str',
  'HashMap',
  'HashSet',
  'BTreeMap',
  'BTreeSet',
  'Box',
  'bool',
  'char',
  'i8',
  'i16',
  'i32',
  'i64',
  'i128',
  'isize',
  'u8',
  'u16',
  'u32',
  'u64',
  'u128',
  'usize',
  'f32',
  'f64',
]);

/** Benchmark enums the entry points return, with their definition from the canonical solution. */
function benchmarkEnums(problem: Problem, entries: RustEntry[]): RustEnum[] {
  const names = new Set(
    entries
      .flatMap((e) => [...e.returns.matchAll(/\b[A-Za-z_]\w*\b/g)].map((m) => m[0]))
      .filter((n) => !KNOWN_TYPES.has(n)),
  );
  const enums: RustEnum[] = [];
  for (const name of names) {
    const source = problem.canonicalSolution;
    const at = new RegExp(`((?:#\\[[^\\]]*\\]\\s*)*)(?:pub\\s+)?enum\\s+${name}\\b[^{]*`).exec(source);
    if (!at) continue; // a type of the declaration's own (none in the dataset): the program says if it is not encodable
    const open = at.index + at[0].length;
    const end = closing(source, open);
    if (end < 0) continue;
    const variants = splitTop(source.slice(open + 1, end - 1)).map((v) => {
      const m = /^(\w+)\s*(\(([\s\S]*)\))?$/.exec(v);
      if (!m)
        throw new LitmusError('E_INTERNAL', `${problem.taskId}: enum ${name} has a variant the replay cannot carry`);
      return { name: m[1]!, fields: m[3] === undefined ? -1 : splitTop(m[3]).length };
    });
    enums.push({ name, definition: source.slice(at.index, end), variants });
  }
  return enums;
}

/** `impl Wire` (the `put` or the `get` half) for each benchmark enum type the entry points return. */
function enumWireImpls(problem: Problem, entries: RustEntry[], enums: RustEnum[], half: 'put' | 'get'): string {
  const w = 'crate::litmus_wire';
  let out = '';
  for (const e of enums) {
    const types = new Set<string>();
    for (const entry of entries) {
      for (const m of entry.returns.matchAll(new RegExp(`\\b${e.name}\\b`, 'g'))) {
        const after = m.index + e.name.length;
        const end = entry.returns[after] === '<' ? closing(entry.returns, after) : after;
        types.add(entry.returns.slice(m.index, end));
      }
    }
    // Only the variants the test names cross (a sample's enum need not have the others).
    const named = new Set([...problem.test.matchAll(new RegExp(`\\b${e.name}::(\\w+)`, 'g'))].map((m) => m[1]!));
    const carried = e.variants
      .map((v, index) => ({ ...v, index }))
      .filter((v) => named.size === 0 || named.has(v.name));
    const fields = (n: number) => Array.from({ length: Math.max(n, 0) }, (_, k) => `f${k}`);
    const pattern = (v: { name: string; fields: number }, parts: string[]) =>
      v.fields < 0 ? `${e.name}::${v.name}` : `${e.name}::${v.name}(${parts.join(', ')})`;
    const body =
      half === 'put'
        ? `    fn put(&self, out: &mut Vec<u8>) {\n        #[allow(unreachable_patterns)]\n        match self {\n${carried
            .map(
              (v) =>
                `            ${pattern(v, fields(v.fields))} => { ${w}::put_variant(out, ${v.index}); ${fields(v.fields)
                  .map((f) => `${w}::Wire::put(${f}, out);`)
                  .join(' ')} }\n`,
            )
            .join('')}            _ => ${w}::put_variant(out, 255),\n        }\n    }\n`
        : `    fn get(r: &mut ${w}::Reader) -> Option<Self> {\n        match ${w}::get_variant(r)? {\n${carried
            .map(
              (v) =>
                `            ${v.index} => Some(${pattern(
                  v,
                  fields(v.fields).map(() => `${w}::Wire::get(r)?`),
                )}),\n`,
            )
            .join('')}            _ => None,\n        }\n    }\n`;
    for (const type of types) out += `impl ${w}::Wire for ${type} {\n${body}}\n`;
  }
  return out;
}

function wrapperName(index: number): string {
  return `litmus_entry_${index}`;
}

/** A function with the entry point's signature, under the wrapper's name, with `body`. */
function wrapper(entry: RustEntry, index: number, body: (args: string) => string): string {
  const params = entry.params.map((type, k) => `a${k}: ${type}`).join(', ');
  const args = entry.params.map((_, k) => `a${k}`).join(', ');
  return `#[allow(unused_variables)]\nfn ${wrapperName(index)}${entry.generics}(${params}) -> ${entry.returns} {\n    ${body(args)}\n}\n`;
}

/** The test as plain public functions, its calls of entry point k going to wrapper k. */
function rewriteTest(problem: Problem, entries: RustEntry[]): { test: string; names: string[] } {
  const names = [...problem.test.matchAll(/#\[test\](?:\s|\/\/[^\n]*)*fn\s+(\w+)/g)].map((m) => m[1]!);
  let test = problem.test
    .replace(/#\[cfg\(test\)\]\s*mod\s+tests/, 'pub mod tests')
    .replace(/#\[test\]((?:\s|\/\/[^\n]*)*)fn\s+/g, '$1pub fn ');
  entries.forEach((entry, k) => {
    test = test.replace(callPattern(entry.name), wrapperName(k));
  });
  return { test, names };
}

function mainCalls(names: string[], indent: string): string {
  return names.map((name) => `${indent}tests::${name}();\n`).join('');
}

export interface RustSampleProgram {
  source: string;
  missingCrates: string[];
}

/** The sample's program: its test calls traced on fd 3; exit status and output do not matter. */
export function assembleRustSample(problem: Problem, generation: string): RustSampleProgram {
  const missing = missingCrates(problem, generation);
  if (missing.length > 0) return { source: '', missingCrates: missing };
  const entries = rustEntries(problem);
  const { test, names } = rewriteTest(problem, entries);
  const tracers = entries
    .map((entry, k) =>
      wrapper(entry, k, (args) => `let r = ${entry.name}(${args});\n    crate::litmus_wire::emit(${k}, &r);\n    r`),
    )
    .join('');
  const impls = enumWireImpls(problem, entries, benchmarkEnums(problem, entries), 'put');
  const main = `fn main() {\n${mainCalls(names, '    ')}}\n`;
  const body = `${declarationWithoutCrates(problem)}\n${problem.prompt}${generation}\n${tracers}${impls}${test}`;
  return { source: `${main}${WIRE_PUT}\n${body}`, missingCrates: [] };
}

/** The driver's module for one problem (`litmus_p<number>::run()` runs its tests on replayed values). */
export function rustDriverModule(problem: Problem): string {
  const entries = rustEntries(problem);
  const { test, names } = rewriteTest(problem, entries);
  const enums = benchmarkEnums(problem, entries);
  const replayers = entries
    .map((entry, k) => wrapper(entry, k, () => `crate::litmus_wire::next::<${entry.returns}>(${k})`))
    .join('');
  // The declaration ends with the entry point's open signature: its body never runs here.
  const stub = `${declarationWithoutCrates(problem)}\n    unreachable!()\n}\n`;
  const types = enums.map((e) => `${e.definition}\n`).join('');
  const run = `pub fn run() {\n${mainCalls(names, '    ')}}\n`;
  return `#[allow(dead_code, unused_imports, unused_variables, non_snake_case, non_camel_case_types)]\npub mod litmus_p${problem.number} {\n${stub}${types}${replayers}${enumWireImpls(problem, entries, enums, 'get')}${test}\n${run}}\n`;
}

/**
 * One driver binary for several problems (one rustc run amortised over them): `driver <number>`
 * reads the per-run secret (first line of stdin), replays the rest through that problem's test, and
 * prints the secret only when every test returned and every value was replayed.
 */
export function assembleRustDriver(problems: Problem[]): string {
  const arms = problems.map((p) => `        "${p.number}" => litmus_p${p.number}::run(),\n`).join('');
  const main =
    'fn main() {\n    let which = std::env::args().nth(1).unwrap_or_default();\n    let secret = litmus_wire::start();\n' +
    `    match which.as_str() {\n${arms}        _ => panic!("litmus: no such problem"),\n    }\n    litmus_wire::finish();\n` +
    '    use std::io::Write;\n    let mut o = std::io::stdout().lock();\n    let _ = o.write_all(&secret);\n    let _ = o.write_all(b"\\n");\n    let _ = o.flush();\n}\n';
  return `${main}${WIRE_GET}\n${problems.map(rustDriverModule).join('\n')}`;
}

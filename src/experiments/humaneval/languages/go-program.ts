import { LitmusError } from '../../../core/errors.ts';
import type { Problem } from '../types.ts';

/** Packages the benchmark adds to the imports when the generation visibly uses them. */
const OPTIONAL_IMPORTS = [
  'math',
  'strings',
  'fmt',
  'strconv',
  'time',
  'bytes',
  'regexp',
  'sort',
  'math/rand',
  'crypto/md5',
];

const DEFAULT_SETUP = 'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\n';

/** The benchmark's program: its test set-up, the imports the code uses, prompt + generation + test. */
export function assembleGo(
  problem: Problem,
  generation: string,
  test = problem.test,
  extraImports: string[] = [],
): string {
  const setup = problem.testSetup ?? DEFAULT_SETUP;
  const prompt = promptCode(problem);
  const code = withoutComments(`${prompt}\n${generation}`);
  const extra = OPTIONAL_IMPORTS.filter((pkg) => !setup.includes(`"${pkg}"`) && usesPackage(code, pkg));
  const lines = [...new Set([...extra.map((p) => `"${p}"`), ...extraImports])].map((line) => `    ${line}\n`);
  const imports = lines.length > 0 ? `import (\n${lines.join('')})\n` : '';
  return `${setup}\n${imports}\n${prompt}${generation}\n${test}`;
}

function promptCode(problem: Problem): string {
  return problem.importBlock ? problem.prompt.replace(problem.importBlock, '') : problem.prompt;
}

// Scan code, not comments: a docstring mentioning "strings." must not add an unused import.
function withoutComments(code: string): string {
  return code.replace(/\/\/[^\n]*/g, '');
}

function usesPackage(code: string, pkg: string): boolean {
  return new RegExp(`(^|[^\\w.])${pkg.split('/').pop()!}\\.`).test(code);
}

/** The entry point as the prompt declares it: `func Name(params) returns {`. */
export interface GoEntry {
  name: string;
  params: string;
  /** The parameters as arguments of a call: "a, b", "xs..." for a variadic one. */
  args: string;
  returns: string;
}

/** The last function the prompt declares is the one the generation completes. */
export function parseGoEntry(prompt: string): GoEntry {
  const heads = [...prompt.matchAll(/^func\s+(\w+)\s*\((.*)\)\s*(.*?)\s*\{\s*$/gm)];
  const head = heads[heads.length - 1];
  if (!head || head[3] === '')
    throw new LitmusError('E_HUMANEVAL_MISSING', `no entry point with a result in the prompt: ${prompt.slice(-120)}`);
  const [, name, params, returns] = head as unknown as [string, string, string, string];
  const args = splitTopLevel(params)
    .map((param) => {
      const [argName, type = ''] = param.trim().split(/\s+/, 2);
      return type.startsWith('...') ? `${argName}...` : argName!;
    })
    .filter((arg) => arg !== '')
    .join(', ');
  return { name, params, args, returns };
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.filter((part) => part.trim() !== '');
}

/** Applies `edit` to the code of a Go text, leaving comments and string/rune literals alone. */
export function editGoCode(text: string, edit: (code: string) => string): string {
  const literal = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'/g;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(literal)) {
    out += edit(text.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + edit(text.slice(last));
}

/** math/rand's functions that draw from the global source. */
const GLOBAL_RAND =
  /(^|[^\w.])rand\.(Int|Intn|Int31|Int31n|Int63|Int63n|Uint32|Uint64|Float32|Float64|Perm|Shuffle|Read|NormFloat64|ExpFloat64|Seed)\(/g;

/**
 * The benchmark's test with its calls of the entry point sent to `entry`, and made deterministic:
 * the sample's program and the driver must make the same calls with the same inputs, so the
 * test's randomness comes from `seed` (per problem and run) — time-seeded sources and the global
 * math/rand source (which the sample's own code could draw from) are replaced by a source of the test's own.
 */
export function rewriteGoTest(test: string, name: string, entry: string, seed: string): string {
  let globalRand = false;
  let body = editGoCode(test, (code) =>
    code
      .replace(new RegExp(`(^|[^\\w.])${name}\\b`, 'g'), `$1${entry}`)
      .replace(/\btime\.Now\(\)\.UnixNano\(\)/g, `time.Unix(0, ${seed}).UnixNano()`)
      .replace(GLOBAL_RAND, (_, before: string, fn: string) => {
        globalRand = true;
        return `${before}${entry}Rand.${fn}(`;
      }),
  );
  if (globalRand) body += `\nvar ${entry}Rand = rand.New(rand.NewSource(${seed}))\n`;
  return body;
}

const TRACE_IMPORT = 'litmustrace "litmus.local/replay/trace"';
const DRIVER_IMPORT = 'litmusdriver "litmus.local/replay/driver"';

/**
 * The sample's program, as files of its package: the benchmark's program, whose test calls the
 * entry point through a wrapper that reports each returned value on fd 3. The wrapper and its
 * import live in a file of their own under a random name, so the sample's code has no handle on
 * the results channel: what is reported is what the entry point returned to the test's calls (the
 * generation's own calls, recursion, go to the entry point itself and are not reported).
 */
export function assembleGoSample(
  problem: Problem,
  generation: string,
  seed: string,
  tag: string,
): Record<string, string> {
  const entry = parseGoEntry(problem.prompt);
  const wrapper = `litmusEntry${tag}`;
  const test = rewriteGoTest(problem.test, entry.name, wrapper, seed);
  const trace = `package main\n\nimport ${TRACE_IMPORT}\n\nfunc ${wrapper}(${entry.params}) ${entry.returns} {\n    litmusResult := ${entry.name}(${entry.args})\n    litmustrace.Emit(&litmusResult)\n    return litmusResult\n}\n`;
  return { 'main_test.go': assembleGo(problem, generation, test), '0litmus_trace_test.go': trace };
}

/** Stands for the generation in the driver: the driver holds no sample code and never calls it. */
const STUB = '    panic("litmus: the test driver holds no sample code")\n}\n';

/**
 * The trusted driver of a problem, as a library package `pkg`: the prompt with a stub for the
 * generation, and the same test, whose calls of the entry point return, in order, the values the
 * sample's program reported. goDriverMain links the drivers of several problems into one test
 * binary (one link instead of one per problem); `-test.run` picks the problem's test.
 */
export function assembleGoDriver(problem: Problem, seed: string, pkg: string): string {
  const entry = parseGoEntry(problem.prompt);
  const replayer = 'litmusEntry';
  const test = rewriteGoTest(problem.test, entry.name, replayer, seed);
  const replay = `\nfunc ${replayer}(${entry.params}) ${entry.returns} {\n    var litmusResult ${entry.returns}\n    litmusdriver.Next(&litmusResult)\n    return litmusResult\n}\n`;
  // Without the generation, the driver's imports follow its own code: the packages the test uses
  // (the benchmark imports them only when the generation does) and none it leaves unused.
  const code = withoutComments(`${promptCode(problem)}\n${test}`);
  const setup = (problem.testSetup ?? DEFAULT_SETUP)
    .replace(/^package main\b/m, `package ${pkg}`)
    .replace(/^(\s*)"([\w./]+)"\s*$/gm, (line, indent: string, path: string) =>
      path === 'testing' || path.includes('testify') || usesPackage(code, path) ? line : `${indent}_ "${path}"`,
    );
  const used = OPTIONAL_IMPORTS.filter((path) => !setup.includes(`"${path}"`) && usesPackage(code, path));
  return assembleGo({ ...problem, testSetup: setup }, STUB, test + replay, [
    ...used.map((path) => `"${path}"`),
    DRIVER_IMPORT,
  ]);
}

/** The name of the benchmark test's function: `TestHasCloseElements`. */
export function goTestName(problem: Problem): string {
  const name = /^func\s+(Test\w*)\s*\(/m.exec(problem.test)?.[1];
  if (!name) throw new LitmusError('E_HUMANEVAL_MISSING', `no test function in ${problem.taskId}`);
  return name;
}

/** The test file of a binary holding the drivers `drivers` (import path → test function to run as `TestDriver<k>`). */
export function goDriverMain(drivers: { importPath: string; test: string }[]): string {
  const imports = drivers.map((d, k) => `    d${k} "${d.importPath}"\n`).join('');
  const tests = drivers.map((d, k) => `func TestDriver${k}(t *testing.T) { d${k}.${d.test}(t) }\n`).join('');
  return `package main\n\nimport (\n    "testing"\n    ${DRIVER_IMPORT}\n${imports})\n\nfunc TestMain(m *testing.M) { litmusdriver.Main(m) }\n\n${tests}`;
}

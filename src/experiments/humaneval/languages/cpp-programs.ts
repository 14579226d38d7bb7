import { LitmusError } from '../../../core/errors.ts';
import type { Problem } from '../types.ts';

/** The benchmark's standard includes, prepended when the prompt does not already have them. */
export const STANDARD_INCLUDES = [
  '#include<stdlib.h>',
  '#include<algorithm>',
  '#include<math.h>',
  '#include<stdio.h>',
  '#include<vector>',
  '#include<string>',
  '#include<climits>',
  '#include<cstring>',
  '#include<iostream>',
];

/** The replay header (cpp-replay.h) and its boost::any codec, found on the include path. */
export const REPLAY_HEADER = 'cpp-replay.h';
export const REPLAY_ANY_HEADER = 'cpp-replay-any.h';

export interface EntryPoint {
  name: string;
  returnType: string;
}

/** `text` with comments and string/char literals blanked (same length, newlines kept). */
export function blankCommentsAndLiterals(text: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    let end = i + 1;
    if (two === '//') {
      end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
    } else if (two === '/*') {
      end = text.indexOf('*/', i + 2);
      end = end < 0 ? text.length : end + 2;
    } else if (text[i] === '"' || text[i] === "'") {
      const quote = text[i];
      end = i + 1;
      while (end < text.length && text[end] !== quote && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      end = Math.min(end + 1, text.length);
    } else {
      out += text[i];
      i += 1;
      continue;
    }
    out += blank(text.slice(i, end));
    i = end;
  }
  return out;
}

/**
 * The entry point of a C++ prompt: the prompt ends inside the body of its last function (the
 * signature, the opening brace and maybe a doc comment); its name and declared return type are read
 * from that signature. Throws when the prompt has another shape.
 */
export function entryPoint(prompt: string): EntryPoint {
  const code = blankCommentsAndLiterals(prompt);
  const open: number[] = [];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '{') open.push(i);
    else if (code[i] === '}') open.pop();
  }
  if (open.length !== 1)
    throw new LitmusError('E_HUMANEVAL_MISSING', 'the prompt does not end inside one function body');
  const head = code.slice(0, open[0]).trimEnd();
  if (!head.endsWith(')'))
    throw new LitmusError('E_HUMANEVAL_MISSING', 'no parameter list before the entry point body');
  let depth = 0;
  let k = head.length - 1;
  for (; k >= 0; k--) {
    if (head[k] === ')') depth += 1;
    else if (head[k] === '(' && --depth === 0) break;
  }
  const before = head.slice(0, Math.max(k, 0));
  const name = /([A-Za-z_]\w*)\s*$/.exec(before)?.[1];
  if (k < 0 || !name) throw new LitmusError('E_HUMANEVAL_MISSING', 'no entry point name before its parameter list');
  const signature = before.trimEnd();
  const lineStart = Math.max(signature.lastIndexOf('\n'), signature.lastIndexOf(';'), signature.lastIndexOf('}')) + 1;
  const returnType = signature
    .slice(lineStart, signature.length - name.length)
    .replace(/\b(static|inline)\b/g, '')
    .trim();
  if (returnType === '') throw new LitmusError('E_HUMANEVAL_MISSING', `no return type before ${name}`);
  return { name, returnType };
}

const PREPROCESSOR = /^\s*#.*$/gm;

/** The test's preprocessor lines (#undef NDEBUG, #include<assert.h>) apart from its code. */
function splitTest(test: string): { directives: string[]; code: string } {
  return { directives: test.match(PREPROCESSOR) ?? [], code: test.replace(PREPROCESSOR, '') };
}

/** Routes the test's calls of the entry point through `wrapper`; the test's rand() gets its own state. */
function routedTest(entry: EntryPoint, wrapper: 'trace' | 'pass', code: string): string {
  return [
    `#undef ${entry.name}`,
    '#undef rand',
    `#define ${entry.name}(...) litmus::${wrapper}(${entry.name}(__VA_ARGS__))`,
    '#define rand() litmus::test_rand()',
    code,
  ].join('\n');
}

const needsAny = (problem: Problem) => /#\s*include\s*<boost\/any\.hpp>/.test(problem.prompt);

function headers(problem: Problem): string[] {
  return [`#include <${REPLAY_HEADER}>`, ...(needsAny(problem) ? [`#include <${REPLAY_ANY_HEADER}>`] : [])];
}

/**
 * The sample's program: prompt + generation + the test, each test call of the entry point wrapped by
 * litmus::trace (its value out on fd 3). The #define comes after the generation, so the sample's own
 * (recursive) calls are not traced. Nothing in this program decides the verdict.
 */
export function assembleCpp(problem: Problem, generation: string): string {
  const entry = entryPoint(problem.prompt);
  const includes = STANDARD_INCLUDES.filter((line) => !problem.prompt.includes(line));
  const test = splitTest(problem.test);
  return [
    ...headers(problem),
    ...includes,
    `${problem.prompt}${generation}`,
    ...test.directives,
    routedTest(entry, 'trace', test.code),
  ].join('\n');
}

/**
 * The trusted test driver of a problem: the prompt with the entry point's body replaced by a stub,
 * and the same test, each call of the entry point wrapped by litmus::pass (same shape as trace, so
 * the same evaluation order), which returns the next value the sample returned, decoded as the type
 * of that call. No sample code: its verdict is the test's own assertions on those values, then the
 * per-run secret (read from stdin before main) printed after the test returned.
 */
export function assembleCppDriver(problem: Problem): string {
  const entry = entryPoint(problem.prompt);
  const test = splitTest(problem.test);
  const close = test.code.lastIndexOf('}');
  if (close < 0) throw new LitmusError('E_HUMANEVAL_MISSING', 'the test has no main body');
  const code = `${test.code.slice(0, close)}    litmus::finish();\n${test.code.slice(close)}`;
  return [
    ...headers(problem),
    ...STANDARD_INCLUDES,
    '__attribute__((constructor)) static void litmus_load_stdin() { litmus::load_stdin(); }',
    problem.prompt,
    `    typedef ${entry.returnType} litmus_returned; return litmus_returned();`,
    '}',
    ...test.directives,
    routedTest(entry, 'pass', code),
  ].join('\n');
}

const INCLUDE = /^\s*#\s*include\b.*$/gm;
const IS_INCLUDE = /^\s*#\s*include\b/;

/**
 * The trusted test drivers of several problems in one program, so one compiler run (one load of the
 * precompiled header, the standard templates instantiated once) builds them all: each problem's
 * prompt (stub body) and test in a namespace of its own, its test's `main` renamed, and `main(argc,
 * argv)` running the problem whose number is argv[1]. Every #include is hoisted to the top, where the
 * header guards make repeats no-ops; each problem's macros are undefined after it. Same driver as
 * assembleCppDriver otherwise.
 */
export function assembleCppDrivers(problems: Problem[]): string {
  const parts = problems.map((problem) => {
    const entry = entryPoint(problem.prompt);
    const test = splitTest(problem.test);
    const close = test.code.lastIndexOf('}');
    if (close < 0) throw new LitmusError('E_HUMANEVAL_MISSING', `${problem.taskId}: the test has no main body`);
    const main = /\bint\s+main\s*\(\s*\)/;
    if (!main.test(test.code))
      throw new LitmusError('E_HUMANEVAL_MISSING', `${problem.taskId}: the test has no int main()`);
    const code = `${test.code.slice(0, close).replace(main, 'int litmus_test_main()')}    litmus::finish();\n    return 0;\n${test.code.slice(close)}`;
    const otherDirectives = test.directives.filter((d) => !IS_INCLUDE.test(d));
    return [
      `namespace litmus_problem_${problem.number} {`,
      problem.prompt.replace(INCLUDE, ''),
      `    typedef ${entry.returnType} litmus_returned; return litmus_returned();`,
      '}',
      ...otherDirectives,
      routedTest(entry, 'pass', code),
      `#undef ${entry.name}`,
      '#undef rand',
      '}',
    ].join('\n');
  });
  const dispatch = problems.map((p) => `    case ${p.number}: return litmus_problem_${p.number}::litmus_test_main();`);
  return [
    ...hoistedIncludes(problems),
    '__attribute__((constructor)) static void litmus_load_stdin() { litmus::load_stdin(); }',
    ...parts,
    'int main(int argc, char **argv) {',
    '  switch (argc > 1 ? atoi(argv[1]) : -1) {',
    ...dispatch,
    '  }',
    '  return 70;',
    '}',
    '',
  ].join('\n');
}

/** The include lines of these problems' programs, once each, with the test's `#undef NDEBUG` first. */
function hoistedIncludes(problems: Problem[]): string[] {
  const own = problems.flatMap((problem) => [
    ...(problem.prompt.match(INCLUDE) ?? []),
    ...splitTest(problem.test).directives.filter((d) => IS_INCLUDE.test(d)),
  ]);
  return [
    '#undef NDEBUG',
    ...new Set([...problems.flatMap((p) => headers(p)), ...STANDARD_INCLUDES, ...own.map((l) => l.trim())]),
  ];
}

const NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'main', 'defined', 'decltype', 'catch']);

/** Names the problem's prompt and test declare at namespace scope (functions, mostly), read from the text. */
export function declaredNames(problem: Problem): string[] {
  const code = blankCommentsAndLiterals(`${problem.prompt}\n}\n${splitTest(problem.test).code}`).replace(
    PREPROCESSOR,
    '',
  );
  let outer = '';
  let depth = 0;
  for (const char of code) {
    if (char === '{') depth += 1;
    outer += depth === 0 ? char : ' ';
    if (char === '}') depth = Math.max(0, depth - 1);
  }
  const names = [...outer.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1]!);
  return [...new Set(names.filter((name) => !NOT_NAMES.has(name)))];
}

/**
 * A program that asks the compiler which of these problems' declared names already name something
 * at global scope (with `using namespace std`, as the prompts have): one `using ::name;` per line,
 * which fails for a name that is not there. A problem declaring such a name must not be built inside
 * a namespace (assembleCppDrivers): there its declaration would hide the global overloads that
 * unqualified calls in its own program reach (CPP/23's test calls the C library's `strlen`).
 */
export function globalNameProbe(problems: Problem[]): { source: string; problemOfLine: Map<number, number> } {
  const lines = [...hoistedIncludes(problems), 'using namespace std;'];
  const problemOfLine = new Map<number, number>();
  for (const problem of problems) {
    for (const name of declaredNames(problem)) {
      lines.push(`namespace litmus_probe_${lines.length} { using ::${name}; }`);
      problemOfLine.set(lines.length, problem.number); // 1-based: the line just pushed
    }
  }
  return { source: `${lines.join('\n')}\n`, problemOfLine };
}

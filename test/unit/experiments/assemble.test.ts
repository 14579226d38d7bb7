import { describe, expect, it } from 'vitest';
import { assembleCpp } from '../../../src/experiments/humaneval/languages/cpp.ts';
import { assembleGo } from '../../../src/experiments/humaneval/languages/go.ts';
import { sampleProgram } from '../../../src/experiments/humaneval/languages/js-replay.ts';
import { assemblePython, pythonBody, pythonEntryPoint } from '../../../src/experiments/humaneval/languages/python.ts';
import type { Problem } from '../../../src/experiments/humaneval/types.ts';
import { makeProblem } from '../../support/humaneval-problem.ts';

const problem = (fields: Partial<Problem>): Problem => makeProblem(fields);

describe('program assembly', () => {
  it("python keeps only the indented body and leaves the test out of the sample's program", () => {
    expect(pythonBody('    return 1\n\nprint("extra")\n    x')).toBe('    return 1\n');
    const p = problem({ prompt: 'def f():\n', test: 'def check(f):\n    assert f() == 1\ncheck(f)\n' });
    const program = assemblePython(p, '    return 1\n');
    expect(program).toContain('import numpy as np');
    expect(program.trimEnd().endsWith('def f():\n    return 1')).toBe(true);
    expect(program).not.toContain('check');
    expect(pythonEntryPoint(p)).toBe('f');
  });

  it("c++ routes the test's calls through the tracer after the generation; the secret is in no sample program", () => {
    const program = assembleCpp(
      problem({
        prompt: '#include<vector>\nint f(){\n',
        test: '#undef NDEBUG\n#include<assert.h>\nint main(){\n    assert(f()==1);\n}\n',
      }),
      '    return 1;\n}\n',
    );
    expect(program.match(/#include<vector>/g)).toHaveLength(1);
    expect(program).toContain('#include<iostream>');
    expect(program.indexOf('#define f(...) litmus::trace(f(__VA_ARGS__))')).toBeGreaterThan(
      program.indexOf('return 1;'),
    );
    expect(program).not.toMatch(/preinit_array|litmus::finish/);
  });

  it("js is the harness' prelude, then prompt + generation + the test calling the entry point through a tracer", () => {
    const program = sampleProgram(
      problem({ prompt: 'const f = () => {\n', test: 'console.assert(f() === 1)\n' }),
      '  return 1\n}\n',
      'abc',
      7,
    );
    expect(program).toMatch(
      /\nconst f = \(\) => \{\n {2}return 1\n\}\n\nconsole\.assert\(__litmusCall_abc\(\) === 1\)\n\n$/,
    );
  });

  it('go drops the prompt import block and imports packages the generation uses', () => {
    const program = assembleGo(
      problem({
        prompt: 'import (\n    "math"\n)\n\n// uses strings. in a comment\nfunc F() string {\n',
        importBlock: 'import (\n    "math"\n)\n',
        testSetup: 'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\n',
        test: 'func TestF(t *testing.T) {}\n',
      }),
      '    return fmt.Sprint(1)\n}\n',
    );
    expect(program).not.toContain('"math"');
    expect(program).toContain('import (\n    "fmt"\n)');
    expect(program).not.toContain('"strings"');
  });
});

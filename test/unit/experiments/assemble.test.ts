import { describe, expect, it } from 'vitest';
import { assembleCpp } from '../../../src/experiments/humaneval/languages/cpp.ts';
import { assembleGo } from '../../../src/experiments/humaneval/languages/go.ts';
import { assembleJs } from '../../../src/experiments/humaneval/languages/js.ts';
import { assemblePython, pythonBody, pythonEntryPoint } from '../../../src/experiments/humaneval/languages/python.ts';
import type { Problem } from '../../../src/experiments/humaneval/types.ts';

const problem = (fields: Partial<Problem>): Problem => ({
  taskId: 'X/0',
  number: 0,
  prompt: '',
  test: '',
  declaration: '',
  canonicalSolution: '',
  ...fields,
});

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

  it('c++ reads the secret before any constructor and writes it as the last statement of main', () => {
    const program = assembleCpp(
      problem({
        prompt: '#include<vector>\nint f(){\n',
        test: '#undef NDEBUG\n#include<assert.h>\nint main(){\n    assert(f()==1);\n}\n',
      }),
      '    return 1;\n}\n',
      'T',
    );
    expect(program.match(/#include<vector>/g)).toHaveLength(1);
    expect(program).toContain('#include<iostream>');
    expect(program).toContain(
      '__attribute__((section(".preinit_array"), used)) static void (*litmus_p_T)() = litmus_r_T;',
    );
    expect(program.indexOf('litmus_r_T')).toBeLessThan(program.indexOf('int f()'));
    expect(program).toMatch(
      /LITMUS_ASSERT_T\(f\(\)==1\);\n {4}fflush\(stdout\); litmus_sys_T\(SYS_write, 1, .*\n\}\n$/,
    );
    expect(program).toContain('#include<assert.h>'); // the header stays; its macro is no longer used
    expect(program).not.toMatch(/litmus_tests_completed/);
  });

  it('js is prompt + generation + test; the driver, not the program, defines console.assert', () => {
    const program = assembleJs(
      problem({ prompt: 'const f = () => {\n', test: 'console.assert(f() === 1)\n' }),
      '  return 1\n}\n',
    );
    expect(program).toBe('const f = () => {\n  return 1\n}\n\nconsole.assert(f() === 1)\n\n');
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

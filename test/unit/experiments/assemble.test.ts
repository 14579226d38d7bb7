import { describe, expect, it } from 'vitest';
import { assembleCpp } from '../../../src/experiments/humaneval/languages/cpp.ts';
import { assembleGo } from '../../../src/experiments/humaneval/languages/go.ts';
import { assembleJs } from '../../../src/experiments/humaneval/languages/js.ts';
import { assemblePython, pythonBody } from '../../../src/experiments/humaneval/languages/python.ts';
import { assembleRust, rustCompletionLine } from '../../../src/experiments/humaneval/languages/rust.ts';
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
  it('python keeps only the indented body and prints the sentinel after the tests', () => {
    expect(pythonBody('    return 1\n\nprint("extra")\n    x')).toBe('    return 1\n');
    const program = assemblePython(
      problem({ prompt: 'def f():\n', test: 'def check(f):\n    assert f() == 1\ncheck(f)\n' }),
      '    return 1\n',
      'S',
    );
    expect(program).toContain('import numpy as np');
    expect(program.trimEnd().endsWith('print("S")')).toBe(true);
  });

  it('c++ adds missing standard includes and calls the sentinel as the last statement of main', () => {
    const program = assembleCpp(
      problem({
        prompt: '#include<vector>\nint f(){\n',
        test: '#undef NDEBUG\n#include<assert.h>\nint main(){\n    assert(f()==1);\n}\n',
      }),
      '    return 1;\n}\n',
      'S',
    );
    expect(program.match(/#include<vector>/g)).toHaveLength(1);
    expect(program).toContain('#include<iostream>');
    expect(program).toMatch(/assert\(f\(\)==1\);\n {4}litmus_tests_completed\(\);\n\}\n$/);
  });

  it('js makes console.assert throw', () => {
    const program = assembleJs(
      problem({ prompt: 'const f = () => {\n', test: 'console.assert(f() === 1)\n' }),
      '  return 1\n}\n',
      'S',
    );
    expect(program.startsWith('console.assert = ')).toBe(true);
    expect(program.trimEnd().endsWith('console.log("S");')).toBe(true);
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

  it('rust drops crate imports and reports programs that need a crate', () => {
    const p = problem({
      declaration: 'use std::cmp;\nuse rand::Rng;\nuse regex::Regex;\nuse md5;\nfn f() -> i32 {\n',
      test: '#[test]\nfn a(){}\n#[test]\nfn b(){}\n',
    });
    expect(assembleRust(p, '1 }').missingCrates).toEqual([]);
    expect(assembleRust(p, '1 }').source).not.toMatch(/use rand|use regex|use md5/);
    expect(assembleRust(p, 'let r = Regex::new("a"); 1 }').missingCrates).toEqual(['regex']);
    expect(rustCompletionLine(p.test)).toBe('test result: ok. 2 passed; 0 failed');
  });
});

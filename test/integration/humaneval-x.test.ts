import { describe, expect, it } from 'vitest';
import { runHumanEvalX } from '../../src/experiments/humaneval/harness.ts';
import { canonicalSamples, loadProblems } from '../../src/experiments/humaneval/problems.ts';
import type { Language, Sample } from '../../src/experiments/humaneval/types.ts';
import { summary } from '../support/humaneval-summary.ts';
import { sharedData } from '../support/shared-data.ts';

const problemsDir = sharedData('humaneval-x');
const PREFIX: Record<Language, string> = {
  python: 'Python',
  cpp: 'CPP',
  java: 'Java',
  js: 'JavaScript',
  go: 'Go',
  rust: 'Rust',
};

describe('HumanEval-X harness on the dataset', () => {
  it('passes the canonical solutions (10 tasks per language; JS/112 and JS/155 are wrong in the dataset)', async () => {
    const samples: Sample[] = [];
    for (const language of ['python', 'cpp', 'java', 'js', 'go', 'rust'] as Language[]) {
      const all = canonicalSamples(loadProblems(problemsDir, language));
      samples.push(...all.slice(0, 10));
      if (language === 'js')
        samples.push(...all.filter((s) => s.taskId === 'JavaScript/112' || s.taskId === 'JavaScript/155'));
    }
    const results = await runHumanEvalX({ samples, problemsDir, workers: 2, timeoutS: 10 });
    for (const language of ['python', 'cpp', 'java'] as Language[]) {
      expect(summary(results.languages[language])['pass@1'], language).toBe(1);
    }
    for (const language of ['go', 'rust'] as Language[]) {
      expect(summary(results.languages[language])['pass@1'], language).toBe(1);
    }
    const js = summary(results.languages.js);
    expect(js.passed).toBe(10);
    expect(js.results!.filter((r) => r.outcome !== 'passed').map((r) => r.taskId)).toEqual([
      'JavaScript/112',
      'JavaScript/155',
    ]);
    expect(results.sandbox.unprivileged_uid).toBe(true);
  });

  it('gives pass@1 = 0 to broken solutions: empty, wrong return, early successful exit', async () => {
    const broken: Record<Language, string[]> = {
      python: ['', '    return False\n', '    import sys\n    sys.exit(0)\n', '    import os\n    os._exit(0)\n'],
      cpp: ['', '    return false;\n}\n', '    exit(0);\n}\n'],
      java: ['', '        return false;\n    }\n}\n', '        System.exit(0);\n        return false;\n    }\n}\n'],
      js: ['', '  return false\n}\n', '  process.exit(0)\n}\n'],
      go: ['', '    return false\n}\n'],
      rust: ['', '    return false;\n}\n', '    std::process::exit(0);\n}\n'],
    };
    const samples: Sample[] = Object.entries(broken).flatMap(([language, generations]) =>
      generations.map((generation, index) => ({ taskId: `${PREFIX[language as Language]}/0`, generation, index })),
    );
    const results = await runHumanEvalX({ samples, problemsDir, workers: 2, timeoutS: 10, ks: [1] });
    for (const language of Object.keys(broken) as Language[]) {
      const value = summary(results.languages[language]);
      expect(value['pass@1'], language).toBe(0);
      expect(value.passed, language).toBe(0);
      expect(value.failed + value.compile_error, language).toBe(broken[language].length);
    }
    // C++: the sample's program exits 0 before the first call; the driver finds no value to replay.
    const early = summary(results.languages.cpp).results!.find((r) => r.index === 2)!;
    expect(early.outcome).toBe('failed');
    expect(early.detail).toMatch(/^exit code 3: Error: .*\(call 1\): the values ended early/);
  });

  it('rust: replays borrowed results, maps, tuples, a benchmark enum and an entry point only the solution declares', async () => {
    const rust = loadProblems(problemsDir, 'rust');
    const canonical = (taskId: string) => rust.get(taskId)!.canonicalSolution;
    const tasks = ['Rust/8', 'Rust/10', 'Rust/111', 'Rust/119', 'Rust/137', 'Rust/149'];
    // A sample's own enum whose == says yes to everything: the driver compares with the benchmark's.
    const yes = (value: string) =>
      `    ${value}\n}\npub enum RtnType<S, F, I> { Empty(), String(S), Float(F), Int(I) }\nimpl<S, F, I> PartialEq for RtnType<S, F, I> { fn eq(&self, _: &Self) -> bool { true } }\nimpl<S, F, I> std::fmt::Debug for RtnType<S, F, I> { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { write!(f, "2") } }\n`;
    const samples: Sample[] = [
      ...tasks.map((taskId) => ({ taskId, generation: canonical(taskId), index: 0 })),
      {
        taskId: 'Rust/137',
        generation: canonical('Rust/137').replace('RtnType::Int(*as_i32)', 'RtnType::Float(*as_i32 as f64)'),
        index: 1,
      },
      { taskId: 'Rust/137', generation: yes('RtnType::Empty()'), index: 2 },
      { taskId: 'Rust/137', generation: yes('RtnType::Int(0)'), index: 3 },
      {
        taskId: 'Rust/111',
        generation: canonical('Rust/111').replace(
          'res.insert(c.chars().next().unwrap(), 1);',
          'res.insert(c.chars().next().unwrap(), 2);',
        ),
        index: 1,
      },
    ];
    const results = await runHumanEvalX({
      samples,
      problemsDir,
      languages: ['rust'],
      workers: 2,
      timeoutS: 10,
      ks: [1],
    });
    const value = summary(results.languages.rust);
    expect(value.results!.map((r) => `${r.taskId}#${r.index}:${r.outcome}`)).toEqual([
      'Rust/8#0:passed',
      'Rust/10#0:passed',
      'Rust/111#0:passed',
      'Rust/111#1:failed',
      'Rust/119#0:passed',
      'Rust/137#0:passed',
      'Rust/137#1:failed',
      'Rust/137#2:failed',
      'Rust/137#3:failed',
      'Rust/149#0:passed',
    ]);
  });

  it('contains infinite loops, fork bombs, huge writes and network calls, and keeps going', async () => {
    const canonicalPy = loadProblems(problemsDir, 'python').get('Python/0')!.canonicalSolution;
    const python = [
      '    while True:\n        pass\n',
      '    import os\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n',
      "    with open('big.bin', 'wb') as f:\n        while True:\n            f.write(b'x' * 1048576)\n",
      `    import socket\n    socket.create_connection(('1.1.1.1', 53), timeout=2).close()\n${canonicalPy}`,
      canonicalPy,
    ];
    const cpp = [
      '    while(true){}\n}\n',
      '    return false;\n}\n#include <unistd.h>\nstatic bool litmus_bomb = [](){ while(true) fork(); return true; }();\n',
      '    FILE* f = fopen("big.bin", "wb"); static char buf[1<<20]; while(true) fwrite(buf, 1, sizeof buf, f);\n}\n',
      loadProblems(problemsDir, 'cpp').get('CPP/0')!.canonicalSolution,
    ];
    const samples: Sample[] = [
      ...python.map((generation, index) => ({ taskId: 'Python/0', generation, index })),
      ...cpp.map((generation, index) => ({ taskId: 'CPP/0', generation, index })),
    ];
    const started = Date.now();
    const results = await runHumanEvalX({ samples, problemsDir, workers: 2, timeoutS: 3, ks: [1] });
    expect(Date.now() - started).toBeLessThan(90_000);
    const py = summary(results.languages.python).results!;
    expect(py.map((r) => r.outcome)).toEqual(['timeout', 'timeout', 'failed', 'failed', 'passed']);
    expect(py[2]!.detail).toMatch(/Read-only file system|PermissionError/);
    const c = summary(results.languages.cpp).results!;
    expect(c.map((r) => r.outcome)).toEqual(['timeout', 'timeout', 'failed', 'passed']);
  });

  it('runs each JavaScript sample in its own process: hangs, self-kills, huge writes, heaps and leftovers fail only their own sample', async () => {
    const canonical = loadProblems(problemsDir, 'js').get('JavaScript/0')!.canonicalSolution;
    const js = [
      '  while (true) {}\n}\n',
      "  require('child_process').execSync('sleep 60')\n}\n",
      "  process.kill(process.pid, 'SIGKILL')\n}\n",
      "  const fs = require('fs')\n  const block = Buffer.alloc(1 << 20)\n  for (;;) fs.appendFileSync('big.bin', block)\n}\n",
      '  const held = []\n  for (;;) held.push(new Array(1e6).fill(1))\n}\n',
      `  require('net').connect(53, '1.1.1.1').on('error', (e) => { throw e })\n${canonical}`,
      `  require('child_process').spawn('sleep', ['600'], { detached: true, stdio: 'ignore' }).unref()\n${canonical}`,
      '  globalThis.hasCloseElements = () => true\n  return false\n}\n',
      canonical,
    ];
    const samples = js.map((generation, index) => ({ taskId: 'JavaScript/0', generation, index }));
    const started = Date.now();
    const results = await runHumanEvalX({ samples, problemsDir, workers: 2, timeoutS: 3, ks: [1] });
    expect(Date.now() - started).toBeLessThan(60_000);
    const rows = summary(results.languages.js).results!;
    // A heap at its limit may spend the time in GC before V8 gives up: failed or timed out, never passed.
    expect(['failed', 'timeout']).toContain(rows[4]!.outcome);
    // The verdict is the replayed test's: the blocked connection crashes the program only after it
    // returned the right values (the sandbox test checks that nothing is reached).
    expect(rows.map((r, k) => (k === 4 ? 'heap' : r.outcome))).toEqual([
      'timeout',
      'timeout',
      'failed',
      'failed',
      'heap',
      'passed',
      'passed',
      'failed',
      'passed',
    ]);
    expect(rows[2]!.detail).toMatch(/SIGKILL|137/);
    expect(rows[3]!.detail).toMatch(/EFBIG|too large/i);
  });

  it('builds a Go batch in one go test: a compile or vet error fails only its own sample', async () => {
    const go = loadProblems(problemsDir, 'go');
    const canonical0 = go.get('Go/0')!.canonicalSolution;
    const samples: Sample[] = [
      { taskId: 'Go/0', generation: canonical0, index: 0 },
      { taskId: 'Go/0', generation: '    return undefinedThing\n}\n', index: 1 },
      { taskId: 'Go/0', generation: `    _ = fmt.Sprintf("%d", "x")\n${canonical0}`, index: 2 },
      { taskId: 'Go/0', generation: `${canonical0}\nfunc init() { panic("init") }\n`, index: 3 },
      { taskId: 'Go/1', generation: go.get('Go/1')!.canonicalSolution, index: 0 },
    ];
    const results = await runHumanEvalX({ samples, problemsDir, workers: 1, timeoutS: 10, ks: [1] });
    const value = summary(results.languages.go);
    const rows = value.results!;
    expect(rows.map((r) => `${r.taskId}#${r.index}:${r.outcome}`)).toEqual([
      'Go/0#0:passed',
      'Go/0#1:compile_error',
      'Go/0#2:compile_error',
      'Go/0#3:failed',
      'Go/1#0:passed',
    ]);
    expect(rows[1]!.detail).toMatch(/undefined: undefinedThing/);
    expect(rows[2]!.detail).toMatch(/Sprintf format %d has arg "x" of wrong type/);
  });

  it('java: every kind of return value replays (Object, Optional, Map, long, nested lists; prompt helpers, seeded randomness); a compile error fails only its sample', async () => {
    const java = loadProblems(problemsDir, 'java');
    const tasks = [32, 38, 103, 111, 112, 125, 136, 137, 139, 162];
    const samples: Sample[] = tasks.map((n) => ({
      taskId: `Java/${n}`,
      generation: java.get(`Java/${n}`)!.canonicalSolution,
      index: 0,
    }));
    const body = (code: string) => `        ${code}\n    }\n}\n`;
    samples.push(
      { taskId: 'Java/103', generation: body('return 5;'), index: 1 }, // an Integer where the test casts to String
      { taskId: 'Java/111', generation: body('return new HashMap<>();'), index: 1 },
      { taskId: 'Java/139', generation: body('return undefinedThing;'), index: 1 },
    );
    const results = await runHumanEvalX({
      samples,
      problemsDir,
      languages: ['java'],
      workers: 2,
      timeoutS: 10,
      ks: [1],
    });
    const value = summary(results.languages.java);
    const outcome = (taskId: string, index: number) =>
      value.results!.find((r) => r.taskId === taskId && r.index === index)!;
    for (const n of tasks) expect(outcome(`Java/${n}`, 0).outcome, `Java/${n}`).toBe('passed');
    expect(outcome('Java/103', 1)).toMatchObject({
      outcome: 'failed',
      detail: expect.stringMatching(/ClassCastException/),
    });
    expect(outcome('Java/111', 1)).toMatchObject({
      outcome: 'failed',
      detail: expect.stringMatching(/AssertionError/),
    });
    expect(outcome('Java/139', 1)).toMatchObject({
      outcome: 'compile_error',
      detail: expect.stringMatching(/cannot find symbol/),
    });
  });

  it("judges Go samples by a driver replaying the values they returned: prints, recursion, the sample's own randomness and wrong types", async () => {
    const go = loadProblems(problemsDir, 'go');
    const canonical = (n: number) => go.get(`Go/${n}`)!.canonicalSolution;
    const noise =
      '    for i := 0; i < 2000; i++ {\n        fmt.Println("true false PASS ok", i)\n        println("FAIL", i)\n    }\n';
    const samples: Sample[] = [
      { taskId: 'Go/0', generation: `${noise}${canonical(0)}`, index: 0 }, // prints do not corrupt the channel
      { taskId: 'Go/55', generation: canonical(55), index: 0 }, // recursive: only the test's calls count
      // Draws from the global math/rand source the benchmark's test draws its inputs from.
      { taskId: 'Go/53', generation: '    _ = rand.Intn(10) + rand.Intn(10)\n    return x + y\n}\n', index: 0 },
      { taskId: 'Go/38', generation: canonical(38), index: 0 }, // a time-seeded random test
      { taskId: 'Go/90', generation: canonical(90), index: 0 }, // interface{}: ints and nil
      // The right numbers as int64 in an interface{}: the test's assert.Equal(2, …) fails, as in the sample's process.
      {
        taskId: 'Go/90',
        generation: `    litmusValue := func() interface{} {\n${canonical(90).replace(/\n}\s*$/, '\n')}    }()\n    if v, ok := litmusValue.(int); ok {\n        return int64(v)\n    }\n    return litmusValue\n}\n`,
        index: 1,
      },
      // An empty slice is not nil: the test's assert.Equal([]int{}, …) tells them apart.
      {
        taskId: 'Go/5',
        generation:
          '    var out []int\n    for i, n := range numbers {\n        if i > 0 {\n            out = append(out, delimeter)\n        }\n        out = append(out, n)\n    }\n    return out\n}\n',
        index: 0,
      },
      { taskId: 'Go/5', generation: canonical(5), index: 1 },
    ];
    const results = await runHumanEvalX({ samples, problemsDir, languages: ['go'], workers: 2, timeoutS: 10, ks: [1] });
    const value = summary(results.languages.go);
    const rows = value.results!;
    expect(rows.map((r) => `${r.taskId}#${r.index}:${r.outcome}`)).toEqual([
      'Go/0#0:passed',
      'Go/5#0:failed',
      'Go/5#1:passed',
      'Go/38#0:passed',
      'Go/53#0:passed',
      'Go/55#0:passed',
      'Go/90#0:passed',
      'Go/90#1:failed',
    ]);
    expect(value.toolchain.notes.join('\n')).toMatch(/outside the sample's process/);
  });
});

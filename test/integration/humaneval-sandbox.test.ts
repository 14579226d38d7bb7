import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LanguageSummary, runHumanEvalX } from '../../src/experiments/humaneval/harness.ts';
import { loadProblems } from '../../src/experiments/humaneval/problems.ts';
import type { Language, Sample, SampleResult } from '../../src/experiments/humaneval/types.ts';
import { sharedData } from '../support/shared-data.ts';

/**
 * Samples that try to escape the sandbox or forge a pass (issue 12). Each is written so that it
 * would PASS the task if its escape worked (it returns the canonical answer only then), so a
 * "failed" verdict shows the escape failed; besides, no file may appear outside, the loopback
 * listener must see no connection, and no process a sample started may be left running.
 */
const problemsDir = sharedData('humaneval-x');
const tag = randomBytes(4).toString('hex');
const marker = `31${Number.parseInt(tag.slice(0, 4), 16)}.5`; // `sleep <marker>`: the daemons to look for
const apiKey = `sk-litmus-canary-${tag}`;
let hostDir = '';
let canary = '';
let canaryText = '';
let listener: Server;
let port = 0;
let connections = 0;

const escapePaths = () => [
  `/tmp/litmus-escape-${tag}`,
  `/var/tmp/litmus-escape-${tag}`,
  `/dev/shm/litmus-escape-${tag}`,
  join(hostDir, 'open', 'escaped'),
];

beforeAll(async () => {
  hostDir = mkdtempSync(join(tmpdir(), 'litmus-sandbox-test-'));
  chmodSync(hostDir, 0o755);
  const secretDir = join(hostDir, 'root-only');
  mkdirSync(secretDir, { mode: 0o700 });
  canary = join(secretDir, 'canary.txt');
  canaryText = `CANARY-${tag}`;
  writeFileSync(canary, canaryText, { mode: 0o600 });
  writeFileSync(`${canary}.h`, `// ${canaryText}\n`, { mode: 0o600 });
  mkdirSync(join(hostDir, 'open'), { mode: 0o777 });
  chmodSync(join(hostDir, 'open'), 0o777);
  process.env.OPENAI_API_KEY = apiKey;
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});

afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  await new Promise((resolve) => listener.close(resolve));
  for (const path of escapePaths()) rmSync(path, { force: true });
  rmSync(hostDir, { recursive: true, force: true });
});

const canonical = (language: Language, prefix: string) =>
  loadProblems(problemsDir, language).get(`${prefix}/0`)!.canonicalSolution;

/** Attack name → generation for task 0 of the language (has_close_elements). */
function attacks(language: Language): Record<string, string> {
  const [p0, p1, p2, p3] = escapePaths();
  switch (language) {
    case 'python': {
      const body = canonical('python', 'Python');
      return {
        canary: `    try:\n        ok = open(${JSON.stringify(canary)}).read().startswith('CANARY')\n    except Exception:\n        ok = False\n    if not ok:\n        return False\n${body}`,
        env: `    import os\n    found = ${JSON.stringify(apiKey)} in str(os.environ)\n    for pid in (os.listdir('/proc') if os.path.isdir('/proc') else []):\n        try:\n            found = found or ${JSON.stringify(apiKey)}.encode() in open(f'/proc/{pid}/environ', 'rb').read()\n        except Exception:\n            pass\n    if not found:\n        return False\n${body}`,
        write: `    for path in ${JSON.stringify([p0, p1, p2, p3])}:\n        try:\n            open(path, 'w').write('x')\n        except Exception:\n            pass\n    return False\n`,
        network: `    import socket\n    try:\n        socket.create_connection(('127.0.0.1', ${port}), timeout=1).close()\n    except Exception:\n        return False\n${body}`,
        'forge-reply': `    import os\n    for fd in range(0, 64):\n        try:\n            os.write(fd, b'{"id": 1, "outcome": "passed"}\\n')\n        except OSError:\n            pass\n    os._exit(0)\n`,
        'forge-eq': '    class Yes:\n        def __eq__(self, other):\n            return True\n    return Yes()\n',
        'forge-kill-driver':
          '    import os, signal\n    for pid in (1, os.getppid()):\n        try:\n            os.kill(pid, signal.SIGKILL)\n        except Exception:\n            pass\n    return False\n',
        'exit-early': '    import sys\n    sys.exit(0)\n',
        daemon: `    import os, subprocess\n    subprocess.Popen(['sleep', '${marker}'], start_new_session=True)\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n            os.execvp('sleep', ['sleep', '${marker}'])\n        os._exit(0)\n    return False\n`,
        memory: '    held = []\n    while True:\n        held.append(bytearray(100 * 1024 * 1024))\n',
      };
    }
    case 'cpp': {
      const body = canonical('cpp', 'CPP');
      const helper = (code: string) =>
        `    bool litmus_attack(); if (!litmus_attack()) return false;\n${body}\n#include <fstream>\n#include <sstream>\n#include <cstdlib>\n#include <unistd.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\nbool litmus_attack(){\n${code}\n}\n`;
      return {
        canary: helper(
          `    std::ifstream f(${JSON.stringify(canary)}); std::stringstream s; s << f.rdbuf(); return s.str().rfind("CANARY", 0) == 0;`,
        ),
        // Compile-time reads: these compile (and pass) only if the compiler can read the canary.
        'canary-include': `${body}\n#include ${JSON.stringify(`${canary}.h`)}\n`,
        'canary-incbin': `${body}\n__asm__(".section .rodata\\n.incbin \\"${canary}\\"\\n.previous");\n`,
        env: helper(
          `    const char* k = getenv("OPENAI_API_KEY"); if (k) return true; std::ifstream f("/proc/1/environ"); std::stringstream s; s << f.rdbuf(); return s.str().find(${JSON.stringify(apiKey)}) != std::string::npos;`,
        ),
        write: helper(
          `    for (const char* p : {${[p0, p1, p2, p3].map((p) => JSON.stringify(p)).join(', ')}}) { std::ofstream(p) << "x"; } return false;`,
        ),
        network: helper(
          `    int s = socket(AF_INET, SOCK_STREAM, 0); sockaddr_in a{}; a.sin_family = AF_INET; a.sin_port = htons(${port}); inet_pton(AF_INET, "127.0.0.1", &a.sin_addr); return connect(s, (sockaddr*)&a, sizeof a) == 0;`,
        ),
        'forge-steal-stdin': `    return false;\n}\n#include <unistd.h>\nstatic int litmus_steal = [](){ char b[256]; long n = read(0, b, sizeof b); if (n > 0) { write(1, b, n); write(2, b, n); } _exit(0); return 0; }();\n`,
        'forge-call-completion': `    return false;\n}\nstatic void litmus_tests_completed();\nstatic int litmus_forge = (litmus_tests_completed(), 0);\n`,
        'exit-early': '    exit(0);\n}\n',
        'disarm-assert':
          '    return false;\n}\nextern "C" void __assert_fail(const char*, const char*, unsigned int, const char*) noexcept {}\nextern "C" void abort() noexcept {}\n',
        daemon: helper(
          `    if (fork() == 0) { setsid(); if (fork() == 0) { execlp("sleep", "sleep", "${marker}", (char*)0); } _exit(0); } return false;`,
        ),
        memory: helper(
          '    for (;;) { char* p = new char[100 << 20]; for (int i = 0; i < (100 << 20); i += 4096) p[i] = 1; }',
        ),
      };
    }
    case 'java': {
      const body = canonical('java', 'Java');
      const guard = (code: string) =>
        `        boolean ok = false;\n        try {\n${code}\n        } catch (Throwable e) { ok = false; }\n        if (!ok) return false;\n${body}`;
      return {
        canary: guard(
          `            ok = java.nio.file.Files.readString(java.nio.file.Path.of(${JSON.stringify(canary)})).startsWith("CANARY");`,
        ),
        env: guard(
          `            ok = System.getenv("OPENAI_API_KEY") != null || new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/1/environ"))).contains(${JSON.stringify(apiKey)});`,
        ),
        write: guard(
          [p0, p1, p2, p3]
            .map(
              (p) =>
                `            try { java.nio.file.Files.writeString(java.nio.file.Path.of(${JSON.stringify(p)}), "x"); } catch (Throwable e) {}`,
            )
            .join('\n'),
        ),
        network: guard(`            new java.net.Socket("127.0.0.1", ${port}).close(); ok = true;`),
        'forge-steal': guard(
          '            byte[] b = System.in.readAllBytes(); System.out.write(b); System.out.flush();\n            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("/opt/classes"))) { for (var f : (Iterable<java.nio.file.Path>) files::iterator) { if (java.nio.file.Files.isRegularFile(f)) System.out.write(java.nio.file.Files.readAllBytes(f)); } }\n            System.out.flush(); System.exit(0);',
        ),
        'exit-early': '        System.exit(0);\n        return false;\n    }\n}\n',
        daemon: guard(`            new ProcessBuilder("setsid", "sleep", "${marker}").start();`),
        memory: guard(
          '            java.util.List<long[]> held = new java.util.ArrayList<>(); for (;;) held.add(new long[10_000_000]);',
        ),
      };
    }
    case 'js': {
      const body = canonical('js', 'JavaScript');
      const guard = (code: string) =>
        `  let ok = false\n  try {\n${code}\n  } catch (e) { ok = false }\n  if (!ok) return false\n${body}`;
      return {
        canary: guard(`    ok = require('fs').readFileSync(${JSON.stringify(canary)}, 'utf8').startsWith('CANARY')`),
        env: guard(
          `    const fs = require('fs')\n    ok = JSON.stringify(process.env).includes(${JSON.stringify(apiKey)})\n    for (const pid of fs.readdirSync('/proc').filter((d) => /^\\d+$/.test(d))) { try { ok = ok || fs.readFileSync('/proc/' + pid + '/environ', 'utf8').includes(${JSON.stringify(apiKey)}) } catch {} }`,
        ),
        write: guard(
          `    for (const p of ${JSON.stringify([p0, p1, p2, p3])}) { try { require('fs').writeFileSync(p, 'x') } catch {} }`,
        ),
        network: `  require('net').connect(${port}, '127.0.0.1').on('error', () => {})\n  return false\n}\n`,
        'forge-reply': `  const fs = require('fs')\n  let stolen = ''\n  try { stolen = fs.readFileSync(0, 'utf8') } catch {}\n  for (const f of ['/work/test.js', '/opt/litmus/js-driver.cjs']) { try { stolen += fs.readFileSync(f, 'utf8') } catch {} }\n  for (let fd = 0; fd < 64; fd++) { try { fs.writeSync(fd, '{"id":1,"exit_code":0,"timed_out":false,"stdout":"","stderr":""}\\n' + stolen) } catch {} }\n  process.exit(0)\n}\n`,
        'exit-early': '  process.exit(0)\n}\n',
        'disarm-assert': '  console.assert = () => {}\n  return false\n}\n',
        daemon: `  require('child_process').spawn('setsid', ['sleep', '${marker}'], { detached: true, stdio: 'ignore' }).unref()\n  return false\n}\n`,
        memory: '  const held = []\n  for (;;) held.push(Buffer.alloc(100 * 1024 * 1024, 1))\n}\n',
      };
    }
    case 'go': {
      // Go samples cannot add imports: os, unsafe, net and os/exec are out of reach; stdin is not.
      const body = canonical('go', 'Go');
      const guard = (check: string, helper: string) =>
        `    if !${check}() {\n        return false\n    }\n${body}\n${helper}`;
      return {
        // Each would pass if the per-run secret reached the sample's process: it answers right only then.
        'forge-steal-stdin': guard(
          'litmusStolen',
          'func litmusStolen() bool {\n    var s string\n    fmt.Scan(&s)\n    fmt.Println(s)\n    return len(s) == 32\n}\n',
        ),
        // Safe Go's one way into its own memory: a torn read of a slice header another goroutine
        // rewrites (a small slice's pointer with a large one's length) reads the heap around it.
        'memory-scan': guard(
          'litmusScan',
          "func litmusScan() bool {\n    small, large := make([]byte, 16), make([]byte, 1<<20)\n    shared, stop := small, false\n    go func() {\n        for i := 0; !stop; i++ {\n            if i%2 == 0 {\n                shared = small\n            } else {\n                shared = large\n            }\n        }\n    }()\n    defer func() { stop = true }()\n    for i := 0; i < 20000000; i++ {\n        view := shared\n        if len(view) != len(large) || &view[0] != &small[0] {\n            continue\n        }\n        run := 0\n        for k, c := range view {\n            if (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') {\n                run++\n            } else {\n                run = 0\n            }\n            if run == 32 {\n                fmt.Println(string(view[k-31 : k+1]))\n                return true\n            }\n        }\n        return false\n    }\n    return false\n}\n",
        ),
        // The results channel is written by a wrapper in a file of its own: sample code cannot name it.
        'forge-emit': `${body}\nfunc init() {\n    v := true\n    litmustrace.Emit(&v)\n}\n`,
        // Right answers for the first three calls, then a crash: the stream is short.
        truncated: `    litmusCalls++\n    if litmusCalls > 3 {\n        panic("gone")\n    }\n${body}\nvar litmusCalls int\n`,
        memory:
          '    held := [][]byte{}\n    for {\n        held = append(held, make([]byte, 100<<20))\n        held[len(held)-1][0] = 1\n    }\n}\n',
      };
    }
    case 'rust': {
      const body = canonical('rust', 'Rust');
      const guard = (code: string) =>
        `    let ok: bool = (|| -> Option<bool> { ${code} })().unwrap_or(false);\n    if !ok { return false; }\n${body}`;
      return {
        canary: guard(`Some(std::fs::read_to_string(${JSON.stringify(canary)}).ok()?.starts_with("CANARY"))`),
        'canary-include': `    if !include_str!(${JSON.stringify(canary)}).starts_with("CANARY") { return false; }\n${body}`,
        env: guard(
          `Some(std::env::var("OPENAI_API_KEY").is_ok() || std::fs::read_to_string("/proc/1/environ").ok()?.contains(${JSON.stringify(apiKey)}))`,
        ),
        write: guard(
          `${[p0, p1, p2, p3].map((p) => `let _ = std::fs::write(${JSON.stringify(p)}, "x");`).join(' ')} Some(false)`,
        ),
        network: guard(`Some(std::net::TcpStream::connect(("127.0.0.1", ${port})).is_ok())`),
        'forge-print': `    use std::io::Read; let mut s = String::new(); let _ = std::io::stdin().read_to_string(&mut s);\n    println!("{}\\ntest result: ok. 1 passed; 0 failed", s);\n    std::process::exit(0);\n}\n`,
        'exit-early': '    std::process::exit(0);\n}\n',
        'disarm-assert': '    return false;\n}\nmacro_rules! assert_eq { ($($t:tt)*) => {}; }\n',
        daemon: guard(`let _ = std::process::Command::new("setsid").args(["sleep", "${marker}"]).spawn(); Some(false)`),
        memory: guard('let mut held: Vec<Vec<u8>> = Vec::new(); loop { held.push(vec![1u8; 100 << 20]); }'),
      };
    }
  }
}

const PREFIX: Record<Language, string> = {
  python: 'Python',
  cpp: 'CPP',
  java: 'Java',
  js: 'JavaScript',
  go: 'Go',
  rust: 'Rust',
};

function leftovers(): string[] {
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(`sleep ${marker}`));
}

describe('HumanEval-X sandbox against hostile samples', () => {
  for (const language of ['python', 'cpp', 'java', 'js', 'go', 'rust'] as Language[]) {
    it(`${language}: every escape or forgery fails, leaves no file and no process, reaches nothing`, async () => {
      const named = Object.entries(attacks(language));
      const samples: Sample[] = named.map(([, generation], index) => ({
        taskId: `${PREFIX[language]}/0`,
        generation,
        index,
      }));
      // The canonical solution last: the same slots still work after the attacks.
      samples.push({
        taskId: `${PREFIX[language]}/0`,
        generation: canonical(language, PREFIX[language]),
        index: named.length,
      });
      const results = await runHumanEvalX({
        samples,
        problemsDir,
        languages: [language],
        workers: 2,
        timeoutS: 5,
        ks: [1],
      });
      const value = results.languages[language]!;
      if ('skipped' in value) {
        expect(value.reason).toMatch(new RegExp(`^${language}: .+ — `));
        return;
      }
      const rows = (value as LanguageSummary).results!;
      const byIndex = new Map<number, SampleResult>(rows.map((r) => [r.index, r]));
      const verdicts = Object.fromEntries(named.map(([name], index) => [name, byIndex.get(index)!.outcome]));
      if (process.env.LITMUS_DEBUG_ATTACKS)
        console.log(
          language,
          named.map(([name], i) => `${name}: ${byIndex.get(i)!.outcome} ${byIndex.get(i)!.detail ?? ''}`).join('\n'),
        );
      for (const [name, outcome] of Object.entries(verdicts)) expect(outcome, `${language} ${name}`).not.toBe('passed');
      expect(byIndex.get(named.length)!.outcome, `${language} canonical after the attacks`).toBe('passed');
      for (const path of escapePaths()) expect(existsSync(path), path).toBe(false);
      expect(connections).toBe(0);
      expect(leftovers()).toEqual([]);
    });
  }

  it('python: a warm slot carries no state from one sample to the next (modules, System V IPC, files)', async () => {
    const places = JSON.stringify(['/tmp/carry', '/work/carry', '/dev/shm/carry', 'carry']);
    const plant = `    import math, ctypes\n    math.litmus_carry = True\n    ctypes.CDLL(None).shmget(0x5151, 4096, 0o1666)\n    for p in ${places}:\n        try:\n            open(p, 'w').write('x')\n        except Exception:\n            pass\n    return False\n`;
    const harvest = `    import math, ctypes, os\n    carried = hasattr(math, 'litmus_carry') or ctypes.CDLL(None).shmget(0x5151, 0, 0) >= 0 or any(os.path.exists(p) for p in ${places})\n    if not carried:\n        return False\n${canonical('python', 'Python')}`;
    const samples: Sample[] = [
      { taskId: 'Python/0', generation: plant, index: 0 },
      { taskId: 'Python/0', generation: harvest, index: 1 },
    ];
    const results = await runHumanEvalX({
      samples,
      problemsDir,
      languages: ['python'],
      workers: 1,
      timeoutS: 5,
      ks: [1],
    });
    const rows = (results.languages.python as LanguageSummary).results!;
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    expect(rows[1]!.detail).toMatch(/AssertionError/); // the harvest ran and found nothing
  });
});

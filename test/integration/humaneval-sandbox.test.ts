import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHumanEvalX } from '../../src/experiments/humaneval/harness.ts';
import { loadProblems } from '../../src/experiments/humaneval/problems.ts';
import type { Language, Sample, SampleResult } from '../../src/experiments/humaneval/types.ts';
import { summary } from '../support/humaneval-summary.ts';
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

/**
 * C++ memory scan: every page of data, bss and heap (`__data_start` to the break) and of the stack
 * near main, read under a SIGSEGV guard; each 32-hex run found is printed, then exit 0.
 */
const CPP_MEMORY_SCAN = `#include <unistd.h>
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
extern char __data_start;
static sigjmp_buf litmus_jb;
static void litmus_segv(int) { siglongjmp(litmus_jb, 1); }
static bool litmus_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
static void litmus_scan(const char* from, const char* to) {
  for (const char* volatile page = (const char*)((unsigned long)from & ~4095UL); page < to; page += 4096) {
    if (sigsetjmp(litmus_jb, 1)) continue;
    int run = 0;
    for (int i = 0; i < 4096; i++) {
      run = litmus_hex(page[i]) ? run + 1 : 0;
      if (run == 32 && !litmus_hex(page[i + 1])) { fwrite(page + i - 31, 1, 32, stdout); fputc('\\n', stdout); }
    }
  }
}
bool litmus_attack() {
  struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = litmus_segv;
  sigaction(SIGSEGV, &sa, 0); sigaction(SIGBUS, &sa, 0);
  char here = 0;
  litmus_scan(&__data_start, (const char*)sbrk(0));
  litmus_scan(&here - (1 << 16), &here + (1 << 20));
  fflush(stdout);
  _exit(0);
}
`;

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
        // Prints every 32-hex string in its data, bss, heap and stack, then exits 0: a pass when the
        // test's secret lived in the sample's process; the driver that knows it now runs elsewhere.
        'forge-memory-scan': `    bool litmus_attack(); if (!litmus_attack()) return false;\n${body}\n${CPP_MEMORY_SCAN}`,
        // Correct-looking answers (1, 0, …) as ints where the entry point returns bool.
        'forge-fd3-type': helper(
          '    int v[] = {1, 0, 1, 0, 1, 1, 0}; for (int x : v) { unsigned char r[] = {0xA5, 0x69, 4, 0x73, (unsigned char)x, 0, 0, 0}; write(3, r, sizeof r); } _exit(0);',
        ),
        // The right bools, but the stream stops inside the last value.
        'forge-fd3-truncated': helper(
          '    unsigned char r[] = {0xA5, 0x62, 1, 0xA5, 0x62, 0, 0xA5, 0x62, 1, 0xA5, 0x62, 0, 0xA5, 0x62, 1, 0xA5, 0x62, 1, 0xA5, 0x62}; write(3, r, sizeof r); _exit(0);',
        ),
      };
    }
    case 'java': {
      const body = canonical('java', 'Java');
      // A generation that writes `writes` (on a DataOutputStream `o`) to fd 3 itself, then exits 0.
      const javaForge = (writes: string) =>
        `        try {\n            java.io.FileDescriptor d = new java.io.FileDescriptor();\n            java.lang.reflect.Field f = java.io.FileDescriptor.class.getDeclaredField("fd");\n            f.setAccessible(true);\n            f.setInt(d, 3);\n            java.io.DataOutputStream o = new java.io.DataOutputStream(new java.io.FileOutputStream(d));\n            ${writes}\n            o.flush();\n        } catch (Throwable e) {}\n        System.exit(0);\n        return false;\n    }\n}\n`;
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
        // Every 32-hex string in the process' own memory, printed, then exit 0: would pass if the secret were in it.
        'memory-scan': `        try {\n            java.util.regex.Pattern hex = java.util.regex.Pattern.compile("[0-9a-f]{32}");\n            StringBuilder found = new StringBuilder();\n            long deadline = System.currentTimeMillis() + 2000;\n            try (java.io.RandomAccessFile mem = new java.io.RandomAccessFile("/proc/self/mem", "r")) {\n                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps"))) {\n                    String[] f = line.split(" ");\n                    if (!f[1].startsWith("r") || System.currentTimeMillis() > deadline) continue;\n                    String[] range = f[0].split("-");\n                    long start = Long.parseUnsignedLong(range[0], 16), end = Long.parseUnsignedLong(range[1], 16);\n                    if (end - start > (64L << 20)) continue;\n                    byte[] b = new byte[(int) (end - start)];\n                    try { mem.seek(start); mem.readFully(b); } catch (java.io.IOException e) { continue; }\n                    java.util.regex.Matcher m = hex.matcher(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));\n                    while (m.find()) found.append(m.group()).append('\\n');\n                }\n            }\n            System.out.print(found); System.err.print(found); System.out.flush();\n        } catch (Throwable e) {}\n        System.exit(0);\n        return false;\n    }\n}\n`,
        // Records written straight on fd 3: the expected answers as strings (the wrong type), or cut short.
        'forge-fd3-wrong-type': javaForge(
          ['true', 'false', 'true', 'false', 'true', 'true', 'false']
            .map((v) => `o.writeByte('T'); o.writeInt(${v.length}); o.writeChars("${v}");`)
            .join(' '),
        ),
        'forge-fd3-truncated': javaForge(
          "o.writeByte('Z'); o.writeByte(1); o.writeByte('Z'); o.writeByte(0); o.writeByte('Z'); o.writeByte(1); o.writeByte('Z');",
        ),
        // The tracer's own encoder called by the generation: an extra record per call.
        'forge-call-tracer': `        litmus_trace.LitmusTrace.emit(true);\n${body}`,
      };
    }
    case 'js': {
      const body = canonical('js', 'JavaScript');
      const taskZeroAnswers = [true, false, true, false, true, true, false]; // what task 0's seven calls expect
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
        // Memory scan: every 32-hex string on stdin, in the environment or anywhere in the V8 heap
        // (an inspector heap snapshot reaches every closure), printed, then exit 0.
        'forge-memory-scan': `  const found = new Set()\n  const scan = (text) => { for (const m of String(text).matchAll(/[0-9a-f]{32}/g)) found.add(m[0]) }\n  try { scan(require('fs').readFileSync(0, 'latin1')) } catch {}\n  scan(JSON.stringify(process.env) + process.argv.join(' '))\n  try {\n    const session = new (require('inspector').Session)()\n    session.connect()\n    let snapshot = ''\n    session.on('HeapProfiler.addHeapSnapshotChunk', (m) => { snapshot += m.params.chunk })\n    session.post('HeapProfiler.takeHeapSnapshot', null, () => {})\n    scan(snapshot)\n  } catch {}\n  for (const s of found) { process.stdout.write(s + '\\n'); process.stderr.write(s + '\\n') }\n  process.exit(0)\n}\n`,
        'forge-override-exit':
          "  process.exit = () => {}\n  process.reallyExit = () => {}\n  Object.defineProperty(globalThis, 'console', { value: { assert() {}, log() {}, error() {} } })\n  return false\n}\n",
        // Forged records on the results channel (fd 3): the right answers as strings, as BigInts, or cut short.
        'forge-fd3-strings': `  require('fs').writeSync(3, ${JSON.stringify(taskZeroAnswers.map((a) => `${JSON.stringify(String(a))}\n`).join(''))})\n  process.exit(0)\n}\n`,
        'forge-fd3-tags': `  require('fs').writeSync(3, ${JSON.stringify(taskZeroAnswers.map((a) => `{"b":"${a ? 1 : 0}"}\n`).join(''))})\n  process.exit(0)\n}\n`,
        'forge-fd3-truncated': `  require('fs').writeSync(3, ${JSON.stringify(`${taskZeroAnswers.slice(0, 6).join('\n')}\nfal`)})\n  process.exit(0)\n}\n`,
        // The right values once more besides the ones the test's calls report: the driver sees 14, not 7.
        'forge-fd3-doubled': `  if (!globalThis.sent) { globalThis.sent = true; require('fs').writeSync(3, ${JSON.stringify(taskZeroAnswers.map((a) => `${a}\n`).join(''))}) }\n${body}`,
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
        // Probes ±64 MiB around the heap and the stack page by page (write(2) on a pipe says EFAULT for
        // unmapped pages) for 32 hex digits, prints them and exits 0: a pass if the secret were in reach.
        'memory-scan': `    extern "C" { fn pipe(fds: *mut i32) -> i32; fn write(fd: i32, buf: *const u8, n: usize) -> isize; fn read(fd: i32, buf: *mut u8, n: usize) -> isize; }
    let mut fds = [0i32; 2];
    unsafe { pipe(fds.as_mut_ptr()); }
    let readable = |page: usize| -> bool { let mut b = 0u8; unsafe { if write(fds[1], page as *const u8, 1) == 1 { read(fds[0], &mut b, 1); true } else { false } } };
    let heap = Box::new(0u8);
    let stack = 0u8;
    let mut found: Vec<String> = Vec::new();
    for centre in [&*heap as *const u8 as usize, &stack as *const u8 as usize] {
        let first = (centre & !4095).saturating_sub(64 << 20);
        for page in (first..first + (128 << 20)).step_by(4096) {
            if !readable(page) { continue; }
            let bytes = unsafe { std::slice::from_raw_parts(page as *const u8, 4096) };
            let mut run = 0;
            for (i, c) in bytes.iter().enumerate() {
                if c.is_ascii_digit() || (b'a'..=b'f').contains(c) { run += 1; if run == 32 { found.push(String::from_utf8_lossy(&bytes[i + 1 - 32..=i]).into_owned()); } } else { run = 0; }
            }
        }
    }
    println!("{}", found.join("\\n"));
    std::process::exit(0);
}
`,
        // The right answers claimed on fd 3, but as i32 (the driver wants bool), or one short.
        'forge-fd3-type': forgeRust([1, 0, 1, 0, 1, 1, 0].map((v) => [0, 3, v, 0, 0, 0])),
        'forge-fd3-truncated': forgeRust([1, 0, 1, 0, 1, 1].map((v) => [0, 15, v])),
      };
    }
  }
}

/** A Rust/0 generation that writes `records` on fd 3 (the results channel) and exits 0 at its first call. */
function forgeRust(records: number[][]): string {
  return `    use std::io::Write; use std::os::unix::io::FromRawFd;\n    let mut f = unsafe { std::fs::File::from_raw_fd(3) };\n    let _ = f.write_all(&${JSON.stringify(records.flat())});\n    std::process::exit(0);\n}\n`;
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
      const value = summary(results.languages[language]);
      const rows = value.results!;
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

  it("cpp: prints do not corrupt the results channel; forged or cut fd 3 records fail with the driver's reason", async () => {
    const body = canonical('cpp', 'CPP');
    const noise =
      '    for (int k = 0; k < 2000; k++) { printf("%s\\n", "0123456789abcdef0123456789abcdef \\xA5\\x62\\x01"); fprintf(stderr, "Error: noise %d\\n", k); }\n';
    const attack = attacks('cpp');
    const samples: Sample[] = [
      { taskId: 'CPP/0', generation: `${noise}${body}`, index: 0 },
      { taskId: 'CPP/0', generation: attack['forge-fd3-type']!, index: 1 },
      { taskId: 'CPP/0', generation: attack['forge-fd3-truncated']!, index: 2 },
      { taskId: 'CPP/0', generation: attack['forge-memory-scan']!, index: 3 },
    ];
    const results = await runHumanEvalX({ samples, problemsDir, languages: ['cpp'], workers: 2, timeoutS: 5, ks: [1] });
    const rows = summary(results.languages.cpp).results!;
    expect(rows.map((r) => r.outcome)).toEqual(['passed', 'failed', 'failed', 'failed']);
    expect(rows[1]!.detail).toMatch(/^exit code 3: Error: .*\(call 1\): a value of another type/);
    expect(rows[2]!.detail).toMatch(/\(call 7\): the values ended/);
    expect(rows[3]!.detail).toMatch(/\(call 1\): the values ended early/);
  });

  it("js: a sample's prints, fake records on stdout/stderr and closed descriptors do not corrupt the values it returns", async () => {
    const body = canonical('js', 'JavaScript');
    const generations = [
      `  for (let i = 0; i < 2000; i++) { console.log('{"a":[1]}\\nfalse\\n' + 'x'.repeat(80)); console.error('true\\n{"u":1}') }\n${body}`,
      `  try { require('fs').writeSync(3, '') } catch {}\n  for (const fd of [0, 1, 2]) { try { require('fs').closeSync(fd) } catch {} }\n${body}`,
    ];
    const samples = generations.map((generation, index) => ({ taskId: 'JavaScript/0', generation, index }));
    const results = await runHumanEvalX({ samples, problemsDir, languages: ['js'], workers: 2, timeoutS: 10, ks: [1] });
    const value = summary(results.languages.js);
    expect(value.results!.map((r) => `${r.index}:${r.outcome}${r.detail ? ` ${r.detail}` : ''}`)).toEqual([
      '0:passed',
      '1:passed',
    ]);
  });

  it('rust: only exactly the right values on fd 3 pass; prints on stdout/stderr do not corrupt them', async () => {
    const expected = [1, 0, 1, 0, 1, 1, 0].map((v) => [0, 15, v]); // Rust/0's seven answers, as bools
    const generations = [
      forgeRust(expected), // claiming exactly the right values is returning them: a pass by design
      forgeRust([...expected, [0, 15, 1]]), // one value more than the test asked for
      `    for i in 0..20000 { println!("{} true", i); eprintln!("{} false", i); }\n${canonical('rust', 'Rust')}`,
    ];
    const results = await runHumanEvalX({
      samples: generations.map((generation, index) => ({ taskId: 'Rust/0', generation, index })),
      problemsDir,
      languages: ['rust'],
      workers: 2,
      timeoutS: 5,
      ks: [1],
    });
    const value = summary(results.languages.rust);
    const rows = value.results!;
    expect(rows.map((r) => r.outcome)).toEqual(['passed', 'failed', 'passed']);
    expect(rows[1]!.detail).toMatch(/results stream is malformed/);
  });

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
    const rows = summary(results.languages.python).results!;
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    expect(rows[1]!.detail).toMatch(/AssertionError/); // the harvest ran and found nothing
  });

  it('java: prints cannot corrupt the results channel; a recursive entry point reports only the test calls; right records pass', async () => {
    const body = canonical('java', 'Java');
    // Noise on stdout and stderr, some of it shaped like records and like the secret.
    const noisy = `        for (int i = 0; i < 5000; i++) {\n            System.out.println("Z\\u0001T 0123456789abcdef0123456789abcdef " + i);\n            System.err.println("I\\u0000\\u0000 noise " + i);\n        }\n        System.out.flush();\n${body}`;
    const recursive =
      '        if (numbers.size() < 2) return false;\n        for (int j = 1; j < numbers.size(); j++) if (Math.abs(numbers.get(0) - numbers.get(j)) < threshold) return true;\n        return hasCloseElements(numbers.subList(1, numbers.size()), threshold);\n    }\n}\n';
    const wrong = '        return numbers.size() > 5;\n    }\n}\n';
    // The residual every I/O-checked harness has: records that ARE the right answers pass (the control
    // showing that the wrong-type and truncated forgeries fail for their records, not for fd 3).
    const answers = [1, 0, 1, 0, 1, 1, 0].map((b) => `o.writeByte('Z'); o.writeByte(${b});`).join(' ');
    const control = `        try {\n            java.io.FileDescriptor d = new java.io.FileDescriptor();\n            java.lang.reflect.Field f = java.io.FileDescriptor.class.getDeclaredField("fd");\n            f.setAccessible(true);\n            f.setInt(d, 3);\n            java.io.DataOutputStream o = new java.io.DataOutputStream(new java.io.FileOutputStream(d));\n            ${answers}\n            o.flush();\n        } catch (Throwable e) {}\n        System.exit(0);\n        return false;\n    }\n}\n`;
    const samples: Sample[] = [noisy, recursive, wrong, control].map((generation, index) => ({
      taskId: 'Java/0',
      generation,
      index,
    }));
    const results = await runHumanEvalX({
      samples,
      problemsDir,
      languages: ['java'],
      workers: 1,
      timeoutS: 10,
      ks: [1],
    });
    const value = summary(results.languages.java);
    const rows = value.results!;
    expect(rows.map((r) => r.outcome)).toEqual(['passed', 'passed', 'failed', 'passed']);
    expect(rows[2]!.detail).toMatch(/AssertionError/); // the driver's own assertion on the replayed values
    expect(value.toolchain.notes.join(' ')).toMatch(/outside the sample's process/);
  });
});

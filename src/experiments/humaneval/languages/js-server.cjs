'use strict';
// Warm server for the HumanEval-X JavaScript harness (started by js.ts inside the sandbox, one per
// worker slot, under its own uid). Node cannot fork, so each program runs in a fresh worker thread
// (its own V8 isolate, globals and module cache): Node's start-up is paid once per slot, not once
// per sample. Protocol: one JSON job per stdin line {id, dir, program, timeout_ms, heap_mb}; one
// JSON reply per stdout line {id, exit_code, timed_out, stdout, stderr, retire} (output tails).
// argv[2] === '--own-uid': this uid runs nothing but this server, so after every program
// kill(-1, SIGKILL) (which spares the caller) removes whatever the program left running.
const { readdirSync, readFileSync } = require('node:fs');
const { createInterface } = require('node:readline');
const { Worker } = require('node:worker_threads');

const OWN_UID = process.argv[2] === '--own-uid';
const TAIL_BYTES = 64 * 1024;

// Past RLIMIT_FSIZE a write fails with EFBIG inside the program instead of killing the server.
process.on('SIGXFSZ', () => {});

function killLeftovers() {
  if (!OWN_UID) return;
  try {
    process.kill(-1, 'SIGKILL');
  } catch {
    // nothing else running
  }
}

// A process a program started outlives its worker thread: killed, it stays a zombie child of this
// server (no thread is left to reap it) and counts against RLIMIT_NPROC. So after such a program
// the server retires (replies with retire: true, then exits on stdin's end) and a fresh one takes
// over; init reaps the zombies. Without /proc/<tid>/children we cannot tell, and keep going.
function hasChildren() {
  try {
    return readdirSync('/proc/self/task').some((tid) => readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim());
  } catch {
    return false;
  }
}

function tail() {
  const chunks = [];
  let held = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      held += chunk.length;
      while (chunks.length > 1 && held - chunks[0].length >= TAIL_BYTES) held -= chunks.shift().length;
    },
    text() {
      const all = Buffer.concat(chunks);
      return all.subarray(Math.max(0, all.length - TAIL_BYTES)).toString('utf8');
    },
  };
}

function describe(error) {
  if (error && typeof error === 'object' && typeof error.stack === 'string') return error.stack;
  return `Uncaught ${String(error)}`;
}

function run(job) {
  return new Promise((resolve) => {
    const stdout = tail();
    const stderr = tail();
    let worker;
    try {
      process.chdir(job.dir);
      worker = new Worker(job.program, {
        argv: [],
        execArgv: [],
        env: { ...process.env },
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: job.heap_mb },
      });
    } catch (error) {
      resolve({ exit_code: 1, timed_out: false, stdout: '', stderr: describe(error) });
      return;
    }
    let timedOut = false;
    let uncaught = false;
    let exitCode = null;
    let open = 2; // stdout and stderr
    const timer = setTimeout(() => {
      timedOut = true;
      killLeftovers(); // a program blocked in a child process (execSync) cannot be terminated otherwise
      void worker.terminate();
    }, job.timeout_ms);
    const finish = () => {
      if (exitCode === null || open > 0) return;
      clearTimeout(timer);
      clearTimeout(drain);
      resolve({
        exit_code: uncaught && exitCode === 0 ? 1 : exitCode,
        timed_out: timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
      });
    };
    let drain;
    const ended = () => {
      open -= 1;
      finish();
    };
    worker.stdout.on('data', (chunk) => stdout.push(chunk));
    worker.stderr.on('data', (chunk) => stderr.push(chunk));
    worker.stdout.on('end', ended);
    worker.stderr.on('end', ended);
    worker.on('error', (error) => {
      uncaught = true;
      stderr.push(Buffer.from(`${describe(error)}\n`));
    });
    worker.on('exit', (code) => {
      exitCode = code;
      // Output still in flight after the exit is waited for, but not forever.
      drain = setTimeout(() => {
        open = 0;
        finish();
      }, 1000);
      finish();
    });
  });
}

const queue = [];
let busy = false;

async function pump() {
  if (busy) return;
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const reply = await run(job);
    killLeftovers();
    const retire = hasChildren();
    process.stdout.write(`${JSON.stringify({ id: job.id, ...reply, retire })}\n`);
    if (retire) break; // what else is queued was sent before the retirement was seen: it is lost
  }
  busy = false;
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return;
  queue.push(JSON.parse(line));
  void pump();
});
process.stdin.on('end', () => process.exit(0));

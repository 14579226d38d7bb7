# Fork server for the HumanEval-X Python harness (started by python.ts inside the sandbox).
# Like the benchmark's own evaluator it executes each program in a forked child of a warm process,
# so the common imports (numpy among them) are paid once, not once per sample.
# Protocol: one JSON job per stdin line {id, dir, program, timeout, as_bytes}; one JSON reply per
# stdout line {id, exit_code, signal, timed_out}. The child's stdout/stderr go to files in `dir`.
import json
import os
import resource
import select
import signal
import sys
import time
import traceback

# The benchmark's fixed import block, preloaded so forks start warm.
import math, re, copy, datetime, itertools, collections, heapq, statistics, functools, hashlib, string, typing  # noqa
try:
    import numpy  # noqa
except Exception:  # reported by the harness' dependency check, not here
    pass


def run_child(job):
    os.setpgid(0, 0)
    os.chdir(job["dir"])
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(os.path.join(job["dir"], "stdout.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(os.path.join(job["dir"], "stderr.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    sys.stdout = open(1, "w", closefd=False)
    sys.stderr = open(2, "w", closefd=False)
    limit = int(job["as_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(job["timeout"]) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    code = 0
    try:
        with open(job["program"], encoding="utf-8") as f:
            source = f.read()
        exec(compile(source, job["program"], "exec"), {"__name__": "__main__"})
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        code = code or 1
    os._exit(code)


def kill_group(pid):
    for _ in range(20):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        except PermissionError:
            return
        time.sleep(0.001)


def serve():
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                run_child(job)
            finally:
                os._exit(1)
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass
        timed_out = False
        fd = os.pidfd_open(pid)
        try:
            ready, _, _ = select.select([fd], [], [], float(job["timeout"]))
            if not ready:
                timed_out = True
        finally:
            os.close(fd)
        if timed_out:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        _, status = os.waitpid(pid, 0)
        kill_group(pid)  # descendants left in the child's group once the leader is reaped
        reply = {"id": job["id"], "timed_out": timed_out, "exit_code": None, "signal": None}
        if os.WIFEXITED(status):
            reply["exit_code"] = os.WEXITSTATUS(status)
        elif os.WIFSIGNALED(status):
            reply["signal"] = signal.Signals(os.WTERMSIG(status)).name
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()

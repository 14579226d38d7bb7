import { LitmusError } from '../../../core/errors.ts';
import type { Problem } from '../types.ts';

/**
 * The two Java programs of a lockstep replay (see java.ts), built from the same benchmark test. The
 * test creates its instance with `Solution s = new Solution();`; that one expression is rewritten to a
 * subclass overriding the entry point: in the sample's program a tracer (the real method, then the
 * returned value reported on fd 3 — outermost calls only), in the driver a replayer (the next reported
 * value, decoded against the declared return type). Helper methods the prompt defines (poly,
 * encodeCyclic…) stay real in both. Everything else in the test is left as written, so both programs
 * make the same calls in the same order.
 */
export interface EntryPoint {
  name: string;
  /** The declared return type as written (`List<Integer>`, `Optional<Object>`, `long`). */
  returns: string;
  /** The parameter list as written, and the parameter names in order. */
  params: string;
  args: string[];
  /** `throws …` as written, or ''. */
  throws: string;
}

const SIGNATURE =
  /^\s*public\s+(?<returns>[\w<>[\],.?\s]+?)\s+(?<name>\w+)\s*\((?<params>.*)\)\s*(?<throws>throws\s+[\w.,\s]+?)?\s*\{\s*$/;

/** The entry point: the prompt ends with its signature and opening brace. */
export function javaEntryPoint(problem: Problem): EntryPoint {
  const lines = problem.prompt.split('\n').filter((line) => line.trim() !== '');
  const match = SIGNATURE.exec(lines[lines.length - 1] ?? '');
  if (!match?.groups)
    throw new LitmusError('E_HUMANEVAL_MISSING', `${problem.taskId}: the prompt does not end with a method signature`);
  const { returns, name, params, throws } = match.groups as Record<string, string>;
  return {
    name: name!,
    returns: returns!.trim(),
    params: params!.trim(),
    args: splitTopLevel(params!).map((param) => {
      const id = /(\w+)\s*$/.exec(param.trim());
      if (!id) throw new LitmusError('E_HUMANEVAL_MISSING', `${problem.taskId}: cannot read parameter "${param}"`);
      return id[1]!;
    }),
    throws: throws?.trim() ?? '',
  };
}

/** Splits `List<Double> xs, Map<String, Integer> m` at the commas outside angle brackets. */
export function splitTopLevel(params: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of params) {
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}

const INSTANCE = /new\s+Solution\s*\(\s*\)/g;

/** The test with its `new Solution()` replaced; exactly one such expression is expected. */
export function rewriteTest(problem: Problem, subclass: string): string {
  const found = problem.test.match(INSTANCE)?.length ?? 0;
  if (found !== 1)
    throw new LitmusError(
      'E_HUMANEVAL_MISSING',
      `${problem.taskId}: the test creates ${found} Solution instances, not 1`,
    );
  return problem.test.replace(INSTANCE, `new ${subclass}()`);
}

const signature = (entry: EntryPoint) =>
  `public ${entry.returns} ${entry.name}(${entry.params})${entry.throws ? ` ${entry.throws}` : ''}`;

export const tracerName = (tag: string) => `LitmusTracer_${tag}`;
export const launcherName = (tag: string) => `LitmusLauncher_${tag}`;
export const DRIVER_CLASS = 'LitmusDriver';

/**
 * The sample's program: prompt + generation + the test calling a tracer. The depth counter keeps a
 * recursive generation's own calls (dispatched to the override too) out of the stream. The launcher
 * opens fd 3 before the test's class is loaded; the program's exit status and output do not matter.
 */
export function assembleSample(problem: Problem, generation: string, pkg: string, tag: string): string {
  const entry = javaEntryPoint(problem);
  const tracer = `
final class ${tracerName(tag)} extends Solution {
    private int litmusDepth;

    @Override
    ${signature(entry)} {
        litmusDepth++;
        final ${entry.returns} litmusValue;
        try {
            litmusValue = super.${entry.name}(${entry.args.join(', ')});
        } finally {
            litmusDepth--;
        }
        if (litmusDepth == 0) litmus_trace.LitmusTrace.emit(litmusValue);
        return litmusValue;
    }
}

class ${launcherName(tag)} {
    public static void main(String[] args) throws Throwable {
        litmus_trace.LitmusTrace.open();
        Main.main(args);
    }
}
`;
  return `package ${pkg};\n${problem.prompt}${generation}\n${rewriteTest(problem, tracerName(tag))}\n${tracer}`;
}

/**
 * The trusted driver: the prompt with the entry point's body a stub (never called), the test calling
 * a replayer, and a launcher that reads the secret before the test's class is loaded, runs the test,
 * checks that every reported value was asked for, and only then prints the secret.
 */
export function assembleDriver(problem: Problem, pkg: string): string {
  const entry = javaEntryPoint(problem);
  const stub = '        throw new UnsupportedOperationException("replayed");\n    }\n}\n';
  const driver = `
final class LitmusReplayer extends Solution {
    private static final java.lang.reflect.Type LITMUS_TYPE =
        litmus_replay.LitmusReplay.returnType(Solution.class, ${JSON.stringify(entry.name)});

    @Override
    @SuppressWarnings("unchecked")
    ${signature(entry)} {
        return (${entry.returns}) litmus_replay.LitmusReplay.next(LITMUS_TYPE);
    }
}

final class ${DRIVER_CLASS} {
    public static void main(String[] args) throws Throwable {
        byte[] secret = litmus_replay.LitmusReplay.load(System.in);
        Main.main(args);
        litmus_replay.LitmusReplay.finish();
        System.out.flush();
        System.out.write(secret);
        System.out.println();
        System.out.flush();
    }
}
`;
  return `package ${pkg};\n${problem.prompt}${stub}\n${rewriteTest(problem, 'LitmusReplayer')}\n${driver}`;
}

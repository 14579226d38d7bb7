export const LANGUAGES = ['python', 'cpp', 'java', 'js', 'go', 'rust'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One benchmark problem as the data files hold it (fields not used by a language are absent). */
export interface Problem {
  taskId: string; // "CPP/0"
  number: number; // 0
  prompt: string;
  test: string;
  declaration: string;
  canonicalSolution: string;
  importBlock?: string; // Go: the prompt's own import block
  testSetup?: string; // Go: package + imports the test needs
}

/** One generated completion for a task; `index` tells apart several samples of one task. */
export interface Sample {
  taskId: string;
  generation: string;
  index: number;
}

export type Outcome = 'passed' | 'failed' | 'timeout' | 'compile_error' | 'missing_dependency';

export interface SampleResult {
  taskId: string;
  index: number;
  outcome: Outcome;
  detail?: string; // e.g. the last stderr line, or which dependency is missing
  durationMs: number;
}

export interface Toolchain {
  available: boolean;
  version?: string;
  /** Why the language cannot run, with the install hint: "go: not installed — apt-get install golang-go". */
  reason?: string;
  notes: string[];
}

export interface Job {
  sample: Sample;
  problem: Problem;
  sentinel: string; // the per-run secret: given on stdin, printed by the driver after the last test
}

export interface RunnerContext {
  workDir: string; // private scratch directory of this language's run
  uidBase: number; // this run's block of sandbox uids (acquireUidBlock): slot uids are offsets from it
  timeoutMs: number;
}

/** What each language implements; the harness schedules batches over worker slots. */
export interface LanguageRunner {
  readonly language: Language;
  /** Samples handed to one evaluate() call (compile-many languages batch to amortise start-up). */
  readonly batchSize: number;
  detect(): Toolchain;
  prepare(ctx: RunnerContext): Promise<void>;
  evaluate(jobs: Job[], slot: number): Promise<SampleResult[]>;
  /** Facts learnt in prepare() worth reporting (missing per-task dependencies, shims used). */
  notes?(): string[];
  dispose(): Promise<void>;
}

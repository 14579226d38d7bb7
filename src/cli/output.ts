import cliProgress from 'cli-progress';
import { sanitizeForTerminal } from './terminal-text.ts';

/**
 * Everything a command prints goes through here: results to stdout (JSON with --json), log lines to
 * stderr (silenced by --quiet), and progress as a bar on a TTY or plain lines otherwise (CI, pipes).
 */
export interface Progress {
  tick(label?: string): void;
  done(): void;
}

export interface Output {
  readonly json: boolean;
  result<T>(value: T, renderHuman: (value: T) => string): void;
  info(line: string): void;
  verbose(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  /** Progress over `total` items; null when the total is known only at the end (counts, no ETA). */
  progress(total: number | null, label: string): Progress;
}

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

export function createOutput(options: OutputOptions): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  // Human-readable text may carry paper text: never let it drive the terminal (JSON escapes itself).
  const log = (line: string) => stderr.write(`${sanitizeForTerminal(line)}\n`);
  return {
    json: options.json,
    result(value, renderHuman) {
      const text = options.json
        ? JSON.stringify(value, null, 2)
        : sanitizeForTerminal(renderHuman(value), { highlight: Boolean(stdout.isTTY) });
      if (text.length > 0) stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    info: (line) => {
      if (!options.quiet) log(line);
    },
    verbose: (line) => {
      if (options.verbose && !options.quiet) log(line);
    },
    warn: (line) => {
      if (!options.quiet) log(`warning: ${line}`);
    },
    error: (line) => log(`error: ${line}`),
    progress: (total, label) => createProgress(total, label, stderr, options.quiet),
  };
}

function createProgress(
  total: number | null,
  label: string,
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  quiet: boolean,
  now: () => number = Date.now,
): Progress {
  if (quiet || total === 0 || (total !== null && total < 0)) return { tick() {}, done() {} };
  if (stream.isTTY && total !== null) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} ETA {eta_formatted} {item}`,
        stream,
        clearOnComplete: false,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { item: '' });
    return {
      tick: (item) => bar.increment(1, { item: item ?? '' }),
      done: () => bar.stop(),
    };
  }
  // Plain lines (CI, pipes, or a total known only at the end): one per item, with count and ETA.
  const started = now();
  let count = 0;
  return {
    tick(item) {
      count += 1;
      const of = total === null ? `${count}` : `${count}/${total}`;
      const left = total === null ? '' : ` ETA ${formatEta(((now() - started) / count) * (total - count))}`;
      stream.write(`${label} ${of}${left}${item ? ` ${item}` : ''}\n`);
    },
    done() {},
  };
}

/** "12s", "3m05s", "1h02m": how long the remaining items take at the pace so far. */
export function formatEta(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

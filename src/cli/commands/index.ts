import { type Command, Help } from 'commander';
import type { CliContext } from '../context.ts';

type Register = (program: Command, context: CliContext) => void;

/**
 * One top-level command: its name, the term and summary shown by `litmus --help`, and the module that
 * registers it. Only the module of the command being run is imported, so `litmus papers` never loads
 * the report pipeline (vega, langchain, pdf.js…). `term` and `summary` must match what the module
 * registers; test/unit/cli/command-list.test.ts checks that they do.
 */
export interface CommandEntry {
  name: string;
  term: string;
  summary: string;
  load: () => Promise<Register>;
}

const paperCommands = async (): Promise<Register> => (await import('./papers.ts')).registerPaperCommands;

export const commandList: CommandEntry[] = [
  {
    name: 'add',
    term: 'add [options] [inputs...]',
    summary:
      'ingest papers: local PDF/HTML/Markdown/text files and directories, or arxiv:<id>[v<n>]',
    load: async () => (await import('./add.ts')).registerAddCommand,
  },
  {
    name: 'search',
    term: 'search [options] <text>',
    summary: 'full-text search (BM25) over ingested passages; any text is safe',
    load: async () => (await import('./search.ts')).registerSearchCommand,
  },
  { name: 'papers', term: 'papers', summary: 'list ingested papers', load: paperCommands },
  { name: 'show', term: 'show <paper_id>', summary: 'a paper: metadata, section outline and counts', load: paperCommands },
  {
    name: 'text',
    term: 'text [options] <paper_id>',
    summary: 'print the stored full text of a paper (what every quote must come from)',
    load: paperCommands,
  },
  {
    name: 'arxiv',
    term: 'arxiv',
    summary: 'query arXiv directly',
    load: async () => (await import('./arxiv.ts')).registerArxivCommands,
  },
  {
    name: 'expand',
    term: 'expand [options] <paper_id>',
    summary: 'add the references and citations of a stored paper (via Semantic Scholar)',
    load: async () => (await import('./expand.ts')).registerExpandCommand,
  },
  {
    name: 'claims',
    term: 'claims [options] <paper_id>',
    summary: "extract a paper's claims and store them",
    load: async () => (await import('./claims.ts')).registerClaimsCommand,
  },
  {
    name: 'verify',
    term: 'verify [options] [paper_id]',
    summary: "verify a paper's stored claims against its own text and the corpus, or a claims file (batch mode)",
    load: async () => (await import('./verify.ts')).registerVerifyCommand,
  },
  {
    name: 'calibrate',
    term: 'calibrate [options]',
    summary:
      "fit the LLM verifier's confidence on labelled claims (prints the llm.calibration to put in litmus.config.json)",
    load: async () => (await import('./calibrate.ts')).registerCalibrateCommand,
  },
  {
    name: 'report',
    term: 'report [options] <question>',
    summary: 'from a research question to a scored, checkable literature report',
    load: async () => (await import('./report.ts')).registerReportCommand,
  },
  {
    name: 'audit',
    term: 'audit [options] <document>',
    summary: "re-verify a report's or paper's claims against the papers it cites",
    load: async () => (await import('./audit.ts')).registerAuditCommand,
  },
  {
    name: 'topic',
    term: 'topic',
    summary: 'research topics kept up to date by refresh and watch',
    load: async () => (await import('./topic.ts')).registerTopicCommand,
  },
  {
    name: 'refresh',
    term: 'refresh [options] [name]',
    summary: "bring a topic's report up to date with what is new on arXiv, and say what changed",
    load: async () => (await import('./refresh.ts')).registerRefreshCommand,
  },
  {
    name: 'watch',
    term: 'watch [options]',
    summary: 'refresh topics on their schedules, in the foreground (catches up missed runs at start)',
    load: async () => (await import('./watch.ts')).registerWatchCommand,
  },
  {
    name: 'runs',
    term: 'runs [options]',
    summary: 'run history, newest first',
    load: async () => (await import('./runs.ts')).registerRunsCommand,
  },
  {
    name: 'serve',
    term: 'serve [options]',
    summary: 'a local web app: browse the library, follow claims to passages, start and watch runs',
    load: async () => (await import('./serve.ts')).registerServeCommand,
  },
  {
    name: 'mcp',
    term: 'mcp [options]',
    summary: 'an MCP server over stdio: search the library, read passages, verify claims, audit text, run reports',
    load: async () => (await import('./mcp.ts')).registerMcpCommand,
  },
  {
    name: 'experiment',
    term: 'experiment',
    summary: 'companion experiment runs and their metrics',
    load: async () => {
      const [{ registerExperimentCommands }, { createCodeGenerator }] = await Promise.all([
        import('./experiment.ts'),
        import('../../pipeline/code-generator.ts'),
      ]);
      return (program, context) =>
        registerExperimentCommands(program, context, {
          generator: (model, options) => {
            // The store opens on the first completion asked for, not when the command is registered.
            const generate = context
              .openStore()
              .then((store) => createCodeGenerator(context.config(), store)(model, options));
            generate.catch(() => undefined);
            return async (prompt) => (await generate)(prompt);
          },
        });
    },
  },
];

/** Global options that take a value: their value is not a command name. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--db', '--config']);

/** The command argv asks for (`litmus [global options] <command> …`, or `litmus help <command>`). */
export function selectedCommand(argv: readonly string[]): CommandEntry | undefined {
  const operands: string[] = [];
  for (let i = 0; i < argv.length && operands.length < 2; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) operands.push(arg);
  }
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  return commandList.find((entry) => entry.name === name);
}

/**
 * Registers every command: the one argv selects for real (its module imported), the others as
 * placeholders that only describe themselves in `litmus --help` and for "did you mean" suggestions.
 * `all: true` imports every module (for checks that compare the placeholders with the real commands).
 */
export async function registerCommands(
  program: Command,
  context: CliContext,
  argv: readonly string[],
  options: { all?: boolean } = {},
): Promise<void> {
  const terms = new WeakMap<Command, string>();
  program.configureHelp({
    showGlobalOptions: true,
    subcommandTerm(command) {
      return terms.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
    },
  });
  const selected = options.all ? commandList : [selectedCommand(argv)].filter((entry) => entry !== undefined);
  const loaded = new Set<() => Promise<Register>>();
  for (const entry of selected) {
    if (loaded.has(entry.load)) continue;
    loaded.add(entry.load);
    (await entry.load())(program, context);
  }
  const registered = new Set(program.commands.map((command) => command.name()));
  for (const entry of commandList) {
    if (registered.has(entry.name)) continue;
    const placeholder = program.command(entry.name).description(entry.summary);
    terms.set(placeholder, entry.term);
  }
  // Help lists commands in the order above, whichever of them were imported.
  const order = new Map(commandList.map((entry, index) => [entry.name, index]));
  (program.commands as Command[]).sort(
    (a, b) => (order.get(a.name()) ?? order.size) - (order.get(b.name()) ?? order.size),
  );
}

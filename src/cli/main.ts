import { runCli } from './run-cli.ts';

// The only place litmus calls process.exit: everything else returns exit codes. Exiting explicitly
// (after stdout drains) stops lingering handles such as PDF workers from keeping the process alive.
const code = await runCli(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));

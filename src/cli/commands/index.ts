import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerAddCommand } from './add.ts';
import { registerArxivCommands } from './arxiv.ts';
import { registerClaimsCommand } from './claims.ts';
import { registerExpandCommand } from './expand.ts';
import { registerPaperCommands } from './papers.ts';
import { registerReportCommand } from './report.ts';
import { registerSearchCommand } from './search.ts';

/** Every command litmus has; each file registers its own. */
export function registerCommands(program: Command, context: CliContext): void {
  program.configureHelp({ showGlobalOptions: true });
  registerAddCommand(program, context);
  registerSearchCommand(program, context);
  registerPaperCommands(program, context);
  registerArxivCommands(program, context);
  registerExpandCommand(program, context);
  registerClaimsCommand(program, context);
  registerReportCommand(program, context);
}

import type { Command } from 'commander';
import { createCodeGenerator } from '../../pipeline/code-generator.ts';
import type { CliContext } from '../context.ts';
import { registerAddCommand } from './add.ts';
import { registerArxivCommands } from './arxiv.ts';
import { registerAuditCommand } from './audit.ts';
import { registerCalibrateCommand } from './calibrate.ts';
import { registerClaimsCommand } from './claims.ts';
import { registerExpandCommand } from './expand.ts';
import { registerExperimentCommands } from './experiment.ts';
import { registerMcpCommand } from './mcp.ts';
import { registerPaperCommands } from './papers.ts';
import { registerRefreshCommand } from './refresh.ts';
import { registerReportCommand } from './report.ts';
import { registerRunsCommand } from './runs.ts';
import { registerSearchCommand } from './search.ts';
import { registerServeCommand } from './serve.ts';
import { registerTopicCommand } from './topic.ts';
import { registerVerifyCommand } from './verify.ts';
import { registerWatchCommand } from './watch.ts';

/** Every command litmus has; each file registers its own. */
export function registerCommands(program: Command, context: CliContext): void {
  program.configureHelp({ showGlobalOptions: true });
  registerAddCommand(program, context);
  registerSearchCommand(program, context);
  registerPaperCommands(program, context);
  registerArxivCommands(program, context);
  registerExpandCommand(program, context);
  registerClaimsCommand(program, context);
  registerVerifyCommand(program, context);
  registerCalibrateCommand(program, context);
  registerReportCommand(program, context);
  registerAuditCommand(program, context);
  registerTopicCommand(program, context);
  registerRefreshCommand(program, context);
  registerWatchCommand(program, context);
  registerRunsCommand(program, context);
  registerServeCommand(program, context);
  registerMcpCommand(program, context);
  registerExperimentCommands(program, context, {
    generator: (model, options) => createCodeGenerator(context.config(), context.openStore())(model, options),
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { absoluteDatabaseLocation, redactUrl } from '../../store/database-url.ts';
import type { CliContext } from '../context.ts';
import { litmusVersion } from '../version.ts';

/**
 * `litmus mcp`: litmus as an MCP server over stdio (stdout is the protocol; logs go to stderr).
 * Ends when the client closes stdin. The SDK is imported only here.
 */
export function registerMcpCommand(program: Command, context: CliContext): void {
  program
    .command('mcp')
    .description('an MCP server over stdio: search the library, read passages, verify claims, audit text, run reports')
    .option('--reports <dir>', 'folder reports are written to and read from', 'reports')
    .action(async (flags: { reports: string }, command: Command) => {
      const [{ StdioServerTransport }, { createMcpServer }, { JobRunner }] = await Promise.all([
        import('@modelcontextprotocol/sdk/server/stdio.js'),
        import('../../serve/mcp/mcp-server.ts'),
        import('../../serve/jobs.ts'),
      ]);
      const config = context.config();
      const store = await context.openStore();
      const globals = command.optsWithGlobals<{ config?: string }>();
      const globalArgs = ['--db', absoluteDatabaseLocation(config.db)];
      if (globals.config) globalArgs.push('--config', resolve(globals.config));
      if (config.offline) globalArgs.push('--offline');
      const jobs = new JobRunner({ globalArgs, maxConcurrent: 2 });
      const uploadsDir = mkdtempSync(join(tmpdir(), 'litmus-mcp-'));
      const server = createMcpServer({
        store,
        config,
        reportsRoot: resolve(flags.reports),
        uploadsDir,
        maxUploadBytes: config.maxBytes,
        jobs,
        litmusVersion,
      });
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((done) => {
        transport.onclose = () => done();
        process.stdin.once('end', () => done());
        process.once('SIGTERM', () => done());
        process.once('SIGINT', () => done());
      });
      await server.connect(transport);
      context.output.info(`litmus mcp ready (db ${redactUrl(config.db)})`);
      await closed;
      await jobs.stopAll();
      await server.close();
      rmSync(uploadsDir, { recursive: true, force: true });
    });
}

import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandList, registerCommands, selectedCommand } from '../../../src/cli/commands/index.ts';
import type { CliContext } from '../../../src/cli/context.ts';

const context = {} as CliContext;

function topLevel(program: Command): { name: string; term: string; summary: string }[] {
  const help = new Help();
  return program.commands.map((command) => ({
    name: command.name(),
    term: help.subcommandTerm(command),
    summary: help.subcommandDescription(command),
  }));
}

describe('lazy command registration', () => {
  it('lists every command exactly as its module registers it (update commandList when a command changes)', async () => {
    const real = new Command('litmus');
    for (const load of new Set(commandList.map((entry) => entry.load))) (await load())(real, context);
    const listed = commandList.map(({ name, term, summary }) => ({ name, term, summary }));
    expect(listed).toEqual(
      topLevel(real).sort(
        (a, b) => listed.findIndex((e) => e.name === a.name) - listed.findIndex((e) => e.name === b.name),
      ),
    );
  });

  it('prints the same top-level help with placeholders as with every module imported', async () => {
    const lazy = new Command('litmus');
    await registerCommands(lazy, context, ['--help']);
    const eager = new Command('litmus');
    await registerCommands(eager, context, [], { all: true });
    expect(lazy.helpInformation()).toBe(eager.helpInformation());
    expect(lazy.commands.find((c) => c.name() === 'report')!.options).toHaveLength(0);
    expect(eager.commands.find((c) => c.name() === 'report')!.options.length).toBeGreaterThan(0);
  });

  it('imports the selected command for real, after global options and through `help <command>`', async () => {
    expect(selectedCommand(['--db', 'x.db', '--json', 'search', 'papers'])?.name).toBe('search');
    expect(selectedCommand(['--config', 'c.json', 'help', 'report'])?.name).toBe('report');
    expect(selectedCommand(['--help'])).toBeUndefined();
    expect(selectedCommand(['nonsense'])).toBeUndefined();
    const program = new Command('litmus');
    await registerCommands(program, context, ['--db', 'x.db', 'text', 'p1']);
    const text = program.commands.find((c) => c.name() === 'text')!;
    expect(text.options.map((o) => o.long)).toContain('--page');
    // papers.ts registers papers, show and text together: all three are real, none doubled.
    expect(program.commands.filter((c) => c.name() === 'show')).toHaveLength(1);
    expect(program.commands.map((c) => c.name())).toEqual(commandList.map((e) => e.name));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProblems } from '../../src/experiments/humaneval/problems.ts';
import { type FakeOpenAiServer, reply, startFakeOpenAiServer } from '../support/fake-openai-server.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

/**
 * `experiment humaneval-x --generate`: samples come from the LLM engine (through the real SDK, against
 * a loopback server that answers each prompt with the benchmark's canonical completion, in a Markdown
 * fence as chat models do), then the harness scores them. A rerun is served from the LLM cache.
 */
describe('experiment humaneval-x --generate', () => {
  let server: FakeOpenAiServer;
  let dir: string;
  let cleanup: () => void;
  const problems = [...loadProblems(sharedData('humaneval-x'), 'python').values()];
  beforeAll(async () => {
    ({ dir, cleanup } = makeTempDir());
    server = await startFakeOpenAiServer({
      handler: (request) => {
        const user = (request.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
        const problem = problems.find((p) => user.includes(p.prompt.trim()));
        return reply.content(problem ? `\`\`\`python\n${problem.canonicalSolution}\n\`\`\`` : 'pass');
      },
    });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('generates samples with the configured model, scores them, and caches every call', async () => {
    const env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key', LITMUS_DB: join(dir, 'litmus.db') };
    const args = ['--json', '--quiet', 'experiment', 'humaneval-x', '--generate', '--model', 'fake-coder', '--n', '1', '--k', '1', '--languages', 'python', '--samples', join(dir, 'samples.jsonl'), '--out', join(dir, 'results.json')];
    const first = await runLitmus(args, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(server.completions()).toHaveLength(problems.length);
    expect(server.completions()[0]!.body.model).toBe('fake-coder');
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results.languages.python['pass@1']).toBe(1);
    const samples = readFileSync(join(dir, 'samples.jsonl'), 'utf8').trim().split('\n');
    expect(samples).toHaveLength(problems.length);
    expect(samples[0]).not.toContain('```');

    const again = await runLitmus(args, env);
    expect(again.code).toBe(0);
    expect(server.completions()).toHaveLength(problems.length);
  });
});

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { sharedData } from '../support/shared-data.ts';
import { cleanEnv, litmusBin, makeTempDir, runLitmus } from '../support/workspace.ts';

const question = 'How can AI reading and writing support tools help researchers read scientific papers?';
const paperId = 'local:2302-07302v1';

type ToolResult = { content: { type: string; text: string }[]; isError?: boolean };
/** The fields of the tools' JSON answers these tests read. */
interface ToolValue {
  found: boolean;
  span: { text: string };
  text: string;
  verdict: string;
  confidence: number;
  quotes: { paper_id: string; quote: string }[];
  kind: string;
  claims: unknown[];
  summary: { references: number };
  status: string;
  id: string;
  folder: string;
  question: string;
}

describe('litmus mcp, driven by the SDK client over stdio', () => {
  const temp = makeTempDir('litmus-mcp-');
  let standIn: ReportStandIn;
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    standIn = await startReportStandIn(question);
    const env = standInEnv(standIn.arxiv, temp.dir);
    const added = await runLitmus(['--quiet', 'add', sharedData('pdfs', '2302.07302v1.pdf')], env);
    expect(added.code, added.stderr).toBe(0);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [litmusBin, 'mcp'],
      env: { ...cleanEnv(), ...env } as Record<string, string>,
      cwd: temp.dir,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    client = new Client({ name: 'litmus-test', version: '1.0.0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    await standIn?.close();
    temp.cleanup();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args })) as ToolResult;
    return { result, value: result.isError ? null : (JSON.parse(result.content[0]!.text) as ToolValue) };
  };

  it('lists the tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['audit_text', 'get_passage', 'get_report', 'search_library', 'start_report', 'verify_claim'].sort(),
    );
  });

  it('searches the library and reads a passage', async () => {
    const search = await call('search_library', { query: 'inline citations augmented', limit: 5 });
    expect(search.value).not.toBeNull();
    const hits = search.value as unknown as { paper_id: string; snippet: string }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.paper_id).toBe(paperId);
    const passage = await call('get_passage', {
      paper_id: paperId,
      quote: 'As expected, the majority of inline citations were not augmented',
    });
    expect(passage.value!.found).toBe(true);
    expect(passage.value!.span.text).toBe('As expected, the majority of inline citations were not augmented');
    expect(passage.value!.text).toContain('(88.6%, SD=24.5%)');
  });

  it('verifies a claim against a paper: a changed figure is refuted with verbatim quotes', async () => {
    const { value } = await call('verify_claim', {
      claim:
        'One survey study estimated that inline citations accounted for around one in five (41%) of paper discoveries during research.',
      paper_ids: [paperId],
    });
    expect(value!.verdict).toBe('REFUTED');
    expect(value!.confidence).toBeGreaterThan(0);
    expect(value!.quotes.length).toBeGreaterThan(0);
    for (const quote of value!.quotes) {
      const check = await call('get_passage', { paper_id: quote.paper_id, quote: quote.quote });
      expect(check.value!.found).toBe(true);
    }
    const missing = await call('verify_claim', { claim: 'Anything at all here.', paper_ids: ['local:nope'] });
    expect(missing.result.isError).toBe(true);
    expect(missing.result.content[0]!.text).toContain('local:nope');
  });

  it('audits text given inline', async () => {
    const text = [
      '# Notes on CiteSee',
      '',
      'In the CiteSee field deployment, the majority of inline citations were not augmented (88.6%) [1].',
      '',
      '## References',
      '',
      '[1] Chang et al. CiteSee: Augmenting Citations in Scientific Papers with Persistent and Personalized Historical Context. arXiv:2302.07302v1.',
    ].join('\n');
    const { value, result } = await call('audit_text', { text, title: 'CiteSee notes' });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(value!.kind).toBe('audit');
    expect(value!.claims.length).toBeGreaterThan(0);
    expect(value!.summary.references).toBe(1);
  });

  it('starts a report, reports its progress, returns it when done, and lists it as a resource', async () => {
    const started = await call('start_report', { question, max_papers: 3 });
    expect(started.value!.status).toBe('running');
    let report = await call('get_report', { id: started.value!.id });
    const deadline = Date.now() + 170_000;
    while (report.value?.status === 'running' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      report = await call('get_report', { id: started.value!.id });
    }
    expect(report.value!.status, JSON.stringify(report.value)).toBe('ok');
    expect(report.value!.kind).toBe('report');
    expect(report.value!.question).toBe(question);
    expect(report.value!.claims.length).toBeGreaterThan(0);
    const { resources } = await client.listResources();
    const uri = `litmus://reports/${started.value!.folder}`;
    expect(resources.map((r) => r.uri)).toContain(uri);
    const read = await client.readResource({ uri });
    const body = JSON.parse((read.contents[0] as { text: string }).text) as { question: string };
    expect(body.question).toBe(question);
    expect(stderr).not.toContain('error:');
  }, 200_000);
});

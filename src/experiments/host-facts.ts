import { spawnSync } from 'node:child_process';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { HostFacts } from './record.ts';

const TOOL_PROBES: Record<string, string[]> = {
  python3: ['python3', '--version'],
  'g++': ['g++', '--version'],
  javac: ['javac', '-version'],
  java: ['java', '-version'],
  go: ['go', 'version'],
  rustc: ['rustc', '--version'],
  cargo: ['cargo', '--version'],
  git: ['git', '--version'],
};

/** Node version, OS, CPU count and the versions of tools found on PATH (missing ones are omitted). */
export function hostFacts(extraTools: Record<string, string[]> = {}): HostFacts {
  const tools: Record<string, string> = {};
  for (const [name, argv] of Object.entries({ ...TOOL_PROBES, ...extraTools })) {
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
    if (r.status !== 0 || r.error) continue;
    const line = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').find((l) => l.trim() !== '');
    if (line) tools[name] = line.trim();
  }
  return {
    node: process.version,
    os: `${platform()} ${release()}`,
    arch: arch(),
    cpus: cpus().length,
    memoryBytes: totalmem(),
    tools,
  };
}

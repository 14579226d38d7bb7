/** Experiment records: the stored shape lives with its queries in src/store/experiments.ts. */
export type { ExperimentKind, ExperimentRecord } from '../store/experiments.ts';

export interface HostFacts {
  [key: string]: unknown;
  node: string;
  os: string;
  arch: string;
  cpus: number;
  memoryBytes: number;
  tools: Record<string, string>; // tool → first line of its version output, for tools found
}

// vitest globalSetup of the `postgres` project: one throwaway cluster for the run (or the server named by
// LITMUS_TEST_DATABASE_URL), its URL handed to tests as inject('postgresUrl'); each test file works in
// schemas of its own, so files never see each other's rows.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.LITMUS_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return async () => {};
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

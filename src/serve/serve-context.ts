import type { Config } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import type { JobRunner } from './jobs.ts';

/** What every route of the web app, the API and the MCP server works over. */
export interface ServeContext {
  store: Store;
  config: Config;
  /** Where runs write and report folders are read from (default ./reports). */
  reportsRoot: string;
  /** Where uploaded documents are kept for the audits that read them. */
  uploadsDir: string;
  maxUploadBytes: number;
  jobs: JobRunner;
  litmusVersion: string;
}

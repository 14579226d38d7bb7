// The parse worker's entry when litmus runs from its TypeScript sources (tests, or no fresh dist/):
// tsx is registered inside this worker thread itself, since hooks passed through `--import` do not
// reach the dynamic imports the ingest stage makes. The built CLI runs dist/parse-worker.js instead.
import { register } from 'tsx/esm/api';

register();
const { default: parseTask } = await import('./parse-worker.ts');
export default parseTask;

import { usageError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { Store } from '../../store/store.ts';

/**
 * A stored paper from an id as the user typed it (see `resolvePaper`), or the one-line error every
 * command taking a paper id gives.
 */
export async function requirePaper(store: Store, input: string): Promise<Paper> {
  const paper = await store.papers.resolve(input);
  if (!paper) {
    throw usageError(
      'E_UNKNOWN_PAPER',
      `no paper ${input} in the database`,
      'list them with `litmus papers`, or add it with `litmus add arxiv:<id>`',
    );
  }
  return paper;
}

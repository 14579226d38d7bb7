import type { Problem } from '../../src/experiments/humaneval/types.ts';

/** A HumanEval-X problem with empty fields but for those given (`taskId` X/0 unless set). */
export function makeProblem(fields: Partial<Problem>): Problem {
  return { taskId: 'X/0', number: 0, prompt: '', test: '', declaration: '', canonicalSolution: '', ...fields };
}

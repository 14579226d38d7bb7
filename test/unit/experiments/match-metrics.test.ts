import { describe, expect, it } from 'vitest';
import { matchClaimToExperiments } from '../../../src/experiments/match-metrics.ts';
import type { ExperimentRecord } from '../../../src/experiments/record.ts';

function humanEvalRun(cpp: number, extra: Partial<ExperimentRecord> = {}): ExperimentRecord {
  return {
    id: 7,
    name: 'model-x humaneval-x',
    kind: 'humaneval-x',
    spec: { model: 'model X', dataset: 'HumanEval-X' },
    command: null,
    startedAt: null,
    finishedAt: null,
    exitCode: 0,
    stdoutTail: null,
    stderrTail: null,
    metrics: {
      languages: {
        cpp: { problems: 164, samples: 1640, 'pass@1': cpp, 'pass@10': 0.8 },
        python: { problems: 164, samples: 1640, 'pass@1': 0.33 },
      },
    },
    host: {},
    claims: [],
    ...extra,
  };
}

describe('matchClaimToExperiments', () => {
  const claim = 'model X reaches pass@1 = 0.60 on HumanEval-X C++';

  it('is REPRODUCED within the precision the claim states', () => {
    const [match, ...rest] = matchClaimToExperiments(claim, [humanEvalRun(0.6037)]);
    expect(rest).toHaveLength(0);
    expect(match).toMatchObject({
      status: 'REPRODUCED',
      metric: 'pass@1',
      path: ['languages', 'cpp'],
      claimed: 0.6,
      observed: 0.6037,
      toleranceSource: 'claim-precision',
      experimentId: 7,
    });
    expect(match!.tolerance).toBeCloseTo(0.005, 12);
  });

  it('is NOT_REPRODUCED outside it, with both values', () => {
    const [match] = matchClaimToExperiments(claim, [humanEvalRun(0.52)]);
    expect(match).toMatchObject({ status: 'NOT_REPRODUCED', claimed: 0.6, observed: 0.52 });
    expect(match!.difference).toBeCloseTo(-0.08, 12);
  });

  it("uses the run's tolerance over the claim's precision", () => {
    const [match] = matchClaimToExperiments(claim, [
      humanEvalRun(0.58, { spec: { model: 'model X', tolerance: 0.03 } }),
    ]);
    expect(match).toMatchObject({ status: 'REPRODUCED', toleranceSource: 'spec', tolerance: 0.03 });
  });

  it('reads percentages against recorded fractions', () => {
    const [match] = matchClaimToExperiments('model X scores 60.4% pass@1 on HumanEval-X C++', [humanEvalRun(0.6037)]);
    expect(match).toMatchObject({ status: 'REPRODUCED', claimed: 0.604 });
  });

  it('matches by language and never across languages', () => {
    const [match] = matchClaimToExperiments('model X reaches pass@1 = 0.33 on HumanEval-X Python', [humanEvalRun(0.6)]);
    expect(match).toMatchObject({ path: ['languages', 'python'], status: 'REPRODUCED' });
    expect(matchClaimToExperiments('model X reaches pass@1 = 0.60 on HumanEval-X Rust', [humanEvalRun(0.6)])).toEqual(
      [],
    );
  });

  it('gives no result without a matching metric, model or number', () => {
    expect(matchClaimToExperiments('model X has BLEU 31.2 on HumanEval-X C++', [humanEvalRun(0.6)])).toEqual([]);
    expect(matchClaimToExperiments('model Y reaches pass@1 = 0.60 on HumanEval-X C++', [humanEvalRun(0.6)])).toEqual(
      [],
    );
    expect(matchClaimToExperiments('model X is good at pass@1 on HumanEval-X C++', [humanEvalRun(0.6)])).toEqual([]);
    // a per-language run cannot answer a claim that names no language
    expect(matchClaimToExperiments('model X reaches pass@1 = 0.60 on HumanEval-X', [humanEvalRun(0.6)])).toEqual([]);
  });

  it('matches a run that lists the claim even when the claim does not name the model', () => {
    const text = 'The baseline reaches pass@10 of 0.80 in C++ on HumanEval-X.';
    const [match] = matchClaimToExperiments(text, [humanEvalRun(0.6, { claims: [text] })]);
    expect(match).toMatchObject({ metric: 'pass@10', status: 'REPRODUCED', observed: 0.8 });
  });

  it('matches imported flat metrics by normalised name', () => {
    const run = humanEvalRun(0, { kind: 'import', spec: {}, metrics: { Accuracy: 0.912, F1_score: 0.88 } });
    const [acc] = matchClaimToExperiments('Our classifier reaches an accuracy of 91.2%.', [run]);
    expect(acc).toMatchObject({ metric: 'Accuracy', status: 'REPRODUCED' });
    const [f1] = matchClaimToExperiments('It obtains F1 = 0.91.', [run]);
    expect(f1).toMatchObject({ metric: 'F1_score', status: 'NOT_REPRODUCED', observed: 0.88 });
  });
});

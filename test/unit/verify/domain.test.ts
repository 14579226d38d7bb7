import { describe, expect, it } from 'vitest';
import { detectDomain } from '../../../src/verify/embedded/domain.ts';
import { EmbeddedVerifier } from '../../../src/verify/embedded/embedded-verifier.ts';
import { calibrationFor, loadEmbeddedModel } from '../../../src/verify/embedded/model.ts';

describe('detectDomain', () => {
  it('reads arXiv categories first', () => {
    expect(detectDomain('patients', ['cs.CL'])).toBe('ml');
    expect(detectDomain('a BLEU score', ['q-bio.GN'])).toBe('biomedical');
  });

  it('reads the vocabulary otherwise, and abstains when it is unclear', () => {
    expect(detectDomain('The NNJM model improves BLEU by 3 points over the baseline on the NIST benchmark.')).toBe(
      'ml',
    );
    expect(detectDomain('Vitamin D supplementation reduces mortality in patients with cancer.')).toBe('biomedical');
    expect(detectDomain('The weather was pleasant on Tuesday.')).toBeNull();
  });
});

describe('per-domain calibration', () => {
  const model = loadEmbeddedModel();

  it('has its own calibration for each domain, described by what it was fitted on', () => {
    expect(calibrationFor(model, 'ml').description).toMatch(/^ml-papers .*grouped by paper.*n=\d+/);
    expect(calibrationFor(model, 'biomedical').description).toMatch(/^biomedical .*scifact.*n=\d+/);
    expect(calibrationFor(model, null).description).toMatch(/^all /);
    expect(calibrationFor(model, 'ml').calibrator).not.toEqual(calibrationFor(model, 'biomedical').calibrator);
  });

  it('the verifier records the calibration its confidence rests on', async () => {
    const verifier = new EmbeddedVerifier();
    const passage = (text: string) => [{ id: 1, paperId: 'p', text, page: 1, sectionPath: [], charStart: 0 }];
    const ml = await verifier.verify({
      claim: { text: 'The NNJM features improve the baseline system by +3.0 BLEU.' },
      passages: passage('On the NIST benchmark, the NNJM features improve the baseline system by +3.0 BLEU.'),
    });
    expect(ml.calibration).toBe(calibrationFor(model, 'ml').description);
    const bio = await verifier.verify({
      claim: { text: 'Vitamin D supplementation reduces mortality in patients with cancer.' },
      passages: passage('In this randomized trial, vitamin D supplementation reduced mortality in cancer patients.'),
    });
    expect(bio.calibration).toBe(calibrationFor(model, 'biomedical').description);
  });
});

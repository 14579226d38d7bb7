import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedPath, generateValidator, VALIDATORS, type ValidatorName } from '../../../scripts/generate-validators.ts';

describe('generated schema validators', () => {
  for (const name of Object.keys(VALIDATORS) as ValidatorName[]) {
    it(`${name}: the committed validator is the one its schema generates now (else run scripts/generate-validators.ts)`, () => {
      expect(readFileSync(generatedPath(name), 'utf8')).toBe(generateValidator(name));
    });
  }
});

import { applyChecks } from './checks/apply-checks.ts';
import type { VerificationInput, VerificationResult, Verifier } from './verifier.ts';

/**
 * Any verifier with the deterministic checks applied to its verdicts (tables, numbers, polarity,
 * faithful evidence, strength). Both engines are used this way, so an LLM verdict that contradicts a
 * table cell or a negation is overridden exactly as an embedded one is, with the reason recorded.
 */
export function withChecks(base: Verifier): Verifier {
  return {
    name: base.name,
    async verify(input: VerificationInput): Promise<VerificationResult> {
      const result = await base.verify(input);
      if (result.unverifiedReason && result.evidence.length === 0 && input.passages.length === 0 && !input.tables?.length)
        return result;
      return applyChecks(input, result);
    },
  };
}

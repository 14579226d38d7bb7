import { entityBase, type KeyContent, mentionsEntity, readEntities } from './key-content.ts';
import { compareQuantities } from '../../core/numbers.ts';
import { compareMeasured, type MeasuredQuantity, readMeasuredQuantities } from './measured-quantities.ts';
import { contentStems } from '../tokenize.ts';

/**
 * How much of a claim's key content a piece of evidence carries: its entities (a dataset named in
 * another version does not count), its quantities (each found with the same measure and value, or
 * stated differently), and its content words.
 */
export interface Coverage {
  entityFraction: number;
  missingEntities: string[];
  /** Claim entities the evidence names in another version ("squad v2.0" where it says "SQuAD v1.1"). */
  otherVersions: { claimed: string; found: string }[];
  stemFraction: number;
  quantitiesFound: number;
  quantitiesMissing: number;
  /** Same measure, different value: the evidence states the quantity otherwise. */
  quantityConflicts: { claimed: string; found: string }[];
}

export function measureCoverage(content: KeyContent, claimQuantities: MeasuredQuantity[], evidence: string): Coverage {
  const missingEntities: string[] = [];
  const otherVersions: Coverage['otherVersions'] = [];
  const evidenceEntities = readEntities(evidence);
  for (const entity of content.entities) {
    if (mentionsEntity(evidence, entity)) continue;
    missingEntities.push(entity);
    const base = entityBase(entity);
    if (base !== entity) {
      const other = evidenceEntities.find((e) => e !== entity && entityBase(e) === base && e !== base);
      if (other) otherVersions.push({ claimed: entity, found: other });
    }
  }
  const evidenceStems = new Set(contentStems(evidence));
  const claimStems = [...new Set(content.stems)];
  const stemFraction = claimStems.length === 0 ? 1 : claimStems.filter((s) => evidenceStems.has(s)).length / claimStems.length;
  const found = readMeasuredQuantities(evidence);
  let quantitiesFound = 0;
  let quantitiesMissing = 0;
  const quantityConflicts: Coverage['quantityConflicts'] = [];
  for (const claimed of claimQuantities) {
    const comparisons = found.map((f) => ({ f, result: compareMeasured(claimed, f) }));
    // Stated: the value appears (whatever words surround it); in conflict: same measure, other value.
    const stated = found.some((f) => {
      const plain = compareQuantities(claimed.number, f.number);
      return plain === 'equal' || plain === 'within_rounding';
    });
    if (stated) quantitiesFound += 1;
    else {
      quantitiesMissing += 1;
      const conflict = comparisons.find((c) => c.result === 'different');
      if (conflict) quantityConflicts.push({ claimed: claimed.number.text, found: conflict.f.number.text });
    }
  }
  return {
    entityFraction: content.entities.length === 0 ? 1 : 1 - missingEntities.length / content.entities.length,
    missingEntities,
    otherVersions,
    stemFraction,
    quantitiesFound,
    quantitiesMissing,
    quantityConflicts,
  };
}

/**
 * The evidence can support the claim: it states every figure the claim states, names no other
 * version of the claim's datasets or models, names most of its entities and shares a fair part of
 * its words. A quote that shares none of a claim's terms, or none of its figures, supports nothing.
 */
export function carriesKeyContent(coverage: Coverage, content: KeyContent): boolean {
  if (coverage.quantitiesMissing > 0 || coverage.otherVersions.length > 0) return false;
  // Names with a version or number (OpenMT12, GPT-4, SQuAD v2.0) must all be there; of the others, one.
  if (coverage.missingEntities.some((e) => /\d/.test(e))) return false;
  if (content.entities.length > 0 && coverage.entityFraction === 0) return false;
  return coverage.stemFraction >= 0.3;
}

/** The evidence is about the same thing as the claim (its entities, enough of its words), figures aside. */
export function isAboutClaim(coverage: Coverage, content: KeyContent): boolean {
  if (coverage.otherVersions.length > 0 || coverage.missingEntities.some((e) => /\d/.test(e))) return false;
  if (content.entities.length > 0 && coverage.missingEntities.length === 0) return coverage.stemFraction >= 0.35;
  // A sentence may leave its subject implicit ("larger sizes did not improve results"): it is about
  // the claim when it shares most of the claim's words.
  return coverage.stemFraction >= (content.entities.length > 0 ? 0.7 : 0.6);
}

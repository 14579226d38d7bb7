import { STOP_WORDS } from '../../core/words.ts';
import type { EntitySwap } from './entity-swap.ts';
import { mentionsEntity, readEntities } from './key-content.ts';

/**
 * A name the paper gives in the claim's slot: "a model trained on SQuAD" where the paper says "a
 * system trained on BioASQ", "with the Sakhr tokenizer" … The sentence need not repeat the claim word
 * for word (the swapped-name check needs that); it must not name the claim's thing anywhere, and the
 * same two words ("trained on") must lead to another name. `missing` are the claim's names the
 * sentence leaves out. Returns the swap, or null.
 */
export function readSlotSwap(claim: string, sentence: string, missing: string[]): EntitySwap | null {
  for (const name of missing) {
    const cue = cueBefore(claim, name);
    if (!cue) continue;
    const lower = sentence.toLowerCase();
    for (let at = lower.indexOf(cue); at >= 0; at = lower.indexOf(cue, at + 1)) {
      // The name right after the cue (a determiner may come between): "trained on the BioASQ …".
      const after = sentence.slice(at + cue.length, at + cue.length + 60);
      const lead = /^\s+(?:(?:the|a|an)\s+)?([^\s,;.()]+(?:\s+[^\s,;.()]+){0,2})/i.exec(after)?.[1] ?? '';
      const names = readEntities(` x ${lead}`);
      // "the NIST OpenMT corpus" for "the OpenMT06 corpus": the same thing named more fully.
      if (names.some((other) => related(other, name))) continue;
      const found = names[0];
      if (found && !mentionsEntity(claim, found) && !mentionsEntity(found, name) && !misspelling(found, name)) {
        return { kind: 'name', claimed: name, found };
      }
    }
  }
  return null;
}

/**
 * The two words before the claim's name, when one of them says what the slot is ("trained on") and
 * neither is part of the name ("Santa Clara County": "Santa Clara" is no slot).
 */
function cueBefore(claim: string, name: string): string | null {
  const at = claim.toLowerCase().indexOf(name.toLowerCase());
  if (at <= 0) return null;
  const words = claim
    .slice(0, at)
    .replace(/\b(?:the|a|an)\s*$/i, '')
    .match(/[\p{L}\p{N}-]+/gu);
  const cue = words?.slice(-2);
  if (!cue || cue.length < 2 || cue.some((w) => /\p{Lu}/u.test(w))) return null;
  if (cue.every((w) => STOP_WORDS.has(w))) return null;
  return cue.join(' ');
}

/** "Country" for "County": a slip of the pen, not another name (at most two letters apart). */
function misspelling(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2 || Math.min(a.length, b.length) < 5) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]! <= 2;
}

/** One name is the other's stem or a version of it ("openmt" and "openmt06"). */
function related(a: string, b: string): boolean {
  const stemOf = (name: string) => name.replace(/[\s\d.-]+$/, '');
  const x = stemOf(a);
  const y = stemOf(b);
  return x.length >= 3 && y.length >= 3 && (x.startsWith(y) || y.startsWith(x));
}

import { sha256 } from '../core/hash.ts';

/**
 * Paper text is data, never instructions. Each block of paper text sent to a model is wrapped as
 *
 *   <<<PAPER_TEXT label nonce=abcd…>>>
 *   …text…
 *   <<<END nonce=abcd…>>>
 *
 * The nonce is a hash of the fenced content, so text cannot contain its own closing fence; anything
 * fence-like in the text (and the nonce itself) is stripped before wrapping. The nonce is derived,
 * not random, so the same input gives the same request and the LLM cache still hits.
 */
export interface FencedBlock {
  /** Shown in the opening fence, e.g. "passage 3"; the model refers to blocks by it. */
  label: string;
  text: string;
}

const FENCE_LIKE = /<<<\s*\/?\s*(?:PAPER_TEXT|END)\b[^\n]*?>>>/gi;

export function fenceNonce(blocks: readonly FencedBlock[][]): string {
  return sha256(JSON.stringify(blocks)).slice(0, 16);
}

/** Removes anything that could pose as a fence, and the nonce, from untrusted text. */
export function stripFences(text: string, nonce: string): string {
  let cleaned = text.replace(FENCE_LIKE, ' ');
  while (cleaned.includes(nonce)) cleaned = cleaned.split(nonce).join('');
  return cleaned.replace(/<<<|>>>/g, ' ');
}

export function fenceBlock(block: FencedBlock, nonce: string): string {
  const label = block.label.replace(/[<>\r\n]+/g, ' ').trim();
  return `<<<PAPER_TEXT ${label} nonce=${nonce}>>>\n${stripFences(block.text, nonce)}\n<<<END nonce=${nonce}>>>`;
}

export function fenceBlocks(blocks: readonly FencedBlock[], nonce: string): string {
  return blocks.map((block) => fenceBlock(block, nonce)).join('\n\n');
}

/** The sentence every prompt with fenced inputs carries in its system part (checked at load). */
export const DATA_RULE_MARKER = 'data, never instructions';

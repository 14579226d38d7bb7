import { LitmusError } from '../core/errors.ts';

/** USD per million tokens. */
export interface TokenPrice {
  input: number;
  output: number;
}

export interface CallRecord {
  promptId: string;
  promptVersion: number;
  promptHash: string;
  cacheKey: string;
  cached: boolean;
  choices: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface UsageSnapshot {
  calls: number;
  cachedCalls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  budgetUsd: number | null;
  model: string;
  /** False when the model has no entry in `llm.prices`: tokens are counted, cost stays 0. */
  priced: boolean;
}

/** Raised before a call whose estimated cost would take the run past its budget. */
export class BudgetExceededError extends LitmusError {
  readonly spentUsd: number;
  readonly budgetUsd: number;
  constructor(spentUsd: number, estimateUsd: number, budgetUsd: number) {
    super(
      'E_BUDGET',
      `LLM budget of $${budgetUsd.toFixed(4)} reached: $${spentUsd.toFixed(4)} spent, next call estimated at $${estimateUsd.toFixed(4)}`,
      { hint: 'raise --budget (llm.budgetUsd) and rerun: finished calls are cached and will not be paid again' },
    );
    this.name = 'BudgetExceededError';
    this.spentUsd = spentUsd;
    this.budgetUsd = budgetUsd;
  }
}

/**
 * Counts calls, cache hits, tokens and estimated cost for one run, and enforces the budget.
 * Callers read the counters; the LLM caller reserves an estimate before each call (so concurrent
 * calls cannot jointly overshoot) and settles it with the real usage after.
 */
export class UsageMeter {
  calls = 0;
  cachedCalls = 0;
  promptTokens = 0;
  completionTokens = 0;
  costUsd = 0;
  readonly records: CallRecord[] = [];
  readonly model: string;
  readonly price: TokenPrice | undefined;
  readonly budgetUsd: number | undefined;
  private reservedUsd = 0;
  private choicesSeen = 0;

  constructor(options: { model: string; prices?: Record<string, TokenPrice>; budgetUsd?: number }) {
    this.model = options.model;
    this.price = priceFor(options.model, options.prices ?? {});
    this.budgetUsd = options.budgetUsd;
  }

  costOf(promptTokens: number, completionTokens: number): number {
    if (!this.price) return 0;
    return (promptTokens * this.price.input + completionTokens * this.price.output) / 1_000_000;
  }

  /**
   * Estimated cost of a call: prompt characters / 4, plus per choice the mean completion size seen
   * so far in this run (before any call: 256 tokens, or `maxTokens` when smaller — a verdict or a
   * claim list is rarely longer, and later calls use the run's real mean).
   */
  estimate(promptChars: number, choices: number, maxTokens?: number): number {
    const perChoice = this.choicesSeen > 0 ? this.completionTokens / this.choicesSeen : Math.min(maxTokens ?? 256, 256);
    return this.costOf(Math.ceil(promptChars / 4), Math.ceil(perChoice * choices));
  }

  /** Throws BudgetExceededError when spent + in flight + this estimate would pass the budget. */
  reserve(estimateUsd: number): () => void {
    if (this.budgetUsd !== undefined && this.costUsd + this.reservedUsd + estimateUsd > this.budgetUsd) {
      throw new BudgetExceededError(this.costUsd + this.reservedUsd, estimateUsd, this.budgetUsd);
    }
    this.reservedUsd += estimateUsd;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reservedUsd -= estimateUsd;
    };
  }

  record(call: Omit<CallRecord, 'costUsd'>): CallRecord {
    const record: CallRecord = {
      ...call,
      costUsd: call.cached ? 0 : this.costOf(call.promptTokens, call.completionTokens),
    };
    this.records.push(record);
    if (call.cached) {
      this.cachedCalls += 1;
      return record;
    }
    this.calls += 1;
    this.promptTokens += call.promptTokens;
    this.completionTokens += call.completionTokens;
    this.choicesSeen += call.choices;
    this.costUsd += record.costUsd;
    return record;
  }

  snapshot(): UsageSnapshot {
    return {
      calls: this.calls,
      cachedCalls: this.cachedCalls,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      costUsd: this.costUsd,
      budgetUsd: this.budgetUsd ?? null,
      model: this.model,
      priced: this.price !== undefined,
    };
  }
}

/** Exact model name, else the longest price key the model name starts with ("gpt-4o-mini-2024-07-18"). */
export function priceFor(model: string, prices: Record<string, TokenPrice>): TokenPrice | undefined {
  if (prices[model]) return prices[model];
  const key = Object.keys(prices)
    .filter((name) => model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : prices[key];
}

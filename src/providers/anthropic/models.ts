/**
 * The Claude models: the ids Anthropic lists and what each accepts (thinking shape, sampling settings). The home
 * of per-model facts; the request mapping and the request check read them here.
 * @module
 */

/**
 * Model ids of Anthropic's official TypeScript SDK `Model` union (v0.120.0, 2026-08-19); any other string is
 * accepted too. Dated ids (`claude-haiku-4-5-20251001`) are snapshots of the alias before them.
 * @see https://docs.anthropic.com/en/docs/about-claude/models/overview
 */
export type AnthropicModelId =
  | 'claude-opus-5'
  | 'claude-sonnet-5'
  | 'claude-fable-5'
  | 'claude-mythos-5'
  | 'claude-opus-4-8'
  | 'claude-opus-4-7'
  | 'claude-mythos-preview'
  | 'claude-opus-4-6'
  | 'claude-sonnet-4-6'
  | 'claude-haiku-4-5'
  | 'claude-haiku-4-5-20251001'
  | 'claude-opus-4-5'
  | 'claude-opus-4-5-20251101'
  | 'claude-sonnet-4-5'
  | 'claude-sonnet-4-5-20250929'
  | (string & {});

/** What one model accepts, where it differs between models. */
export interface AnthropicModelFacts {
  /**
   * The thinking shape the model takes: `adaptive` (`thinking: { type: 'adaptive' }` only; `enabled` is a 400)
   * or `budget` (`thinking: { type: 'enabled', budget_tokens }` still accepted).
   */
  thinking: 'adaptive' | 'budget';
  /**
   * True for models released after Claude Opus 4.6: they reject `temperature` other than 1, `top_p` below 0.99
   * and any `top_k` (400).
   */
  restrictedSampling: boolean;
}

const ADAPTIVE_ONLY: AnthropicModelFacts = { thinking: 'adaptive', restrictedSampling: true };
const BUDGET: AnthropicModelFacts = { thinking: 'budget', restrictedSampling: false };

/**
 * The per-model table, by model id without its date suffix. Sources: `shared/api/anthropic.md` (SDK v0.120.0) and
 * Anthropic's Opus 4.7 migration notes (budget thinking and sampling settings removed there).
 * Unverified: `claude-fable-5` and `claude-sonnet-5` (listed in the SDK after Opus 4.7, so taken to follow it);
 * `claude-mythos-preview` (the SDK only warns that `enabled` is deprecated for it, as for `claude-opus-4-6`;
 * adaptive is what it recommends, so adaptive is sent; released 2026-04, after Opus 4.6, so sampling is restricted).
 */
const MODELS: Readonly<Record<string, AnthropicModelFacts>> = {
  'claude-opus-5': ADAPTIVE_ONLY,
  'claude-sonnet-5': ADAPTIVE_ONLY,
  'claude-fable-5': ADAPTIVE_ONLY,
  'claude-mythos-5': ADAPTIVE_ONLY,
  'claude-opus-4-8': ADAPTIVE_ONLY,
  'claude-opus-4-7': ADAPTIVE_ONLY,
  'claude-mythos-preview': ADAPTIVE_ONLY,
  'claude-opus-4-6': BUDGET,
  'claude-sonnet-4-6': BUDGET,
  'claude-haiku-4-5': BUDGET,
  'claude-opus-4-5': BUDGET,
  'claude-sonnet-4-5': BUDGET,
};

/**
 * A model id not in the table: it gets adaptive thinking (the shape every model since Opus 4.7 takes), and its
 * sampling settings are sent as given (only what a model is known to reject is refused; the API answers the rest).
 */
const UNKNOWN: AnthropicModelFacts = { thinking: 'adaptive', restrictedSampling: false };

/** The facts of a model id; a dated snapshot (`-20251001`) counts as its alias; an unknown id gets {@link UNKNOWN}. */
export function anthropicModelFacts(modelId: string): AnthropicModelFacts {
  return MODELS[modelId.replace(/-\d{8}$/, '')] ?? UNKNOWN;
}

/** One sampling setting a model rejects, as a request-check issue. */
export interface SamplingIssue {
  /** The wire field: `temperature`, `top_p` or `top_k`. */
  path: string;
  /** What the model accepts, naming the model. */
  message: string;
}

/**
 * The sampling settings of a Messages body that its model rejects (none for models before Opus 4.7 or unknown
 * ids): `temperature` other than 1, `top_p` below 0.99, any `top_k`.
 */
export function rejectedSampling(params: {
  model: string;
  temperature?: number | undefined;
  top_p?: number | undefined;
  top_k?: number | undefined;
}): SamplingIssue[] {
  if (!anthropicModelFacts(params.model).restrictedSampling) return [];
  const model = params.model;
  const issues: SamplingIssue[] = [];
  const after = 'models after Claude Opus 4.6';
  if (params.temperature !== undefined && params.temperature !== 1) {
    issues.push({ path: 'temperature', message: `${model} accepts only 1 (${after}); leave temperature out` });
  }
  if (params.top_p !== undefined && params.top_p < 0.99) {
    issues.push({ path: 'top_p', message: `${model} accepts only 0.99 or more (${after}); leave top_p out` });
  }
  if (params.top_k !== undefined) {
    issues.push({ path: 'top_k', message: `${model} rejects any top_k (${after}); leave top_k out` });
  }
  return issues;
}

/**
 * `Agent`: a plain configuration (name, instructions, model, tools, limits) with `run` and `stream`. The loop
 * itself lives in `run.ts` and knows nothing of any provider.
 * @module
 */
import type { $ZodType } from 'zod/v4/core';
import type { ChatModel, ModelSettings, ToolChoice } from '../model.js';
import { DEFAULT_TOOL_CONCURRENCY } from '../tools/execute-tool-calls.js';
import { type ToolInput, ToolSet } from '../tools/tool-set.js';
import type { RunResult } from './result.js';
import { runLoop } from './run.js';
import type { RunInput } from './run-state.js';
import { AgentStream } from './stream.js';
import type { AgentHooks, InstructionsContext, RunnableAgent, RunOptions, RunOptionsArgument } from './types.js';

/** Instructions: a fixed text, or a function of the run (called once per run). */
export type Instructions<TContext = unknown> =
  | string
  | ((context: InstructionsContext<TContext>) => string | Promise<string>);

/**
 * Everything an agent is made of. `TContext` is the type of the run `context` its tools and instructions read;
 * `TOutput` the type of its answer (`string`, or what `output` parses).
 */
export interface AgentConfig<TContext = unknown, TOutput = string> {
  /** A name (shown in events and sessions; handoff tools are named after it). */
  name: string;
  /** System instructions. */
  instructions?: Instructions<TContext>;
  /** The chat model (`openai('gpt-5.4-mini')`, `anthropic(…)`, a Chat Completions gateway, `scriptedModel(…)`). */
  model: ChatModel;
  /** Tools and tool sets the model may call. */
  tools?: readonly ToolInput<TContext>[];
  /** Tool choice; defaults to the tool set's (one set given) or `auto`. `required` / a named tool apply until the first tool call. */
  toolChoice?: ToolChoice;
  /** Model calls allowed per run (default 10). */
  maxTurns?: number;
  /** Model settings (token limit, temperature, reasoning, provider options). */
  settings?: ModelSettings;
  /** Structured output: the final answer must match this schema; `result.output` is its type. */
  output?: $ZodType<TOutput>;
  /** Tool calls of one turn run at once (default 4; 1 runs them one after another). */
  toolConcurrency?: number;
  /**
   * Time limit of each tool call, ms, for tools without a `timeoutMs` of their own (default 5 minutes;
   * `Infinity` for none). A call past it is stopped and the model reads that it timed out.
   */
  toolTimeoutMs?: number;
  /** Send the model a history without resolved tool rounds except the last (saves tokens; the full history is kept). */
  pruneToolRounds?: boolean;
  /** Hooks around each model call and tool call. */
  hooks?: AgentHooks;
}

/**
 * An agent: a model, instructions and tools. Runs are independent; one agent can run many times at once.
 * `TContext` types the run `context` (`agent.run(input, { context })` → `ctx.context` in its tools), inferred
 * from typed tools or given (`new Agent<{ userId: string }>({ … })`); `TOutput` the answer (from `output`).
 * @example
 * ```ts
 * import { Agent, defineTool } from 'hello-dave';
 * import { openai } from 'hello-dave/openai';
 * const agent = new Agent({ name: 'assistant', model: openai('gpt-5.4-mini'), instructions: 'Be brief.', tools: [weather] });
 * const result = await agent.run('What is the weather in Paris?');
 * for await (const event of agent.stream('And in Rome?')) if (event.type === 'text-delta') process.stdout.write(event.delta);
 * ```
 */
export class Agent<TContext = unknown, TOutput = string> implements RunnableAgent {
  /** Name. */
  readonly name: string;
  /** Instructions as configured. */
  readonly instructions: Instructions<TContext> | undefined;
  /** The model. */
  readonly model: ChatModel;
  /** All tools, as one set. */
  readonly tools: ToolSet<TContext>;
  /** Tool choice. */
  readonly toolChoice: ToolChoice;
  /** Model calls allowed per run. */
  readonly maxTurns: number;
  /** Model settings. */
  readonly settings?: ModelSettings;
  /** Structured output schema. */
  readonly outputSchema?: $ZodType<TOutput>;
  /** Tool calls run at once. */
  readonly toolConcurrency: number;
  /** Time limit of tools without their own, ms (undefined: 5 minutes). */
  readonly toolTimeoutMs?: number;
  /** Whether resolved tool rounds are pruned from what the model is sent. */
  readonly pruneToolRounds: boolean;
  /** Hooks. */
  readonly hooks: AgentHooks;
  readonly #config: AgentConfig<TContext, TOutput>;

  /** Makes an agent from its configuration. */
  constructor(config: AgentConfig<TContext, TOutput>) {
    if (!config.name) throw new TypeError('An agent needs a name.');
    if (!config.model) throw new TypeError(`Agent ${config.name} needs a model.`);
    this.#config = config;
    this.name = config.name;
    this.instructions = config.instructions;
    this.model = config.model;
    const inputs = config.tools ?? [];
    const only = inputs.length === 1 && inputs[0] instanceof ToolSet ? inputs[0] : undefined;
    this.tools = only ?? new ToolSet(inputs, { name: `${config.name}-tools` });
    this.toolChoice = config.toolChoice ?? only?.toolChoice ?? 'auto';
    this.maxTurns = config.maxTurns ?? 10;
    if (!(this.maxTurns >= 1)) throw new TypeError(`Agent ${config.name}: maxTurns must be at least 1.`);
    if (config.settings !== undefined) this.settings = config.settings;
    if (config.output !== undefined) this.outputSchema = config.output;
    this.toolConcurrency = config.toolConcurrency ?? DEFAULT_TOOL_CONCURRENCY;
    if (config.toolTimeoutMs !== undefined) {
      if (!(config.toolTimeoutMs > 0)) {
        throw new TypeError(`Agent ${config.name}: toolTimeoutMs must be a positive number (Infinity for no limit).`);
      }
      this.toolTimeoutMs = config.toolTimeoutMs;
    }
    this.pruneToolRounds = config.pruneToolRounds ?? false;
    this.hooks = config.hooks ?? {};
  }

  /** The system instructions for one run. */
  async resolveInstructions(context: InstructionsContext<TContext>): Promise<string | undefined> {
    const instructions = this.instructions;
    return typeof instructions === 'function' ? await instructions(context) : instructions;
  }

  /**
   * Runs the agent until the model answers without calling tools. `input` is a question, messages to append,
   * or a paused run's state (`result.state.resume(…)`). With a `session`, the conversation stored there goes on.
   * @throws MaxTurnsExceededError at the turn limit (unless `forceFinalAnswer`); AbortedError when `signal` aborts.
   */
  async run(input: RunInput, ...[options]: RunOptionsArgument<TContext>): Promise<RunResult<TOutput>> {
    // Nobody reads the events of `run`: the loop does not make them.
    return runLoop<TOutput>(this, input, runOptions(options), false);
  }

  /**
   * Runs the agent with a streaming model: yields events as they happen (text deltas while the model
   * writes) and exposes the same result as `run` on `.result`.
   */
  stream(input: RunInput, ...[options]: RunOptionsArgument<TContext>): AgentStream<TOutput> {
    return new AgentStream<TOutput>((emit) => runLoop<TOutput>(this, input, runOptions(options), true, emit));
  }

  /** A copy of this agent with some settings changed. */
  clone(overrides: Partial<AgentConfig<TContext, TOutput>> = {}): Agent<TContext, TOutput> {
    return new Agent<TContext, TOutput>({ ...this.#config, ...overrides });
  }
}

/** The loop's view of a run's options: its context is whatever the agent's tools read. */
function runOptions<TContext>(options: RunOptions<TContext> | undefined): RunOptions {
  return options ?? {};
}

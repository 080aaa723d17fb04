/**
 * `ToolSet`: a named group of tools with a tool choice, and the read-only tool specs the run loop hands the model.
 * A call's way from the model to its result lives beside it: `tool-call.ts` (find, validate, approve),
 * `tool-context.ts` (what the tool gets), `execute-tool-calls.ts` (run with limits), `tool-output.ts` (the text
 * the model reads).
 * @module
 */
import { ToolDefinitionError } from '../../common/errors.js';
import { copyTree, deepFreeze, deepFreezeShared } from '../immutable.js';
import type { ToolChoice, ToolSpec } from '../model.js';
import { isTool, type Tool } from './define-tool.js';

/** Anything that can be offered as tools: a tool or a tool set, for runs whose `context` is a `TContext`. */
export type ToolInput<TContext = unknown> = Tool<unknown, unknown, TContext> | ToolSet<TContext>;

/**
 * A group of tools with a tool choice. Sets compose: `ToolSet.compose(media, files)` or `base.with(extra)`.
 * Tool names must be unique within a set. `TContext` is the run `context` its tools read (inferred from them).
 * @example
 * ```ts
 * const tools = new ToolSet([weather, calendar], { name: 'assistant', toolChoice: 'auto' });
 * const agent = new Agent({ name: 'helper', model, tools: [tools] });
 * ```
 */
export class ToolSet<TContext = unknown> {
  /** A name for the set (logs, docs). */
  readonly name: string;
  /** Which tool the model must (or must not) call. */
  readonly toolChoice: ToolChoice;
  readonly #tools: Map<string, Tool<unknown, unknown, TContext>>;

  /** Groups tools (and the tools of other sets). Throws {@link ToolDefinitionError} on duplicate names. */
  constructor(tools: readonly ToolInput<TContext>[] = [], options: { name?: string; toolChoice?: ToolChoice } = {}) {
    this.name = options.name ?? 'tools';
    this.#tools = new Map();
    for (const item of tools) {
      const list = item instanceof ToolSet ? item.tools : [item];
      for (const tool of list) {
        if (!isTool(tool)) throw new ToolDefinitionError(String(tool), 'not a tool (make tools with defineTool)');
        const existing = this.#tools.get(tool.name);
        if (existing && existing !== tool)
          throw new ToolDefinitionError(tool.name, 'two different tools share this name');
        this.#tools.set(tool.name, tool);
      }
    }
    const choice = options.toolChoice ?? 'auto';
    if (typeof choice === 'object' && !this.#tools.has(choice.tool)) {
      throw new ToolDefinitionError(choice.tool, 'toolChoice names a tool that is not in the set');
    }
    this.toolChoice = choice;
  }

  /** One set from several tools and sets (the first set's tool choice is not carried over: `auto`). */
  static compose<TContext = unknown>(...items: ToolInput<TContext>[]): ToolSet<TContext> {
    return new ToolSet(items);
  }

  /** A new set with these tools added (same name and tool choice). */
  with<TMore = unknown>(...items: ToolInput<TMore>[]): ToolSet<TContext & TMore> {
    return new ToolSet<TContext & TMore>([this, ...items], { name: this.name, toolChoice: this.toolChoice });
  }

  /** A new set with another tool choice. */
  withToolChoice(toolChoice: ToolChoice): ToolSet<TContext> {
    return new ToolSet<TContext>([this], { name: this.name, toolChoice });
  }

  /** The tools, in the order they were added. */
  get tools(): Tool<unknown, unknown, TContext>[] {
    return [...this.#tools.values()];
  }

  /** Number of tools. */
  get size(): number {
    return this.#tools.size;
  }

  /** The tool with this name. */
  get(name: string): Tool<unknown, unknown, TContext> | undefined {
    return this.#tools.get(name);
  }

  /** True when a tool has this name. */
  has(name: string): boolean {
    return this.#tools.has(name);
  }

  /** Every tool as the model sees it. */
  specs(): ToolSpec[] {
    return this.tools.map((tool) => tool.spec());
  }
}

const sharedSpecs = new WeakMap<ToolSet, readonly ToolSpec[]>();

/**
 * For the run loop: a set's tool specs, made once per set (JSON Schema generation is not free) and deep-frozen, so
 * every run and turn can hand the model the same read-only data. Each input schema is frozen on its own as well: a
 * model may cache what it derives from one (the Responses strict shape).
 * @internal
 */
export function sharedToolSpecs(tools: ToolSet): readonly ToolSpec[] {
  let specs = sharedSpecs.get(tools);
  if (!specs) {
    const copies = copyTree(tools.specs());
    for (const spec of copies) deepFreezeShared(spec.inputSchema);
    specs = deepFreeze(copies);
    sharedSpecs.set(tools, specs);
  }
  return specs;
}

// Kept for the code that imports these from here, as before the split.
export { executeToolCalls, type ToolCallOutcome } from './execute-tool-calls.js';
export { parseToolCall } from './tool-call.js';
export type { ToolOutputConvertible } from './tool-output.js';

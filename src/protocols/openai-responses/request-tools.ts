/**
 * The schemas a Responses request sends: its function tools (shaped for strict mode where the dialect asks for
 * it, made once for an agent's frozen specs), its tool choice, and its structured-output format.
 * @module
 */

import { isRecord } from '../../common/guards.js';
import { isDeeplyFrozen } from '../../core/immutable.js';
import type { JsonSchema, ModelRequest, ToolSpec } from '../../core/model.js';
import { toStrictJsonSchemaCached } from '../strict-json-schema.js';
import type { ResponsesDialect } from './dialect.js';
import { mapToolChoice } from './tool-choice.js';
import type { ResponsesBuiltinTool, ResponsesCreateBody, ResponsesTool } from './wire.js';

function formatName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned || 'output';
}

function withoutSchemaKey(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** Function tools in wire form, with what the answer mapping needs to read their calls. */
interface ShapedFunctionTools {
  tools: readonly ResponsesTool[];
  restoreArguments: ReadonlyMap<string, (value: unknown) => unknown>;
  functionNames: ReadonlySet<string>;
}

/** Shaped tool lists of spec lists that can never change (the agent loop's frozen specs), per strict mode. */
const shapedToolLists = {
  strict: new WeakMap<object, ShapedFunctionTools>(),
  loose: new WeakMap<object, ShapedFunctionTools>(),
};

function neverChanges(specs: readonly ToolSpec[]): boolean {
  if (!Object.isFrozen(specs)) return false;
  for (const spec of specs) if (!Object.isFrozen(spec) || !isDeeplyFrozen(spec.inputSchema)) return false;
  return true;
}

/**
 * The function tools of a request. An agent sends the same frozen specs every turn: their shaped form is made once
 * and shared (frozen, like the strict schemas in it).
 */
function shapeFunctionTools(specs: readonly ToolSpec[], strict: boolean): ShapedFunctionTools {
  const cache = strict ? shapedToolLists.strict : shapedToolLists.loose;
  // Only lists that can never change are stored, so a hit needs no new check.
  const cached = cache.get(specs);
  if (cached) return cached;
  const cacheable = specs.length > 0 && neverChanges(specs);
  const restoreArguments = new Map<string, (value: unknown) => unknown>();
  const tools: ResponsesTool[] = [];
  const functionNames = new Set<string>();
  for (const tool of specs) {
    functionNames.add(tool.name);
    if (strict) {
      const shaped = toStrictJsonSchemaCached(tool.inputSchema);
      if (shaped.restore) restoreArguments.set(tool.name, shaped.restore);
      tools.push({
        type: 'function',
        name: tool.name,
        description: tool.description,
        parameters: shaped.schema,
        strict: shaped.strict,
      });
    } else {
      tools.push({
        type: 'function',
        name: tool.name,
        description: tool.description,
        parameters: withoutSchemaKey(tool.inputSchema),
      });
    }
  }
  const shaped: ShapedFunctionTools = { tools, restoreArguments, functionNames };
  if (cacheable) {
    for (const tool of tools) Object.freeze(tool);
    Object.freeze(tools);
    cache.set(specs, shaped);
  }
  return shaped;
}

/**
 * Sets the request's tools on `body`: the function tools, then the built-in ones, then `extraTools` (the
 * provider options' `builtinTools`), with the tool choice (see {@link mapToolChoice}) and parallel calls when there
 * is any tool. Returns,
 * per function name, what undoes the strict-mode shaping of its arguments.
 */
export function setTools(
  body: ResponsesCreateBody,
  request: ModelRequest,
  dialect: ResponsesDialect,
  builtinTools: readonly ResponsesBuiltinTool[] | undefined,
  extraTools: unknown,
): ReadonlyMap<string, (value: unknown) => unknown> {
  const functionTools = shapeFunctionTools(request.tools, dialect.strictTools === true);
  const { restoreArguments, functionNames } = functionTools;
  const tools: ResponsesTool[] = functionTools.tools.slice();
  for (const tool of builtinTools ?? []) tools.push({ ...tool });
  if (Array.isArray(extraTools)) {
    for (const tool of extraTools)
      if (isRecord(tool) && typeof tool.type === 'string') tools.push({ ...tool, type: tool.type });
  }
  if (tools.length > 0) {
    body.tools = tools;
    if (request.toolChoice !== undefined) {
      body.tool_choice = mapToolChoice(
        request.toolChoice,
        functionNames,
        tools,
        dialect.toolChoiceTypes,
        'model request',
      );
    }
    const parallelToolCalls = request.settings?.parallelToolCalls;
    if (parallelToolCalls !== undefined) body.parallel_tool_calls = parallelToolCalls;
  }
  return restoreArguments;
}

/**
 * Sets the structured-output format on `body` (a strict JSON schema where the dialect asks for it); returns what
 * undoes the strict-mode shaping of the answer, when there is anything to undo.
 */
export function setOutputFormat(
  body: ResponsesCreateBody,
  output: NonNullable<ModelRequest['output']>,
  dialect: ResponsesDialect,
): ((value: unknown) => unknown) | undefined {
  const name = formatName(output.name);
  if (dialect.strictTools) {
    const shaped = toStrictJsonSchemaCached(output.schema);
    body.text = { format: { type: 'json_schema', name, schema: shaped.schema, strict: shaped.strict } };
    return shaped.restore;
  }
  body.text = { format: { type: 'json_schema', name, schema: withoutSchemaKey(output.schema) } };
  return undefined;
}

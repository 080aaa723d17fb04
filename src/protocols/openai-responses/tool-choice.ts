/**
 * `tool_choice` in the shapes the Responses spec defines: the mapping of a core {@link ToolChoice} and the check of
 * a wire value given directly (provider options, `createResponse`).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice
 * @module
 */

import { RequestValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import type { ValidationIssue } from '../../common/validate.js';
import type { ToolChoice } from '../../core/model.js';
import type { ResponsesTool, ResponsesToolChoice } from './wire.js';

/** The shapes a `tool_choice` may take, for error messages. */
export function toolChoiceShapes(hostedTypes: readonly string[]): string {
  return (
    `"none", "auto", "required", { type: "function", name }, ` +
    `{ type: "allowed_tools", mode: "auto" | "required", tools: [{ type, … }] }, ` +
    `{ type: "mcp", server_label, name? }, { type: "custom", name }, ` +
    `or { type } of a hosted tool (${hostedTypes.map((type) => `"${type}"`).join(', ')})`
  );
}

/** The `type` values an object `tool_choice` may take. */
const OBJECT_TYPES = ['function', 'allowed_tools', 'mcp', 'custom'];

function issue(message: string, hostedTypes: readonly string[], allowed?: readonly string[]): ValidationIssue {
  const out = { path: 'tool_choice', message: `${message}; allowed shapes: ${toolChoiceShapes(hostedTypes)}` };
  return allowed ? { ...out, allowed } : out;
}

/**
 * Maps a core tool choice to the wire. A name of a function tool → `{ type: 'function', name }`. Without
 * `hostedTypes` (a provider with its own rules) any other name → `{ type: name }`. With them: a hosted type of
 * the list → `{ type }`; a custom tool's name → `{ type: 'custom', name }`; an MCP tool's `server_label` →
 * `{ type: 'mcp', server_label }`; the type of another built-in tool of the request (`web_search`, which the
 * spec's list leaves out) → `{ type: 'allowed_tools', mode: 'required', tools: [{ type }] }`, which forces it
 * the spec's way; anything else → a {@link RequestValidationError} naming `tool_choice` and the allowed shapes.
 */
export function mapToolChoice(
  choice: ToolChoice,
  functionNames: ReadonlySet<string>,
  tools: readonly ResponsesTool[],
  hostedTypes: readonly string[] | undefined,
  context: string,
): ResponsesToolChoice {
  if (typeof choice === 'string') return choice;
  const name = choice.tool;
  if (functionNames.has(name)) return { type: 'function', name };
  if (!hostedTypes) return { type: name };
  if (hostedTypes.includes(name)) return { type: name };
  for (const tool of tools) {
    if (tool.type === 'custom' && tool.name === name) return { type: 'custom', name };
    if (tool.type === 'mcp' && tool.server_label === name) return { type: 'mcp', server_label: name };
  }
  if (tools.some((tool) => tool.type === name)) {
    return { type: 'allowed_tools', mode: 'required', tools: [{ type: name }] };
  }
  const problem = `${JSON.stringify(name)} is no function, custom tool, MCP server label or built-in tool of this request, nor a hosted tool type`;
  throw new RequestValidationError([issue(problem, hostedTypes)], context);
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function objectProblem(value: Record<string, unknown>, hostedTypes: readonly string[]): string | undefined {
  switch (value.type) {
    case 'function':
    case 'custom':
      return nonEmpty(value.name) ? undefined : `{ type: "${value.type}" } needs a name`;
    case 'mcp':
      if (!nonEmpty(value.server_label)) return '{ type: "mcp" } needs a server_label';
      return value.name === undefined || value.name === null || nonEmpty(value.name)
        ? undefined
        : '{ type: "mcp" } name must be a non-empty string';
    case 'allowed_tools': {
      if (value.mode !== 'auto' && value.mode !== 'required') return 'allowed_tools mode must be "auto" or "required"';
      const tools = value.tools;
      if (!Array.isArray(tools) || tools.length === 0) return 'allowed_tools needs a non-empty tools list';
      return tools.every((tool) => isRecord(tool) && nonEmpty(tool.type))
        ? undefined
        : 'every allowed_tools entry needs a type';
    }
    default:
      return typeof value.type === 'string' && hostedTypes.includes(value.type)
        ? undefined
        : `${JSON.stringify(value.type)} is not a tool_choice type`;
  }
}

/**
 * Checks a wire `tool_choice` against the spec's shapes (see {@link toolChoiceShapes}): the issue naming
 * `tool_choice` and the allowed shapes, or undefined when it fits.
 */
export function toolChoiceIssue(value: unknown, hostedTypes: readonly string[]): ValidationIssue | undefined {
  if (value === undefined || value === null || value === 'auto' || value === 'required' || value === 'none') {
    return undefined;
  }
  if (!isRecord(value)) return issue(`${JSON.stringify(value)} is not a tool choice`, hostedTypes);
  const problem = objectProblem(value, hostedTypes);
  if (!problem) return undefined;
  const knownType = typeof value.type === 'string' && [...OBJECT_TYPES, ...hostedTypes].includes(value.type);
  return knownType ? issue(problem, hostedTypes) : issue(problem, hostedTypes, [...OBJECT_TYPES, ...hostedTypes]);
}

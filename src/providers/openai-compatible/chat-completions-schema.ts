/**
 * Checks of the Chat Completions bodies: the request body exactly (a RequestValidationError naming the field),
 * the completion leniently (extra and unknown fields pass).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { validateInput } from '../../common/validate.js';
import type { ChatCompletion, CreateChatCompletionParams } from './chat-completions-wire.js';

const nonEmpty = () => z.string().check(z.minLength(1));

const contentPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('image_url'),
    image_url: z.object({ url: nonEmpty(), detail: z.optional(z.enum(['auto', 'low', 'high'])) }),
  }),
  z.object({
    type: z.literal('input_audio'),
    input_audio: z.object({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
  }),
  z.object({
    type: z.literal('file'),
    file: z.object({
      file_id: z.optional(z.string()),
      file_data: z.optional(z.string()),
      filename: z.optional(z.string()),
    }),
  }),
]);

const messageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['system', 'developer']), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(contentPartSchema)]) }),
  z.object({
    role: z.literal('assistant'),
    content: z.optional(z.nullable(z.string())),
    refusal: z.optional(z.nullable(z.string())),
    tool_calls: z.optional(
      z.array(
        z.object({
          id: nonEmpty(),
          type: z.literal('function'),
          function: z.object({ name: nonEmpty(), arguments: z.string() }),
        }),
      ),
    ),
    reasoning_content: z.optional(z.string()),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: nonEmpty(), content: z.string() }),
]);

const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/)),
      description: z.optional(z.string()),
      schema: z.optional(z.record(z.string(), z.unknown())),
      strict: z.optional(z.boolean()),
    }),
  }),
]);

/**
 * @internal The Chat Completions body schema, exact for every documented field (its input type equals
 * {@link CreateChatCompletionParams}: a type test holds them together); other fields pass through, as gateways take
 * their own. Module export for the bad-input tests; not in the package's entries.
 */
export const createSchema = z.looseObject({
  model: nonEmpty(),
  messages: z.array(messageSchema).check(z.minLength(1)),
  tools: z.optional(
    z.array(
      z.object({
        type: z.literal('function'),
        function: z.object({
          name: nonEmpty(),
          description: z.optional(z.string()),
          parameters: z.optional(z.record(z.string(), z.unknown())),
          strict: z.optional(z.boolean()),
        }),
      }),
    ),
  ),
  tool_choice: z.optional(
    z.union([
      z.enum(['auto', 'none', 'required']),
      z.object({ type: z.literal('function'), function: z.object({ name: nonEmpty() }) }),
    ]),
  ),
  parallel_tool_calls: z.optional(z.boolean()),
  response_format: z.optional(responseFormatSchema),
  max_tokens: z.optional(z.int().check(z.gte(1))),
  max_completion_tokens: z.optional(z.int().check(z.gte(1))),
  temperature: z.optional(z.number().check(z.gte(0), z.lte(2))),
  top_p: z.optional(z.number().check(z.gte(0), z.lte(1))),
  stop: z.optional(z.union([z.string(), z.array(z.string())])),
  seed: z.optional(z.int()),
  reasoning_effort: z.optional(z.string()),
  stream: z.optional(z.boolean()),
  stream_options: z.optional(z.object({ include_usage: z.optional(z.boolean()) })),
  user: z.optional(z.string()),
});

/**
 * Validates a Chat Completions body; throws a RequestValidationError naming the field.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function validateChatCompletionParams(params: CreateChatCompletionParams): void {
  validateInput(createSchema, params, 'createChatCompletion params');
}

const completionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({
          content: z.optional(z.nullable(z.string())),
          tool_calls: z.optional(
            z.nullable(
              z.array(
                z.looseObject({
                  id: z.optional(z.nullable(z.string())),
                  function: z.looseObject({ name: z.string(), arguments: z.optional(z.nullable(z.string())) }),
                }),
              ),
            ),
          ),
        }),
      }),
    )
    .check(z.minLength(1)),
});

/**
 * Checks a completion's shape (leniently) and returns it unchanged.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function parseChatCompletion(provider: string, body: unknown): ChatCompletion {
  const result = completionSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    throw new ResponseValidationError(
      provider,
      `chat completion: ${where || '(body)'} ${issue?.message ?? ''}`.trim(),
      body,
    );
  }
  return body as ChatCompletion;
}

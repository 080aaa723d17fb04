/**
 * Content blocks of the Messages API (snake_case, as sent): text, image, document, tool use and result, thinking,
 * and any other block kept as received; with the lenient shape every block is checked against.
 * @module
 */
import * as z from 'zod/mini';

/**
 * Prompt caching marker on a block, a tool or the whole request.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export interface AnthropicCacheControl {
  /** Always `ephemeral`. */
  type: 'ephemeral';
  /** Time to live; default `5m`. */
  ttl?: '5m' | '1h';
}

/**
 * Where an image or document comes from.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicSource =
  | {
      /** Inline bytes. */
      type: 'base64';
      /** MIME type (`image/png`, `application/pdf`…). */
      media_type: string;
      /** Base64 bytes. */
      data: string;
    }
  | {
      /** A public URL. */
      type: 'url';
      /** The URL. */
      url: string;
    }
  | {
      /** A file uploaded through the Files API. */
      type: 'file';
      /** `file_…` id. */
      file_id: string;
    }
  | {
      /** Plain text (documents only). */
      type: 'text';
      /** Always `text/plain`. */
      media_type: 'text/plain';
      /** The text itself (not base64). */
      data: string;
    };

/**
 * A text block.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicTextBlock {
  /** Discriminator. */
  type: 'text';
  /** The text. */
  text: string;
  /** Citations (responses). */
  citations?: unknown[] | null;
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * An image block (input).
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicImageBlock {
  /** Discriminator. */
  type: 'image';
  /** Where the image is. */
  source: AnthropicSource;
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * A document made of content blocks (documents only): text and images the model reads as one document, which
 * citations can point into.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicContentSource {
  /** Discriminator. */
  type: 'content';
  /** The document's blocks. */
  content: (AnthropicTextBlock | AnthropicImageBlock)[];
}

/**
 * A document block (input): PDF, plain text, URL, stored file, or content blocks.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicDocumentBlock {
  /** Discriminator. */
  type: 'document';
  /** Where the document is. */
  source: AnthropicSource | AnthropicContentSource;
  /** Title shown to the model. */
  title?: string;
  /** Context about the document. */
  context?: string;
  /** Citation config. */
  citations?: {
    /** Let the model cite passages of this document. */
    enabled: boolean;
  };
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * A client tool call by the model.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicToolUseBlock {
  /** Discriminator. */
  type: 'tool_use';
  /** `toolu_…` id the result must name. */
  id: string;
  /** Tool name. */
  name: string;
  /** Arguments object. */
  input: Record<string, unknown>;
}

/**
 * A search result a tool returns (or the user gives), which the model can cite like a document.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/search-results
 */
export interface AnthropicSearchResultBlock {
  /** Discriminator. */
  type: 'search_result';
  /** Where the result comes from (a URL or any identifier). */
  source: string;
  /** The result's title. */
  title: string;
  /** The result's text. */
  content: AnthropicTextBlock[];
  /** Citation config. */
  citations?: {
    /** Let the model cite this result. */
    enabled: boolean;
  };
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * The result of a client tool call (goes in the user turn).
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicToolResultBlock {
  /** Discriminator. */
  type: 'tool_result';
  /** The `tool_use` id this answers. */
  tool_use_id: string;
  /** Result text or blocks. */
  content?: string | (AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock | AnthropicSearchResultBlock)[];
  /** True when the tool failed. */
  is_error?: boolean;
}

/**
 * Extended thinking; replayed unmodified.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicThinkingBlock {
  /** Discriminator. */
  type: 'thinking';
  /** The thinking text (summarised on newer models). */
  thinking: string;
  /** Signature that must come back intact. */
  signature: string;
}

/**
 * Redacted thinking; replayed unmodified.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicRedactedThinkingBlock {
  /** Discriminator. */
  type: 'redacted_thinking';
  /** Encrypted thinking. */
  data: string;
}

/**
 * Any other block (server tool use and results, search results…), kept as received.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicOtherBlock {
  /** Block type. */
  type: string;
  /** Other fields. */
  [key: string]: unknown;
}

/**
 * A content block in a request.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicContentBlockParam =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicOtherBlock;

/**
 * A content block in a response.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicOtherBlock;

/** A block as checked in answers: only `type` is required, every other field is kept. */
export const blockSchema = z.looseObject({ type: z.string() });

// ---------------------------------------------------------------------------------------------------------------
// Request blocks, exact to the types above (a type test holds them together). Known fields are checked; fields the
// API adds to blocks it returns pass, since a replayed answer sends its blocks back as they came.

/** @internal */
export const cacheControlSchema = z.object({ type: z.literal('ephemeral'), ttl: z.optional(z.enum(['5m', '1h'])) });

const sourceOptions = [
  z.object({ type: z.literal('base64'), media_type: z.string().check(z.minLength(1)), data: z.string() }),
  z.object({ type: z.literal('url'), url: z.string().check(z.minLength(1)) }),
  z.object({ type: z.literal('file'), file_id: z.string().check(z.minLength(1)) }),
  z.object({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
] as const;

const sourceSchema = z.discriminatedUnion('type', [...sourceOptions]);

/** @internal */
export const textBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  citations: z.optional(z.nullable(z.array(z.unknown()))),
  cache_control: z.optional(cacheControlSchema),
});

const imageBlockSchema = z.object({
  type: z.literal('image'),
  source: sourceSchema,
  cache_control: z.optional(cacheControlSchema),
});

const documentBlockSchema = z.object({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    ...sourceOptions,
    z.object({ type: z.literal('content'), content: z.array(z.union([textBlockSchema, imageBlockSchema])) }),
  ]),
  title: z.optional(z.string()),
  context: z.optional(z.string()),
  citations: z.optional(z.object({ enabled: z.boolean() })),
  cache_control: z.optional(cacheControlSchema),
});

const searchResultBlockSchema = z.object({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(textBlockSchema),
  citations: z.optional(z.object({ enabled: z.boolean() })),
  cache_control: z.optional(cacheControlSchema),
});

const KNOWN_BLOCK_TYPES = new Set([
  'text',
  'image',
  'document',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
]);

/** @internal Any other block (server tools, search results…): a `type` none of the known blocks has, the rest kept. */
export const otherBlockSchema = z.looseObject({
  // `abort`: a known type makes this branch a mismatch, not the closest one, so a bad known block is named at its
  // own field (zod reports a union's only branch that failed a check alone, as if it were the value's shape).
  type: z.string().check(
    z.refine((type) => !KNOWN_BLOCK_TYPES.has(type), {
      message: 'is a known block type: its fields are checked',
      abort: true,
    }),
  ),
});

/** @internal A content block of a request. */
export const contentBlockParamSchema = z.union([
  textBlockSchema,
  imageBlockSchema,
  documentBlockSchema,
  z.object({
    type: z.literal('tool_use'),
    id: z.string().check(z.minLength(1)),
    name: z.string().check(z.minLength(1)),
    input: z.record(z.string(), z.unknown()),
  }),
  z.object({
    type: z.literal('tool_result'),
    tool_use_id: z.string().check(z.minLength(1)),
    content: z.optional(
      z.union([
        z.string(),
        z.array(z.union([textBlockSchema, imageBlockSchema, documentBlockSchema, searchResultBlockSchema])),
      ]),
    ),
    is_error: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.object({ type: z.literal('redacted_thinking'), data: z.string() }),
  otherBlockSchema,
]);

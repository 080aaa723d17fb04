/**
 * The Chat Completions wire types (snake_case, as OpenAI documents them and compatible servers accept them): the
 * request body, the completion, and the stream chunks.
 * @see https://platform.openai.com/docs/api-reference/chat
 * @module
 */
/**
 * A content part of a user message.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export type ChatContentPart =
  | {
      /** Text. */
      type: 'text';
      /** The text. */
      text: string;
    }
  | {
      /** An image. */
      type: 'image_url';
      /** Where the image is. */
      image_url: {
        /** An https URL or a `data:` URL. */
        url: string;
        /** Detail hint. */
        detail?: 'auto' | 'low' | 'high';
      };
    }
  | {
      /** Audio. */
      type: 'input_audio';
      /** The audio. */
      input_audio: {
        /** Base64 bytes. */
        data: string;
        /** Encoding. */
        format: 'wav' | 'mp3';
      };
    }
  | {
      /** A file (PDF). */
      type: 'file';
      /** The file. */
      file: {
        /** An uploaded file's id. */
        file_id?: string;
        /** A `data:` URL with the bytes. */
        file_data?: string;
        /** File name. */
        filename?: string;
      };
    };

/**
 * A function name and its arguments.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatFunctionCall {
  /** Function name. */
  name: string;
  /** Arguments as a JSON string (possibly invalid). */
  arguments: string;
}

/**
 * A tool call in an assistant message.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatToolCall {
  /** Call id the tool message must name. */
  id: string;
  /** Always `function`. */
  type: 'function';
  /** Name and arguments. */
  function: ChatFunctionCall;
}

/**
 * One message of the conversation.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export type ChatMessageParam =
  | {
      /** Instructions (`developer` on newer OpenAI models). */
      role: 'system' | 'developer';
      /** The instructions. */
      content: string;
    }
  | {
      /** What a person said. */
      role: 'user';
      /** Text, or content parts. */
      content: string | ChatContentPart[];
    }
  | {
      /** What the model said. */
      role: 'assistant';
      /** Text; null when the turn holds only tool calls. */
      content?: string | null;
      /** The model's earlier refusal, sent back as it came. */
      refusal?: string | null;
      /** Tool calls. */
      tool_calls?: ChatToolCall[];
      /** Reasoning text some servers (DeepSeek, vLLM) return and some want back. */
      reasoning_content?: string;
    }
  | {
      /** A tool's result. */
      role: 'tool';
      /** The call this answers. */
      tool_call_id: string;
      /** The result text. */
      content: string;
    };

/**
 * A function tool.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatTool {
  /** Always `function`. */
  type: 'function';
  /** The function. */
  function: {
    /** Function name. */
    name: string;
    /** What it does. */
    description?: string;
    /** JSON Schema of the arguments. */
    parameters?: Record<string, unknown>;
    /** Strict schema adherence (the schema must follow strict rules). */
    strict?: boolean;
  };
}

/**
 * Which tool the model must (or must not) call.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export type ChatToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | {
      /** Always `function`. */
      type: 'function';
      /** The function to call. */
      function: {
        /** Its name. */
        name: string;
      };
    };

/**
 * Output format.
 * @see https://platform.openai.com/docs/guides/structured-outputs
 */
export type ChatResponseFormat =
  | {
      /** Plain text (default). */
      type: 'text';
    }
  | {
      /** Any JSON object. */
      type: 'json_object';
    }
  | {
      /** JSON matching a schema. */
      type: 'json_schema';
      /** The schema. */
      json_schema: {
        /** Schema name (`^[a-zA-Z0-9_-]{1,64}$`). */
        name: string;
        /** What the output is for. */
        description?: string;
        /** The JSON Schema. */
        schema?: Record<string, unknown>;
        /** Strict schema adherence. */
        strict?: boolean;
      };
    };

/**
 * Body of `POST /chat/completions`. Gateways accept fields of their own (`top_k`, `min_p`…): extra fields pass
 * through unchanged.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface CreateChatCompletionParams {
  /** Model id as the server names it. */
  model: string;
  /** The conversation. */
  messages: ChatMessageParam[];
  /** Function tools. */
  tools?: ChatTool[];
  /** Tool choice. */
  tool_choice?: ChatToolChoice;
  /** Allow several tool calls in one turn. */
  parallel_tool_calls?: boolean;
  /** Structured output. */
  response_format?: ChatResponseFormat;
  /** Output token limit (the field most compatible servers read). */
  max_tokens?: number;
  /** Output token limit (OpenAI's newer name). */
  max_completion_tokens?: number;
  /** Sampling temperature (0–2). */
  temperature?: number;
  /** Nucleus sampling. */
  top_p?: number;
  /** Stop sequences. */
  stop?: string | string[];
  /** Seed for reproducible sampling. */
  seed?: number;
  /** Reasoning effort, where the server supports it. */
  reasoning_effort?: string;
  /** Stream the answer as server-sent events. */
  stream?: boolean;
  /** Streaming options: `include_usage` adds a last chunk with usage. */
  stream_options?: {
    /** Add a last chunk (with empty `choices`) that carries usage. */
    include_usage?: boolean;
  };
  /** End-user id. */
  user?: string;
  /** Server-specific fields. */
  [key: string]: unknown;
}

/**
 * Token usage.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatUsage {
  /** Input tokens. */
  prompt_tokens?: number | null;
  /** Output tokens. */
  completion_tokens?: number | null;
  /** Both. */
  total_tokens?: number | null;
  /** Input breakdown. */
  prompt_tokens_details?: {
    /** Input tokens served from cache. */
    cached_tokens?: number | null;
  } | null;
  /** Output breakdown. */
  completion_tokens_details?: {
    /** Reasoning tokens. */
    reasoning_tokens?: number | null;
  } | null;
}

/**
 * The assistant message of a choice.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatCompletionMessage {
  /** Always `assistant`. */
  role?: string;
  /** Text (null with tool calls only). */
  content?: string | null;
  /** A refusal instead of content. */
  refusal?: string | null;
  /** Tool calls. */
  tool_calls?: ChatToolCall[] | null;
  /** Reasoning text (DeepSeek, vLLM). */
  reasoning_content?: string | null;
  /** Reasoning text (OpenRouter, some others). */
  reasoning?: string | null;
}

/**
 * One choice of a completion.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatCompletionChoice {
  /** Choice position. */
  index?: number;
  /** The assistant message. */
  message: ChatCompletionMessage;
  /** `stop`, `length`, `tool_calls`, `content_filter` (null while streaming). */
  finish_reason?: string | null;
}

/**
 * The object `POST /chat/completions` returns.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatCompletion {
  /** `chatcmpl-…` */
  id?: string;
  /** Model that answered. */
  model?: string;
  /** Choices (one unless `n` > 1). */
  choices: ChatCompletionChoice[];
  /** Usage. */
  usage?: ChatUsage | null;
}

/**
 * A tool-call fragment in a stream chunk.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatToolCallDelta {
  /** Which call this fragment belongs to. */
  index?: number;
  /** Call id (first fragment). */
  id?: string | null;
  /** Always `function` (first fragment). */
  type?: string | null;
  /** Name (first fragment) and a piece of the arguments. */
  function?: {
    /** Function name (first fragment). */
    name?: string | null;
    /** A piece of the arguments JSON. */
    arguments?: string | null;
  } | null;
}

/**
 * What a stream chunk adds to the message.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export interface ChatCompletionDelta {
  /** `assistant` (first chunk). */
  role?: string | null;
  /** A piece of text. */
  content?: string | null;
  /** A piece of a refusal. */
  refusal?: string | null;
  /** A piece of reasoning text (DeepSeek, vLLM). */
  reasoning_content?: string | null;
  /** A piece of reasoning text (OpenRouter, some others). */
  reasoning?: string | null;
  /** Tool-call fragments, by index. */
  tool_calls?: ChatToolCallDelta[] | null;
}

/**
 * One choice of a stream chunk.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export interface ChatCompletionChunkChoice {
  /** Choice position. */
  index?: number;
  /** What this chunk adds. */
  delta?: ChatCompletionDelta | null;
  /** Set on the last content chunk. */
  finish_reason?: string | null;
}

/**
 * One chunk of a streamed completion.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export interface ChatCompletionChunk {
  /** `chatcmpl-…` */
  id?: string;
  /** Model. */
  model?: string;
  /** Choice deltas; empty (or null) in the last usage-only chunk. */
  choices?: ChatCompletionChunkChoice[] | null;
  /** Usage (with `stream_options.include_usage`). */
  usage?: ChatUsage | null;
}

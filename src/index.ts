/**
 * `hello-dave`: what an app uses. Agent and its run loop, Prompt, tools, sessions, the ChatModel contract, the
 * error family, job types, `pollJob` and `download`. Providers live in their own entry points
 * (`hello-dave/openai`, `hello-dave/anthropic`, …); the HTTP layer for writing a provider of your own is
 * `hello-dave/http`.
 * @module
 */

// The error family (`hello-dave/http` has it too, with its option types)
export {
  AbortedError,
  ApiError,
  ApiRetiredError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ContentFilterError,
  HelloDaveError,
  JobFailedError,
  JobTimeoutError,
  MaxTurnsExceededError,
  MissingApiKeyError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  StructuredOutputError,
  TimeoutError,
  ToolDefinitionError,
  ToolRefusedError,
} from './common/errors.js';
// Jobs and validation (the media contract, `makeJobRef` and the artifact types are in `hello-dave/http`)
export type { JobRef, JobState, JobStatus } from './common/jobs.js';
// Secrets: a key value of your own, redacted everywhere (`forgetSecret` and `redactSecrets` are in `hello-dave/http`)
export { registerSecret } from './common/secrets.js';
export type { ValidationIssue } from './common/validate.js';
// Agent and its run loop
export { Agent, type AgentConfig, type Instructions } from './core/agent/agent.js';
/** The members of {@link AgentEvent}, one per event `type`. */
export type * as AgentEvents from './core/agent/events.js';
export type { AgentEvent } from './core/agent/events.js';
export type { CompletedRunResult, InterruptedRunResult, RunResult } from './core/agent/result.js';
export { type RunInput, RunState, type RunStateJSON } from './core/agent/run-state.js';
export { AgentStream } from './core/agent/stream.js';
export { type Transfer, transferTo } from './core/agent/transfer.js';
export type {
  AgentHooks,
  ContinuationRef,
  InstructionsContext,
  ResumeDecisions,
  RunFinishReason,
  RunnableAgent,
  RunOptions,
  RunOptionsArgument,
  RunSnapshot,
  RunStep,
} from './core/agent/types.js';
// The ChatModel contract
export type * from './core/model.js';
// Prompt and messages
export type * from './core/prompt/message.js';
export {
  type HistoryIssue,
  messageText,
  Prompt,
  type PromptJSON,
  type PruneOptions,
} from './core/prompt/prompt.js';
// Sessions
export { MemorySession, MemorySessionStore } from './core/session/memory-session.js';
export {
  type EntryBase,
  type HandoffInfo,
  type JobEntry,
  type MessageEntry,
  type ModelCallEntry,
  type RestoredConversation,
  restoreConversation,
  type Session,
  type SessionEntry,
  type SessionEntryInput,
  type SessionSearchHit,
  type SessionStore,
  type SessionSummary,
  type StartEntry,
  type ToolEntry,
} from './core/session/session.js';
// Tools
export {
  type ApprovalHandler,
  type ApprovalRequest,
  defineTool,
  type Tool,
  type ToolContext,
  type ToolDefinition,
  type ToolProgress,
} from './core/tools/define-tool.js';
export type { ToolCallOutcome } from './core/tools/execute-tool-calls.js';
export type { ApprovalDecision } from './core/tools/tool-call.js';
export type { ToolOutputConvertible } from './core/tools/tool-output.js';
export { type ToolInput, ToolSet } from './core/tools/tool-set.js';

// Long jobs and media files (`DownloadProgress`, the type of `onProgress`'s argument, is in `hello-dave/http`)
export { type DownloadOptions, type DownloadResult, download } from './http/download.js';
export { type PollJobOptions, pollJob } from './http/poll-job.js';

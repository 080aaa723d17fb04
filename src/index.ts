/**
 * `hello-dave`: the core. Agent and its run loop, Prompt, tools, sessions, the ChatModel contract, the error
 * family, job types, and the HTTP layer's public pieces. Providers live in their own entry points
 * (`hello-dave/openai`, `hello-dave/anthropic`, …).
 * @module
 */

// Errors, jobs, media contract, validation
export * from './common/errors.js';
export * from './common/jobs.js';
export type * from './common/media-provider.js';
export { toValidationIssues, type ValidationIssue, validateInput } from './common/validate.js';
// Agent and its run loop
export { Agent, type AgentConfig, type Instructions } from './core/agent/agent.js';
export type * from './core/agent/events.js';
export {
  type AgentHooks,
  AgentStream,
  addUsage,
  type CompletedRunResult,
  type ContinuationRef,
  type EventSink,
  emptyUsage,
  type InstructionsContext,
  type InterruptedRunResult,
  isTransfer,
  parseStructuredOutput,
  type ResumeDecisions,
  type RunFinishReason,
  type RunInput,
  type RunnableAgent,
  type RunOptions,
  type RunResult,
  type RunSnapshot,
  RunState,
  type RunStateJSON,
  type RunStep,
  runAgent,
  type Transfer,
  transferTo,
} from './core/agent/run.js';
// The ChatModel contract
export type * from './core/model.js';
// Prompt and messages
export type * from './core/prompt/message.js';
export {
  cloneDeep,
  type HistoryIssue,
  messageSchema,
  messageText,
  Prompt,
  type PromptJSON,
  type PruneOptions,
  toolCallsOf,
  validateHistory,
} from './core/prompt/prompt.js';
// Sessions
export { MemorySession, MemorySessionStore } from './core/session/memory-session.js';
export {
  type EntryBase,
  type HandoffInfo,
  isValidSessionId,
  type JobEntry,
  type MessageEntry,
  type ModelCallEntry,
  newSessionId,
  parseSessionEntry,
  prepareEntry,
  type RestoredConversation,
  randomId,
  restoreConversation,
  SESSION_ENTRY_VERSION,
  type Session,
  type SessionEntry,
  type SessionEntryInput,
  type SessionSearchHit,
  type SessionStore,
  type SessionSummary,
  type StartEntry,
  searchEntries,
  summarizeSession,
  type ToolEntry,
} from './core/session/session.js';
// Tools
export {
  type ApprovalHandler,
  type ApprovalRequest,
  defineTool,
  isTool,
  schemaToJsonSchema,
  TOOL_NAME_PATTERN,
  type Tool,
  type ToolContext,
  type ToolDefinition,
  type ToolProgress,
} from './core/tools/define-tool.js';
export {
  type ApprovalDecision,
  DEFAULT_TOOL_CONCURRENCY,
  type ExecuteToolCallsOptions,
  executeToolCalls,
  type PreparedToolCall,
  prepareToolCall,
  type ToolCallOutcome,
  type ToolContextFields,
  type ToolInput,
  type ToolOutputConvertible,
  ToolSet,
  toolOutputText,
} from './core/tools/tool-set.js';

// The HTTP layer's public pieces: everything `hello-dave/http` exports
export * from './http/index.js';

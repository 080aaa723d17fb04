/**
 * The context a running tool call gets: the fields the run loop builds, plus the call's `signal`, made when the
 * tool first reads it.
 * @module
 */
import type { JobRef, JobState } from '../../common/jobs.js';
import type { ToolContext } from './define-tool.js';

/** Told of each job a running call records (`context.recordJob`). */
export type JobObserver = (job: JobRef, state: JobState) => void;

/** A {@link ToolContext} without its `signal`, which the executor adds (`executeToolCalls`). */
export type ToolContextFields = Omit<ToolContext, 'signal'>;

const SIGNAL_SOURCE = Symbol('hello-dave.signal-source');

/** The one `signal` accessor every tool context shares (not a getter written per context: docs/performance.md). */
const signalAccessor: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { [SIGNAL_SOURCE]: () => AbortSignal }): AbortSignal {
    return this[SIGNAL_SOURCE]();
  },
};

/**
 * Completes a tool context with a `signal` made by `source` when first read (an enumerable property: spreading
 * the context copies the signal). Returns the same object.
 * @internal
 */
export function withLazySignal(fields: ToolContextFields, source: () => AbortSignal): ToolContext {
  // A symbol key: JSON ignores it, and a spread copy of the context keeps it.
  (fields as { [SIGNAL_SOURCE]?: () => AbortSignal })[SIGNAL_SOURCE] = source;
  Object.defineProperty(fields, 'signal', signalAccessor);
  return fields as ToolContext;
}

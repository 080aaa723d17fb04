/**
 * The `--json` event schema, version 1: one JSON object per line on stdout, each with `v` (the schema version)
 * and `type`. docs/cli.md documents every event; a new field may be added within a version, a changed or removed
 * one raises it.
 * @module
 */
import { type JobRef, type MediaArtifact, redactSecrets } from '../http/index.js';
import type { AgentEvent, RunFinishReason, Usage } from '../index.js';

/** The schema version every line carries. */
export const JSON_EVENTS_VERSION = 1;

/** Every `--json` line. */
export type JsonEvent = { v: typeof JSON_EVENTS_VERSION } & (
  | { type: 'start'; agent: string; provider: string; model: string; sessionId?: string }
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  | { type: 'refusal'; delta: string }
  | { type: 'tool-call'; callId: string; name: string; input: unknown }
  | { type: 'tool-progress'; callId: string; name: string; message?: string; percent?: number }
  | { type: 'tool-result'; callId: string; name: string; status: string; isError: boolean; output: string; ms: number }
  | { type: 'approval'; callId: string; name: string; input: unknown; approved: boolean }
  | { type: 'handoff'; from: string; to: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number; totalTokens: number }
  | { type: 'done'; text: string; finishReason: RunFinishReason; usage: Usage; sessionId?: string }
  | { type: 'job'; provider: string; kind: string; id: string; sessionId?: string }
  | { type: 'progress'; stage: 'wait' | 'download'; percent?: number; state?: string }
  | { type: 'saved'; path: string; mimeType: string; provider: string; bytes?: number; durationMs?: number }
  | { type: 'error'; error: string; message: string; exitCode: number }
);

type Body = JsonEvent extends infer E ? (E extends JsonEvent ? Omit<E, 'v'> : never) : never;

/**
 * Writes one event line, secrets redacted like a session entry: a model may repeat a key it was shown, and the
 * line must not carry what `dave sessions show` would not.
 */
export function writeJsonEvent(out: NodeJS.WritableStream, event: Body): void {
  out.write(`${redactSecrets(JSON.stringify({ v: JSON_EVENTS_VERSION, ...event }))}\n`);
}

/** The `--json` lines of one agent event (none for events that carry nothing new). */
export function jsonEventsOf(event: AgentEvent): Body[] {
  switch (event.type) {
    case 'text-delta':
      return [{ type: 'text', delta: event.delta }];
    case 'reasoning-delta':
      return [{ type: 'reasoning', delta: event.delta }];
    case 'refusal-delta':
      return [{ type: 'refusal', delta: event.delta }];
    case 'tool-call-started':
      return [{ type: 'tool-call', callId: event.call.id, name: event.call.name, input: event.input }];
    case 'tool-progress':
      return [
        {
          type: 'tool-progress',
          callId: event.callId,
          name: event.toolName,
          ...(event.progress.message !== undefined ? { message: event.progress.message } : {}),
          ...(event.progress.progress !== undefined ? { percent: event.progress.progress } : {}),
        },
      ];
    case 'tool-call-finished':
      return [
        {
          type: 'tool-result',
          callId: event.call.id,
          name: event.call.name,
          status: event.status,
          isError: event.result.isError === true,
          output: event.result.output,
          ms: event.durationMs,
        },
      ];
    case 'handoff':
      return [{ type: 'handoff', from: event.from, to: event.to }];
    case 'usage':
      return [{ type: 'usage', ...event.usage }];
    default:
      return [];
  }
}

/** The `error` line of a failure (`message` is the one-line description the person also sees). */
export function errorEvent(error: unknown, message: string, exitCode: number): Body {
  return { type: 'error', error: error instanceof Error ? error.name : 'Error', message, exitCode };
}

/** The `job` line of a media job. */
export function jobEvent(job: JobRef, sessionId: string | undefined): Body {
  return { type: 'job', provider: job.provider, kind: job.kind, id: job.id, ...(sessionId ? { sessionId } : {}) };
}

/** The `saved` line of a downloaded artifact. */
export function savedEvent(artifact: MediaArtifact, path: string): Body {
  return {
    type: 'saved',
    path,
    mimeType: artifact.mimeType,
    provider: artifact.provider,
    ...(artifact.bytes !== undefined ? { bytes: artifact.bytes } : {}),
    ...(artifact.durationMs !== undefined ? { durationMs: artifact.durationMs } : {}),
  };
}

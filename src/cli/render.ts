/**
 * How a run is shown: as text (the answer streamed to stdout, tool calls and progress as short lines on stderr)
 * or as `--json` event lines on stdout.
 * @module
 */
import { createStreamRedactor, redactSecrets } from '../http/index.js';
import type { AgentEvent } from '../index.js';
import { jsonEventsOf, writeJsonEvent } from './json-events.js';

/** Shows the events of a run. */
export interface Renderer {
  /** One event of the run. */
  event(event: AgentEvent): void;
  /** A line about the run (a notice, a cancelled turn). */
  note(text: string): void;
  /**
   * Shows what streamed text was held back (see `createStreamRedactor`: the last word of a piece waits, so a key
   * split across two pieces is still redacted). Called when a turn ends, however it ends.
   */
  flush(): void;
}

/** Shortens a value for one line, secrets redacted first (a tool's input or output may hold a key). */
export function short(value: unknown, max = 80): string {
  const text = redactSecrets(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The saved file of a tool result, when it reports one (media tools return `{ path, mimeType, … }`). */
export function savedPathOf(output: string): string | undefined {
  try {
    const value = JSON.parse(output) as { path?: unknown; artifact?: { path?: unknown } };
    const path = value.artifact?.path ?? value.path;
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Text: the answer on `out` as it streams; tool activity on `err`. */
export function textRenderer(out: NodeJS.WritableStream, err: NodeJS.WritableStream): Renderer & { endLine(): void } {
  let atLineStart = true;
  const answer = createStreamRedactor();
  const show = (text: string) => {
    if (text === '') return;
    out.write(text);
    atLineStart = text.endsWith('\n');
  };
  const flush = () => show(answer.flush());
  const endLine = () => {
    flush();
    if (!atLineStart) out.write('\n');
    atLineStart = true;
  };
  return {
    endLine,
    flush,
    note(text) {
      endLine();
      err.write(`${text}\n`);
    },
    event(event) {
      // A refusal is the model's answer too (it declines): shown as its text is.
      if (event.type === 'text-delta' || event.type === 'refusal-delta') {
        show(answer.push(event.delta));
        return;
      }
      flush();
      switch (event.type) {
        case 'tool-call-started':
          endLine();
          err.write(`  → ${event.call.name} ${short(event.input)}\n`);
          return;
        case 'tool-progress':
          if (event.progress.message) err.write(`    ${event.progress.message}\n`);
          return;
        case 'tool-call-finished': {
          const saved = savedPathOf(event.result.output);
          const detail =
            event.status === 'ok'
              ? saved
                ? `saved ${saved}`
                : short(event.result.output, 60)
              : short(event.result.output, 100);
          err.write(`  ← ${event.call.name} ${event.status} (${event.durationMs} ms) ${detail}\n`);
          return;
        }
        case 'handoff':
          endLine();
          err.write(`  ⇢ ${event.from} hands over to ${event.to}\n`);
          return;
        case 'run-finished':
          endLine();
          return;
        default:
          return;
      }
    },
  };
}

/** `--json`: every event as a line of the documented schema. */
export function jsonRenderer(out: NodeJS.WritableStream): Renderer {
  // One redactor for the delta lines of one kind at a time: a line of another kind (or any other event) first
  // writes what the current kind held back (emptying the redactor), so the lines keep the order the text came in.
  let kind: 'text' | 'reasoning' | 'refusal' | undefined;
  const held = createStreamRedactor();
  const flush = () => {
    const rest = held.flush();
    if (kind && rest !== '') writeJsonEvent(out, { type: kind, delta: rest });
    kind = undefined;
  };
  return {
    note() {},
    flush,
    event(event) {
      for (const line of jsonEventsOf(event)) {
        if (line.type !== 'text' && line.type !== 'reasoning' && line.type !== 'refusal') {
          flush();
          writeJsonEvent(out, line);
          continue;
        }
        if (line.type !== kind) {
          flush();
          kind = line.type;
        }
        const delta = held.push(line.delta);
        if (delta !== '') writeJsonEvent(out, { type: line.type, delta });
      }
    },
  };
}

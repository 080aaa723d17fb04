import { expect } from 'vitest';
import { ToolRefusedError } from '../../../src/common/errors.js';
import type { ToolCallOutcome } from '../../../src/core/tools/execute-tool-calls.js';

/** What an escape corpus case expects: the refusal's stable `reason` word and, optionally, words of its message. */
export interface Refusal {
  /** The reason, or the reasons one of which it must be (where the outcome depends on the machine). */
  reason: string | readonly string[];
  message?: RegExp;
}

/**
 * Asserts that a call was refused the way the model should see it: a tool result (never a crash of the run) with
 * `isError`, thrown as a {@link ToolRefusedError} with the expected reason, its message in the output, and none of
 * the `secrets` in it.
 */
export function expectRefusal(outcome: ToolCallOutcome, expected: Refusal, secrets: readonly string[] = []): void {
  expect(outcome.status, outcome.result.output).toBe('error');
  expect(outcome.result.isError).toBe(true);
  expect(ToolRefusedError.isInstance(outcome.error), outcome.result.output).toBe(true);
  const reasons = typeof expected.reason === 'string' ? [expected.reason] : expected.reason;
  expect(reasons, outcome.result.output).toContain((outcome.error as ToolRefusedError).reason);
  expect(outcome.result.output).toMatch(/ failed: ToolRefusedError: /);
  if (expected.message) expect(outcome.result.output).toMatch(expected.message);
  for (const secret of secrets) expect(outcome.result.output).not.toContain(secret);
}

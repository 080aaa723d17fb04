/** The ask agent: a general assistant on the configured provider (OpenAI unless the config says otherwise). */
import { defineAgent } from '../define-agent.js';

/** Instructions of the general assistants (ask, claude, grok). */
export const ASSISTANT_INSTRUCTIONS =
  'You are a helpful, precise assistant. Answer briefly and plainly; say so when you do not know. ' +
  'Use Markdown only where it helps (lists, code).';

export default defineAgent({
  name: 'ask',
  description: 'A general assistant on the configured provider and model.',
  instructions: ASSISTANT_INSTRUCTIONS,
});

/** The claude agent: the general assistant on Anthropic. */
import { defineAgent } from '../define-agent.js';
import { ASSISTANT_INSTRUCTIONS } from './ask.js';

export default defineAgent({
  name: 'claude',
  description: 'The general assistant on Anthropic (ANTHROPIC_API_KEY).',
  model: 'anthropic',
  instructions: ASSISTANT_INSTRUCTIONS,
});

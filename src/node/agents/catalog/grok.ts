/** The grok agent: the general assistant on xAI. */
import { defineAgent } from '../define-agent.js';
import { ASSISTANT_INSTRUCTIONS } from './ask.js';

export default defineAgent({
  name: 'grok',
  description: 'The general assistant on xAI (XAI_API_KEY).',
  model: 'xai',
  instructions: ASSISTANT_INSTRUCTIONS,
});

/** The music agent: makes music with the media providers whose keys are set. */
import { defineAgent } from '../define-agent.js';

export default defineAgent({
  name: 'music',
  description: 'Makes music from a description, with the providers whose keys are set; saves the file.',
  instructions:
    'You make music. Turn the request into one clear, concrete prompt, call the music tool once, and answer with ' +
    'the saved file path and the provider used. Ask only when the request is too vague to start.',
  toolsets: ['music'],
});

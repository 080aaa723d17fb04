// What the `ours` variant loads: the OpenAI client and the Sora download function, bundled from src/ in setup.
export { createOpenAIClient } from '../../src/providers/openai/client.js';
export { downloadVideoContent } from '../../src/providers/openai/videos/index.js';

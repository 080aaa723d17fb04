/** The echo agent: repeats what you say, with no network and no key (`call TOOL {json}` calls a tool). */
import { defineAgent } from '../define-agent.js';

export default defineAgent({
  name: 'echo',
  description: 'Repeats what you say; works offline with no key ("call TOOL {json}" calls a tool).',
  model: 'echo',
});

/**
 * Baseline: the same conversations by hand with raw `fetch` (no SDK, no sessions, no streaming): ask, run the two
 * tools, ask again, compare the answer.
 */
import { expectedAnswer } from '../lib/load-workload.mjs';
import { measure, origin, RUNS } from './measure.mjs';

const url = `${origin()}/v1/chat/completions`;

async function ask(messages) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fake-load-1', messages }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()).choices[0].message;
}

const tools = {
  echo: ({ text }) => `echo:${text}`,
  tag: ({ token }, context) => `tag:${token}:${context.token}`,
};

async function conversation(token) {
  const messages = [{ role: 'user', content: `load ${token}` }];
  const first = await ask(messages);
  messages.push(first);
  for (const call of first.tool_calls) {
    const content = tools[call.function.name](JSON.parse(call.function.arguments), { token });
    messages.push({ role: 'tool', tool_call_id: call.id, content });
  }
  return (await ask(messages)).content;
}

await measure(async (round) => {
  const answers = await Promise.all(Array.from({ length: RUNS }, (_, index) => conversation(`tok-${round}-${index}`)));
  return answers.flatMap((answer, index) =>
    answer === expectedAnswer(`tok-${round}-${index}`) ? [] : [`tok-${round}-${index}: ${answer}`],
  );
});

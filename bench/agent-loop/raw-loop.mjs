/**
 * `post(body)` over raw fetch, as a hand-written loop would send it; with `timeoutMs`, every fetch carries an
 * `AbortSignal.timeout` (the baseline-timeout variant).
 */
export function rawFetchPost(url, { timeoutMs } = {}) {
  const headers = { authorization: 'Bearer bench', 'content-type': 'application/json' };
  return async (body) => {
    const init = { method: 'POST', headers, body: JSON.stringify(body) };
    if (timeoutMs !== undefined) init.signal = AbortSignal.timeout(timeoutMs);
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return response.json();
  };
}

/**
 * The hand-written tool loop of the baseline and http-only variants: a fresh request with instructions, the user
 * message and the strict echo tool; then previous_response_id + only the function_call_output. `post(body)`
 * sends one body and resolves to the parsed response object.
 */
const instructions = 'Call echo until told to stop.';
const tools = [
  {
    type: 'function',
    name: 'echo',
    description: 'Echoes its text.',
    parameters: {
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    },
    strict: true,
  },
];

export async function rawLoop(post) {
  let body = {
    model: 'gpt-x',
    instructions,
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'Start echoing.' }] }],
    tools,
    store: true,
  };
  for (let turn = 0; turn < 60; turn += 1) {
    const response = await post(body);
    const calls = response.output.filter((item) => item.type === 'function_call');
    if (calls.length === 0) {
      return response.output
        .filter((item) => item.type === 'message')
        .flatMap((item) => item.content)
        .filter((part) => part.type === 'output_text')
        .map((part) => part.text)
        .join('');
    }
    const outputs = calls.map((call) => {
      const input = JSON.parse(call.arguments);
      if (typeof input.text !== 'string') throw new Error('bad arguments');
      return { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify({ text: input.text }) };
    });
    body = { model: 'gpt-x', instructions, previous_response_id: response.id, input: outputs, tools, store: true };
  }
  throw new Error('no final answer');
}

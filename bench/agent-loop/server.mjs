/**
 * A fake OpenAI Responses server for the agent-loop benchmark, in its own process so its CPU time is not counted
 * against the client. `POST /v1/responses`: a chained request (previous_response_id) must carry exactly one
 * function_call_output answering the previous step's call, else 400. A request without previous_response_id is
 * step n + 1 when its input holds n function_call_outputs (the whole history, as the AI SDK and the Agents SDK send
 * it by default), the last answering `call_n`; with none it is step 1. Steps 1–49 answer with one `echo` function
 * call, step 50 with a message. Prints `{"port": n}` once listening on 127.0.0.1.
 */
import { createServer } from 'node:http';

export const STEPS = 50;
let served = 0;

function respond(response, status, value) {
  const body = Buffer.from(JSON.stringify(value));
  served += 1;
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-request-id': `req_${served}`,
  });
  response.end(body);
}

function responseObject(id, output, previous) {
  return {
    id,
    object: 'response',
    created_at: 1767225600,
    status: 'completed',
    error: null,
    incomplete_details: null,
    instructions: 'Call echo until told to stop.',
    model: 'gpt-x-2026-01-01',
    output,
    parallel_tool_calls: true,
    previous_response_id: previous ?? null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: {
      input_tokens: 120,
      input_tokens_details: { cached_tokens: 64 },
      output_tokens: 18,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 138,
    },
    metadata: {},
  };
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || !request.url?.endsWith('/responses'))
      return respond(response, 404, { error: { message: 'not found' } });
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return respond(response, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } });
    }
    let step = 1;
    if (body.previous_response_id) {
      const previous = Number(String(body.previous_response_id).split('_').pop());
      const input = body.input;
      const ok =
        Array.isArray(input) &&
        input.length === 1 &&
        input[0].type === 'function_call_output' &&
        input[0].call_id === `call_${previous}` &&
        typeof input[0].output === 'string';
      if (!ok)
        return respond(response, 400, {
          error: { message: `bad follow-up input: ${JSON.stringify(input)}`, type: 'invalid_request_error' },
        });
      step = previous + 1;
    } else if (Array.isArray(body.input)) {
      const outputs = body.input.filter((item) => item.type === 'function_call_output');
      if (outputs.length > 0 && outputs.at(-1).call_id !== `call_${outputs.length}`)
        return respond(response, 400, {
          error: { message: `history does not end with call_${outputs.length}`, type: 'invalid_request_error' },
        });
      step = outputs.length + 1;
    }
    const id = `resp_${step}`;
    const output =
      step < STEPS
        ? [
            {
              type: 'function_call',
              id: `fc_${step}`,
              call_id: `call_${step}`,
              name: 'echo',
              arguments: JSON.stringify({ text: `step ${step}` }),
              status: 'completed',
            },
          ]
        : [
            {
              type: 'message',
              id: `msg_${step}`,
              status: 'completed',
              role: 'assistant',
              content: [{ type: 'output_text', text: `done after ${STEPS} steps`, annotations: [] }],
            },
          ];
    respond(response, 200, responseObject(id, output, body.previous_response_id));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

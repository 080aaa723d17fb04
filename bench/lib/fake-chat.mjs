/**
 * A stateless fake Chat Completions model (`POST …/chat/completions`) for the load test and benchmark: everything it
 * answers is derived from the request, so concurrent conversations cannot share state through it, and an answer that
 * carries another conversation's token can only come from the client mixing them up.
 *
 * A conversation opens with the user message `load <token>`. With no tool results yet, the model calls two tools in
 * one turn: `echo` `{ "text": "<token>" }` and `tag` `{ "token": "<token>", "n": <length of token> }`. Once both
 * results are in, it answers `final <token> | <tool result>,<tool result>` (the results in history order). With
 * `stream: true` the same answers go out as SSE chunks, tool arguments in two fragments.
 */

/** The token of the conversation: the first user message, `load <token>`. */
function tokenOf(messages) {
  const first = messages.find((message) => message.role === 'user');
  const text = typeof first?.content === 'string' ? first.content : '';
  return text.startsWith('load ') ? text.slice(5) : undefined;
}

function toolCalls(token) {
  return [
    {
      id: `call_echo_${token}`,
      type: 'function',
      function: { name: 'echo', arguments: JSON.stringify({ text: token }) },
    },
    {
      id: `call_tag_${token}`,
      type: 'function',
      function: { name: 'tag', arguments: JSON.stringify({ token, n: token.length }) },
    },
  ];
}

/** The assistant turn for a request: `{ content }` or `{ tool_calls }`. */
export function answerFor(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const token = tokenOf(messages);
  if (token === undefined) return { error: 'the first user message must be "load <token>"' };
  const results = messages.filter((message) => message.role === 'tool').map((message) => message.content);
  if (results.length === 0) return { tool_calls: toolCalls(token) };
  return { content: `final ${token} | ${results.join(',')}` };
}

const usage = { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 };

function completion(id, turn) {
  return {
    id,
    object: 'chat.completion',
    created: 1767225600,
    model: 'fake-load-1',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.content ?? null,
          ...(turn.tool_calls ? { tool_calls: turn.tool_calls } : {}),
        },
        finish_reason: turn.tool_calls ? 'tool_calls' : 'stop',
      },
    ],
    usage,
  };
}

function chunks(id, turn) {
  const base = { id, object: 'chat.completion.chunk', created: 1767225600, model: 'fake-load-1' };
  const out = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] }];
  if (turn.content !== undefined) {
    const half = Math.ceil(turn.content.length / 2);
    for (const part of [turn.content.slice(0, half), turn.content.slice(half)]) {
      out.push({ ...base, choices: [{ index: 0, delta: { content: part }, finish_reason: null }] });
    }
  }
  for (const [index, call] of (turn.tool_calls ?? []).entries()) {
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    out.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index,
                id: call.id,
                type: 'function',
                function: { name: call.function.name, arguments: args.slice(0, half) },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    });
    out.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index, function: { arguments: args.slice(half) } }] },
          finish_reason: null,
        },
      ],
    });
  }
  out.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: turn.tool_calls ? 'tool_calls' : 'stop' }] });
  out.push({ ...base, choices: [], usage });
  return out;
}

let served = 0;

/** The node:http request handler. Counts requests in `fakeChatStats.requests`. */
export function fakeChatHandler(request, response) {
  const parts = [];
  request.on('data', (part) => parts.push(part));
  request.on('end', () => {
    served += 1;
    fakeChatStats.requests = served;
    let body;
    try {
      body = JSON.parse(Buffer.concat(parts).toString('utf8'));
    } catch {
      body = undefined;
    }
    const turn = answerFor(body);
    const id = `chatcmpl_${served}`;
    if (turn.error) {
      const text = JSON.stringify({ error: { message: turn.error, type: 'invalid_request_error' } });
      response.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      response.end(text);
      return;
    }
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const chunk of chunks(id, turn)) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
      response.end('data: [DONE]\n\n');
      return;
    }
    const text = JSON.stringify(completion(id, turn));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  });
}

/** How many requests the handler answered (this process). */
export const fakeChatStats = { requests: 0 };

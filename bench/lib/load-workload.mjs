/**
 * The load workload, shared by the load test (hello-dave from src/, via tsx) and the load benchmark (from dist/):
 * `runs` agent runs at once, all on ONE agent and ONE model client, against the fake Chat Completions model of
 * fake-chat.mjs. Each run has its own token, its own run context and its own file session; half of them stream.
 * A run's model calls two tools in parallel (`echo`, `tag`: the latter also reads the token from `ctx.context`), then
 * answers with both results. What it checks: every run completes with exactly its own answer, and its session file
 * holds its own token and no other. The library comes in as `lib`, so the same code runs against src/ and dist/.
 */

const TOKEN = /tok-\d+-\d+/g;

/** The agent every run of a round shares. `lib`: `{ Agent, defineTool, z, chatCompletions, createChatCompletionsClient }`. */
export function loadAgent(lib, origin) {
  const { Agent, defineTool, z, chatCompletions, createChatCompletionsClient } = lib;
  const client = createChatCompletionsClient({ baseUrl: `${origin}/v1`, provider: 'fake-load' });
  const echo = defineTool({
    name: 'echo',
    description: 'Echoes the text.',
    input: z.object({ text: z.string() }),
    run: async ({ text }) => `echo:${text}`,
  });
  const tag = defineTool({
    name: 'tag',
    description: 'Tags the token with the run context.',
    input: z.object({ token: z.string(), n: z.number() }),
    run: async ({ token }, ctx) => `tag:${token}:${ctx.context.token}`,
  });
  return new Agent({ name: 'load', model: chatCompletions('fake-load-1', { client }), tools: [echo, tag] });
}

/** The answer run `token` must end with. */
export function expectedAnswer(token) {
  return `final ${token} | echo:${token},tag:${token}:${token}`;
}

/**
 * One round: `runs` runs at once (odd ones streamed, unless `stream: false`), each with a new session of `store`
 * (read back through the session before it is closed).
 * Resolves `{ ms, problems }`: wall time, and one line per run whose answer or session was not its own alone.
 */
export async function loadRound(agent, store, { runs, round, stream = true }) {
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: runs }, async (_, index) => {
      const token = `tok-${round}-${index}`;
      const session = await store.create();
      try {
        const options = { session, context: { token } };
        const result =
          stream && index % 2
            ? await agent.stream(`load ${token}`, options).result
            : await agent.run(`load ${token}`, options);
        return { token, session: session.id, text: result.text, status: result.status, entries: await session.read() };
      } catch (error) {
        return { token, session: session.id, error: String(error?.message ?? error) };
      } finally {
        await session.close?.();
      }
    }),
  );
  const ms = performance.now() - started;
  const problems = [];
  for (const outcome of outcomes) {
    if (outcome.error) {
      problems.push(`${outcome.token}: failed: ${outcome.error}`);
      continue;
    }
    if (outcome.status !== 'completed' || outcome.text !== expectedAnswer(outcome.token)) {
      problems.push(`${outcome.token}: answered ${JSON.stringify(outcome.text)} (${outcome.status})`);
    }
    const entries = outcome.entries;
    const tokens = new Set(JSON.stringify(entries).match(TOKEN) ?? []);
    if (tokens.size !== 1 || !tokens.has(outcome.token)) {
      problems.push(`${outcome.token}: session ${outcome.session} holds ${[...tokens].join(', ') || 'no token'}`);
    }
    const kinds = entries.map((entry) => entry.type).join(',');
    if (!entries.some((entry) => entry.type === 'message')) problems.push(`${outcome.token}: session has ${kinds}`);
  }
  return { ms, problems };
}

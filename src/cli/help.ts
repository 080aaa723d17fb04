/**
 * The `--help` text of each command.
 * @module
 */

const EXIT_CODES = `Exit codes:
  0    success
  1    a provider or runtime error (no API key, the provider refused, a network failure)
  2    a usage error (unknown option, missing argument)
  130  interrupted (Ctrl-C)`;

/** Help texts by command. */
export const HELP: Readonly<Record<string, string>> = {
  dave: `dave: talk to an agent, make media, look through past sessions.

Usage:
  dave [options] "question"     one answer, streamed (stdin is added to the question)
  dave [options]                a conversation (interactive; /help inside)
  dave agents                   agents you can run (./agents, ~/.hello-dave/agents, built in)
  dave sessions list|show|search|resume
  dave video|image|music "prompt" [--provider NAME] [--out FILE]
  dave jobs [resume ID]         media jobs never downloaded, and finishing one
  dave config                   effective settings and where each comes from
  dave COMMAND --help           help on one command

Options:
  -a, --agent NAME|PATH   the agent (default: ask; echo with --offline)
  -m, --model MODEL       the model: "provider:model", a provider, or a model id
  -p, --provider NAME     the provider: openai, anthropic, xai, echo
  -s, --session ID        go on with a past session
      --json              one JSON event per line (schema version 1, see docs/cli.md)
      --offline           run on the echo model: no network, no key
  -i, --interactive       a conversation even when stdin is not a terminal
  -y, --yes               approve every tool call without asking
  -h, --help              this help
  -v, --version           the version

${EXIT_CODES}`,
  agents: `dave agents: list the agents you can run with --agent NAME.

Usage:
  dave agents [--json]

Agents are looked up in ./agents, then ~/.hello-dave/agents (or the config's agentsDir), then the built-in
catalog. A file that cannot be loaded is listed with its problem.

${EXIT_CODES}`,
  sessions: `dave sessions: past conversations (the session folder: dave config shows it).

Usage:
  dave sessions list [--limit N] [--json]   newest first
  dave sessions show ID [--json]            the conversation, tool calls and media files
  dave sessions search TEXT [--json]        messages that contain TEXT
  dave sessions resume ID [options]         go on with it (same as dave --session ID)

${EXIT_CODES}`,
  config: `dave config: the effective settings and where each came from.

Usage:
  dave config [--json]

Settings come from the defaults, then the config file (~/.hello-dave/config.json, or HELLO_DAVE_CONFIG), then
HELLO_DAVE_PROVIDER, HELLO_DAVE_MODEL, HELLO_DAVE_OUTPUT_DIR, HELLO_DAVE_SESSIONS_DIR, HELLO_DAVE_AGENTS_DIR,
HELLO_DAVE_MAX_TURNS. Keys: provider, model, outputDir, sessionsDir, agentsDir, maxTurns, mediaBudget.

${EXIT_CODES}`,
  media: `dave video|image|music: make media from a prompt and save it.

Usage:
  dave video "prompt" [--provider NAME] [--model MODEL] [--out FILE] [--poll-interval MS] [--json]
  dave image "prompt" [...]
  dave music "prompt" [...]

The provider is the first whose key is set (video: MiniMax, xAI; image: xAI, MiniMax, Stability; music: Mureka,
ElevenLabs, Stability, MiniMax) unless --provider names one. A progress bar shows on a terminal, plain lines
otherwise. The job is recorded in a session before any waiting: if the wait is cut short, dave jobs resume ID
finishes it without starting a new one.

${EXIT_CODES}`,
  jobs: `dave jobs: media jobs recorded in sessions that were never downloaded.

Usage:
  dave jobs [--json]
  dave jobs resume ID [--out FILE] [--poll-interval MS] [--json]
                     wait for it and download it (no new job is started)

${EXIT_CODES}`,
};

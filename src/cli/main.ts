/**
 * `dave`: reads the command line (`util.parseArgs`), runs the command, and turns what happened into an exit code.
 * @module
 */
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type DaveConfig, resolveConfig } from '../node/agents/index.js';
import { approvalHandler } from './approval.js';
import { openChat, runTurn, writeStart } from './chat.js';
import { agentsCommand } from './commands/agents.js';
import { configCommand } from './commands/config.js';
import { jobsCommand } from './commands/jobs.js';
import { mediaCommand } from './commands/media.js';
import { sessionsCommand } from './commands/sessions.js';
import { describeError, EXIT, exitCodeOf, UsageError } from './errors.js';
import { HELP } from './help.js';
import { interactive } from './interactive.js';
import { errorEvent, writeJsonEvent } from './json-events.js';
import { jsonRenderer, textRenderer } from './render.js';

/** Options every command reads. */
const COMMON = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options of running an agent. */
const AGENT_OPTIONS = {
  ...COMMON,
  agent: { type: 'string', short: 'a' },
  model: { type: 'string', short: 'm' },
  provider: { type: 'string', short: 'p' },
  session: { type: 'string', short: 's' },
  offline: { type: 'boolean' },
  interactive: { type: 'boolean', short: 'i' },
  yes: { type: 'boolean', short: 'y' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Options of the media commands. */
const MEDIA_OPTIONS = {
  ...COMMON,
  provider: { type: 'string', short: 'p' },
  model: { type: 'string', short: 'm' },
  out: { type: 'string', short: 'o' },
  'poll-interval': { type: 'string' },
} as const;

const COMMANDS: Readonly<Record<string, ParseArgsConfig['options']>> = {
  agents: COMMON,
  config: COMMON,
  sessions: { ...AGENT_OPTIONS, limit: { type: 'string' } },
  video: MEDIA_OPTIONS,
  image: MEDIA_OPTIONS,
  music: MEDIA_OPTIONS,
  jobs: { ...COMMON, out: { type: 'string', short: 'o' }, 'poll-interval': { type: 'string' } },
};

/** A parsed command line. */
export interface Parsed {
  command: string;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses the command line; a wrong option is a UsageError. */
export function parseCommandLine(argv: readonly string[]): Parsed {
  const first = argv[0];
  const command = first !== undefined && first in COMMANDS ? first : 'dave';
  const rest = command === 'dave' ? [...argv] : argv.slice(1);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: COMMANDS[command] ?? AGENT_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    return { command, values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `dave [options] ["question"]`: one answer, or a conversation. */
async function runCommand(parsed: Parsed, config: DaveConfig): Promise<number> {
  const { values } = parsed;
  const json = values.json === true;
  let question = parsed.positionals.join(' ');
  const wantsConversation = values.interactive === true || (question === '' && process.stdin.isTTY === true);
  if (!wantsConversation && process.stdin.isTTY !== true) {
    const piped = (await readStdin()).trim();
    question = question && piped ? `${question}\n\n${piped}` : question || piped;
  }
  if (!wantsConversation && question === '') throw new UsageError('no question given (pass one, or pipe it on stdin)');
  const chat = await openChat(
    {
      ...(text(values.agent) ? { agent: text(values.agent) } : {}),
      ...(text(values.model) ? { model: text(values.model) } : {}),
      ...(text(values.provider) ? { provider: text(values.provider) } : {}),
      ...(text(values.session) ? { session: text(values.session) } : {}),
      offline: values.offline === true,
    },
    config,
    process.cwd(),
  );
  const yes = values.yes === true;
  if (wantsConversation) return interactive(chat, { yes, json });
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    if (json) {
      writeStart(process.stdout, chat);
      await runTurn(chat, question, jsonRenderer(process.stdout), {
        signal: controller.signal,
        onApproval: approvalHandler({ yes, json: process.stdout }),
        json: process.stdout,
      });
    } else {
      await runTurn(chat, question, textRenderer(process.stdout, process.stderr), {
        signal: controller.signal,
        onApproval: approvalHandler({ yes }),
      });
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  return EXIT.ok;
}

async function dispatch(parsed: Parsed): Promise<number> {
  const { command, values } = parsed;
  if (values.help === true) {
    process.stdout.write(
      `${HELP[command in HELP ? command : ['video', 'image', 'music'].includes(command) ? 'media' : 'dave']}\n`,
    );
    return EXIT.ok;
  }
  if (values.version === true) {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const config = resolveConfig().values;
  switch (command) {
    case 'agents':
      return agentsCommand(parsed, config);
    case 'config':
      return configCommand(parsed);
    case 'sessions':
      return sessionsCommand(parsed, config, (resumed) => runCommand(resumed, config));
    case 'video':
    case 'image':
    case 'music':
      return mediaCommand(command, parsed, config);
    case 'jobs':
      return jobsCommand(parsed, config);
    default:
      return runCommand(parsed, config);
  }
}

/** Runs `dave` with these arguments; resolves with the exit code (errors are reported, never thrown). */
export async function main(argv: readonly string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const parsed = parseCommandLine(argv);
    json = parsed.values.json === true;
    return await dispatch(parsed);
  } catch (error) {
    const code = exitCodeOf(error);
    const message = describeError(error);
    if (json) writeJsonEvent(process.stdout, errorEvent(error, message, code));
    process.stderr.write(`dave: ${message}\n`);
    if (process.env.DAVE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return code;
  }
}

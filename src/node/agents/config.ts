/**
 * The user config file (`~/.hello-dave/config.json`, or the file `HELLO_DAVE_CONFIG` names): defaults for the
 * provider, model, output and session folders, the agents folder, max turns and the media budget. Environment
 * variables override the file, options override both; {@link resolveConfig} says where each value came from.
 * @module
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors.js';

/** The effective settings. */
export interface DaveConfig {
  /** Chat provider used when an agent names none (`openai`, `anthropic`, `xai`, `echo`). */
  provider: string;
  /** Model id used when an agent names none (default: the provider's). */
  model?: string;
  /** Folder media files are saved into. */
  outputDir: string;
  /** Folder of session files. */
  sessionsDir: string;
  /** The user's own agents folder (besides `./agents`). */
  agentsDir: string;
  /** Model calls per run. */
  maxTurns: number;
  /** Paid media jobs and seconds of media one run may start. */
  mediaBudget: { maxJobs?: number; maxSeconds?: number };
}

/** Where a value came from: `default`, `file <path>`, `env <NAME>` or `option`. */
export type ConfigSource = 'default' | 'option' | `file ${string}` | `env ${string}`;

/** The effective config and the source of each key. */
export interface ResolvedConfig {
  /** The values. */
  values: DaveConfig;
  /** The source of each top-level key. */
  sources: Record<keyof DaveConfig, ConfigSource>;
  /** The config file that was read (or would be). */
  file: string;
}

/** Options of {@link resolveConfig}. */
export interface ResolveConfigOptions {
  /** Values that win over the file and the environment (command-line options). */
  overrides?: Partial<DaveConfig>;
  /** Environment (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Folder relative paths are resolved from (default `process.cwd()`). */
  cwd?: string;
}

type Key = keyof DaveConfig;
const KEYS: readonly Key[] = ['provider', 'model', 'outputDir', 'sessionsDir', 'agentsDir', 'maxTurns', 'mediaBudget'];

/** Environment variables that override the file, by key. */
export const CONFIG_ENV: Readonly<Record<Exclude<keyof DaveConfig, 'mediaBudget'>, string>> = {
  provider: 'HELLO_DAVE_PROVIDER',
  model: 'HELLO_DAVE_MODEL',
  outputDir: 'HELLO_DAVE_OUTPUT_DIR',
  sessionsDir: 'HELLO_DAVE_SESSIONS_DIR',
  agentsDir: 'HELLO_DAVE_AGENTS_DIR',
  maxTurns: 'HELLO_DAVE_MAX_TURNS',
};

/** The folder of the user's hello-dave files (`~/.hello-dave`). */
export function daveHome(): string {
  return join(homedir(), '.hello-dave');
}

/** The config file: `HELLO_DAVE_CONFIG` when set, else `~/.hello-dave/config.json`. */
export function configFilePath(env: Record<string, string | undefined> = process.env): string {
  return env.HELLO_DAVE_CONFIG ? resolve(env.HELLO_DAVE_CONFIG) : join(daveHome(), 'config.json');
}

function defaults(cwd: string): DaveConfig {
  return {
    provider: 'openai',
    outputDir: cwd,
    sessionsDir: join(daveHome(), 'sessions'),
    agentsDir: join(daveHome(), 'agents'),
    maxTurns: 10,
    mediaBudget: {},
  };
}

function positiveInteger(source: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigError(source, key, `must be a whole number of at least 1, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function text(source: string, key: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(source, key, `must be a non-empty string, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function mediaBudget(source: string, value: unknown): DaveConfig['mediaBudget'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(source, 'mediaBudget', 'must be an object like { "maxJobs": 3, "maxSeconds": 60 }.');
  }
  const budget: DaveConfig['mediaBudget'] = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'maxJobs' && key !== 'maxSeconds') {
      throw new ConfigError(source, `mediaBudget.${key}`, 'is not a setting (use maxJobs or maxSeconds).');
    }
    budget[key] = positiveInteger(source, `mediaBudget.${key}`, item);
  }
  return budget;
}

/** Checks one value of the file; returns it in its config type. Folders are resolved from `base`. */
function checkValue(source: string, key: string, value: unknown, base: string): Partial<DaveConfig> {
  switch (key) {
    case 'provider':
    case 'model':
      return { [key]: text(source, key, value) };
    case 'outputDir':
    case 'sessionsDir':
    case 'agentsDir':
      return { [key]: resolve(base, text(source, key, value)) };
    case 'maxTurns':
      return { maxTurns: positiveInteger(source, key, value) };
    case 'mediaBudget':
      return { mediaBudget: mediaBudget(source, value) };
    default:
      throw new ConfigError(source, key, `is not a setting. Known keys: ${KEYS.join(', ')}.`);
  }
}

/** Reads and checks the config file; an absent file is an empty config. */
export function readConfigFile(file: string): Partial<DaveConfig> {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(file, '(file)', `is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(file, '(file)', 'must hold one JSON object.');
  }
  const base = resolve(file, '..');
  let out: Partial<DaveConfig> = {};
  for (const [key, value] of Object.entries(parsed)) out = { ...out, ...checkValue(file, key, value, base) };
  return out;
}

function readEnv(env: Record<string, string | undefined>, cwd: string): Partial<Record<Key, [unknown, string]>> {
  const out: Partial<Record<Key, [unknown, string]>> = {};
  for (const [key, name] of Object.entries(CONFIG_ENV) as [Exclude<Key, 'mediaBudget'>, string][]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const source = `env ${name}`;
    const typed = key === 'maxTurns' ? Number(value) : value;
    out[key] = [checkValue(source, key, typed, cwd)[key], source];
  }
  return out;
}

/**
 * The effective config: defaults, then the config file, then the environment, then `overrides`.
 * @throws ConfigError naming the file (or variable) and the key when a value is not allowed.
 * @example
 * ```ts
 * const { values, sources } = resolveConfig();
 * console.log(values.provider, sources.provider); // 'openai' 'default'
 * ```
 */
export function resolveConfig(options: ResolveConfigOptions = {}): ResolvedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = configFilePath(env);
  const values: DaveConfig = defaults(cwd);
  const sources = Object.fromEntries(KEYS.map((key) => [key, 'default'])) as Record<Key, ConfigSource>;
  const set = (key: Key, value: unknown, source: ConfigSource) => {
    if (value === undefined) return;
    (values as unknown as Record<Key, unknown>)[key] = value;
    sources[key] = source;
  };
  for (const [key, value] of Object.entries(readConfigFile(file))) set(key as Key, value, `file ${file}`);
  for (const [key, [value, source]] of Object.entries(readEnv(env, cwd)) as [Key, [unknown, string]][]) {
    set(key, value, source as ConfigSource);
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) set(key as Key, value, 'option');
  return { values, sources, file };
}

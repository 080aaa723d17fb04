/**
 * Reading the runtime's environment (keys, base URLs, debug switches) on Node, Bun, Deno and runtimes without one.
 * @module
 */

/** Reads the runtime's environment (Node, Bun, Deno); empty where there is none (browsers, edge). */
export function runtimeEnv(): Record<string, string | undefined> {
  const processEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (processEnv) return processEnv;
  const deno = (globalThis as { Deno?: { env?: { toObject(): Record<string, string> } } }).Deno;
  try {
    if (deno?.env) return deno.env.toObject();
  } catch {
    // No --allow-env: behave as if nothing is set.
  }
  return {};
}

/** Reads one variable; a runtime that refuses (Deno without `--allow-env` throws) counts as "not set". */
export function readEnvVar(env: Record<string, string | undefined>, name: string): string | undefined {
  try {
    const value = env[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The first of `names` that is set to something other than blanks, trimmed, with the variable's name. */
export function firstEnvEntry(
  env: Record<string, string | undefined>,
  names: readonly string[] | undefined,
): { name: string; value: string } | undefined {
  for (const name of names ?? []) {
    const value = readEnvVar(env, name);
    if (value !== undefined && value.trim() !== '') return { name, value: value.trim() };
  }
  return undefined;
}

/** The first of `names` that is set to something other than blanks, trimmed. */
export function firstEnvVar(
  env: Record<string, string | undefined>,
  names: readonly string[] | undefined,
): string | undefined {
  return firstEnvEntry(env, names)?.value;
}

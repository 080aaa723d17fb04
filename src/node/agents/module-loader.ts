/**
 * Finds and imports definition modules (agents or toolsets) by name or path. JavaScript is imported as is;
 * TypeScript through `tsx`'s `tsImport`, an optional peer dependency loaded only when a `.ts` file is met
 * (Node 20 cannot strip types itself).
 * @module
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AgentDefinitionError } from './errors.js';

/** File endings a definition module may have, in the order they are tried. */
export const MODULE_EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'] as const;
const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/** True when `value` names a file rather than a name (`./x.js`, `/a/b.ts`, `agents/x.mjs`). */
export function looksLikePath(value: string): boolean {
  return value.includes('/') || value.includes('\\') || extname(value) !== '';
}

/** The module file of `name` in `dir`, when there is one. */
export function findModule(dir: string, name: string): string | undefined {
  for (const extension of MODULE_EXTENSIONS) {
    const file = join(dir, `${name}${extension}`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Names of the definition modules in `dir` (file names without their ending), sorted; none when it is absent. */
export function listModules(dir: string): { name: string; file: string }[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return [];
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const seen = new Map<string, string>();
  for (const file of names.sort()) {
    const extension = extname(file);
    if (!(MODULE_EXTENSIONS as readonly string[]).includes(extension) || file.endsWith('.d.ts')) continue;
    const name = basename(file, extension);
    if (!seen.has(name)) seen.set(name, join(dir, file));
  }
  return [...seen].map(([name, file]) => ({ name, file }));
}

/** Resolves a path given by a person against `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

async function importTypeScript(file: string): Promise<unknown> {
  let tsImport: (specifier: string, parent: string) => Promise<unknown>;
  try {
    ({ tsImport } = (await import('tsx/esm/api')) as { tsImport: typeof tsImport });
  } catch (error) {
    throw new AgentDefinitionError(
      file,
      'is TypeScript, which needs the optional peer dependency tsx: run `npm install --save-dev tsx`, or write the file in JavaScript.',
      { cause: error },
    );
  }
  return tsImport(pathToFileURL(file).href, import.meta.url);
}

/** A TypeScript file outside an ESM package is compiled as CommonJS: its default export sits one level down. */
function unwrapCommonJs(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'default' in value && !('name' in value)) {
    return (value as { default: unknown }).default;
  }
  return value;
}

/** Imports a definition module and returns its default export (or its only export). */
export async function importDefinition(file: string): Promise<unknown> {
  if (!existsSync(file)) throw new AgentDefinitionError(file, 'no such file.');
  let module: Record<string, unknown>;
  try {
    module = (
      TYPESCRIPT.has(extname(file)) ? await importTypeScript(file) : await import(pathToFileURL(file).href)
    ) as Record<string, unknown>;
  } catch (error) {
    if (AgentDefinitionError.isInstance(error)) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AgentDefinitionError(file, `could not be loaded: ${message}`, { cause: error });
  }
  if ('default' in module) return unwrapCommonJs(module.default);
  const values = Object.values(module);
  if (values.length === 1) return values[0];
  throw new AgentDefinitionError(file, 'has no default export: export default defineAgent({ … }).');
}

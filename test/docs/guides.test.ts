/**
 * The guides' code: every `ts` block of docs/creating-agents.md, creating-toolsets.md, cli.md and migrating.md is
 * type-checked against the sources (as `hello-dave/...` imports), each block as its own module. Blocks go on from
 * the guide's first example, so the names they take from it (`agent`, `model`, `Agent`, `z`, …) are declared once,
 * globally, in PRELUDE. cli.md's config example must pass the config check, and its `--json` example lines must
 * be events of schema version 1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entryPoints } from '../../scripts/entry-points.mjs';
import { readConfigFile } from '../../src/node/agents/index.js';

const GUIDES = ['docs/creating-agents.md', 'docs/creating-toolsets.md', 'docs/cli.md', 'docs/migrating.md'];

/** What the guides' later blocks take from their first example. */
const PRELUDE = `
declare const Agent: typeof import('hello-dave').Agent;
declare const defineTool: typeof import('hello-dave').defineTool;
declare const ToolSet: typeof import('hello-dave').ToolSet;
declare const scriptedModel: typeof import('hello-dave/testing').scriptedModel;
declare const z: typeof import('zod/mini');
declare const model: import('hello-dave').ChatModel;
declare const agent: import('hello-dave').Agent;
declare const critic: import('hello-dave').Agent;
declare const billing: import('hello-dave').Agent;
declare const resize: import('hello-dave').Tool;
declare const crop: import('hello-dave').Tool;
declare const extraTool: import('hello-dave').Tool;
declare const audioTools: import('hello-dave').ToolSet;
declare const client: import('hello-dave/openai').OpenAIClient;
declare const createVideo: typeof import('hello-dave/openai').createVideo;
declare const waitForVideo: typeof import('hello-dave/openai').waitForVideo;
declare const downloadVideoContent: typeof import('hello-dave/openai').downloadVideoContent;
declare const makeJobRef: typeof import('hello-dave/http').makeJobRef;
declare function doResize(path: string, width: number, signal: AbortSignal): Promise<string>;
declare function confirm(message: string): boolean;
`;

function blocks(file: string, language: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (match) => match[1] as string,
  );
}

describe('guides', () => {
  it('every ts block type-checks', { timeout: 120_000 }, () => {
    const root = resolve('.');
    const dir = mkdtempSync(join(root, 'node_modules', '.cache-guides-'));
    const files: string[] = [];
    writeFileSync(join(dir, 'prelude.d.ts'), PRELUDE);
    files.push(join(dir, 'prelude.d.ts'));
    const labels = new Map<string, string>();
    for (const guide of GUIDES) {
      blocks(guide, 'ts').forEach((code, index) => {
        const file = join(dir, `${guide.replace(/\W/g, '_')}_${index + 1}.ts`);
        writeFileSync(file, `${code}\nexport {};\n`);
        files.push(file);
        labels.set(file, `${guide} block ${index + 1}`);
      });
    }
    expect(labels.size).toBeGreaterThanOrEqual(15);
    const paths = Object.fromEntries(
      entryPoints.map((entry) => [
        entry.subpath === '.' ? 'hello-dave' : `hello-dave/${entry.subpath.slice(2)}`,
        [join(root, entry.source)],
      ]),
    );
    const program = ts.createProgram(files, {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      paths,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    rmSync(dir, { recursive: true, force: true });
    const problems = diagnostics
      .filter((diagnostic) => diagnostic.file && labels.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const file = diagnostic.file as ts.SourceFile;
        const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `${labels.get(file.fileName)}, line ${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });

  it("cli.md's config example passes the config check", () => {
    const [example] = blocks('docs/cli.md', 'json');
    const dir = mkdtempSync(join(resolve('node_modules'), '.cache-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, example ?? '');
    const config = readConfigFile(file);
    rmSync(dir, { recursive: true, force: true });
    expect(config).toMatchObject({ provider: 'anthropic', maxTurns: 20, mediaBudget: { maxJobs: 3, maxSeconds: 60 } });
  });

  it("cli.md's --json example lines are schema version 1 events", () => {
    const lines = blocks('docs/cli.md', 'console').flatMap((block) =>
      block.split('\n').filter((line) => line.startsWith('{')),
    );
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ v: 1, type: expect.any(String) });
  });
});

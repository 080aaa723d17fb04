/**
 * docs/cli.md's console blocks: every `$ dave …` command is run as a real process in a pseudo-terminal (a fresh
 * home, no keys, a git working folder), and must end the way the guide says. Offline commands print the lines the
 * guide shows (when it shows any); session commands work on a session made offline first (`ID` is its id); a
 * conversation opens and ends at `/exit` (its key is needed at the first message); commands that need a provider
 * key stop with exit 1 and the one line naming the variable, never a usage error or a stack trace.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DaveHome, dave, daveHome, daveOnPath, finished } from '../cli/run-dave.js';

interface Step {
  command: string;
  shown: string[];
}

/** The `$ ` commands of the guide's console blocks (comments dropped) and the lines shown after each. */
function steps(): Step[] {
  const text = readFileSync('docs/cli.md', 'utf8');
  const out: Step[] = [];
  for (const [, block = ''] of text.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const line of block.split('\n').filter(Boolean)) {
      if (line.startsWith('$ '))
        out.push({
          command: line
            .slice(2)
            .replace(/\s+#.*$/, '')
            .trim(),
          shown: [],
        });
      else out.at(-1)?.shown.push(line);
    }
  }
  return out;
}

/** Runs one shell command line in a pseudo-terminal, typing `/exit` for a conversation it may open. */
async function inTerminal(command: string, home: DaveHome, env: Record<string, string>) {
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: home.cwd, env, stdio: 'pipe' });
  const done = finished(child);
  child.stdin.write('/exit\n');
  const result = await done;
  const output = result.stdout
    .replace(/\r/g, '')
    .split('\n')
    .filter((line) => line !== '/exit' && line !== '> /exit' && line !== '');
  return { code: result.code, output };
}

/** A shown line as a pattern: `…` stands for any text (an id, a time). */
function shownPattern(line: string): RegExp {
  const parts = line.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

describe('docs/cli.md', () => {
  it('every dave command of its console blocks runs and ends as the guide says', { timeout: 120_000 }, async () => {
    const all = steps();
    expect(all.length).toBeGreaterThanOrEqual(12);
    const home = daveHome();
    const env = daveOnPath(home);
    execFileSync('git', ['init', '-q'], { cwd: home.cwd });
    const seeded = await dave(['--offline', '--json', 'the invoice is due'], home);
    const sessionId = (JSON.parse(seeded.stdout.split('\n')[0] ?? '{}') as { sessionId?: string }).sessionId ?? '';
    expect(sessionId).not.toBe('');

    for (const { command: written, shown } of all) {
      expect(written, 'every step is a dave command').toMatch(/(^|\| )dave\b/);
      const command = written.startsWith('dave sessions') ? written.replace(/\bID\b/, sessionId) : written;
      const { code, output } = await inTerminal(command, home, env);
      const text = output.join('\n');
      expect(text, command).not.toMatch(/\n\s+at /);
      if (command.includes('--offline')) {
        expect(code, command).toBe(0);
        if (shown.length === 0) expect(output.length, command).toBeGreaterThan(0);
        else expect(output.length, command).toBe(shown.length);
        for (const [index, line] of shown.entries()) expect(output[index], command).toMatch(shownPattern(line));
      } else if (command.startsWith('dave sessions') || command === 'dave jobs') {
        expect(code, `${command}\n${text}`).toBe(0);
        if (command.startsWith('dave sessions search')) expect(text).toContain('the invoice is due');
      } else if (/^dave( --agent \w+)?$/.test(command)) {
        expect(code, `${command}\n${text}`).toBe(0);
        expect(text, command).toContain('— /help for help, /exit to leave');
      } else if (command.startsWith('dave jobs resume')) {
        expect(code, command).toBe(2);
        expect(text).toContain('no open job "ID" (dave jobs lists them)');
      } else {
        expect(code, `${command}\n${text}`).toBe(1);
        expect(output, command).toHaveLength(1);
        expect(text, command).toMatch(/^dave: no API key for \S+( media)?: set [A-Z_]+_API_KEY/);
      }
    }
  });
});

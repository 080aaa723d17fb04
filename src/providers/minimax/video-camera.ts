/**
 * The camera commands of MiniMax's v1 video prompts: the 15 moves written in brackets (`[Pan left]`), and the
 * check of a prompt's brackets (unknown words refused, advice returned).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-t2v
 * @module
 */

/**
 * The 15 camera commands, written in brackets inside the prompt (`[Pan left]`); several in one bracket move
 * together (`[Pan left,Pedestal up]`; at most 3 recommended). Hailuo-2.3 / 2.3-Fast / 02 and the `*-01-Director` models take them.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-t2v
 */
export const MINIMAX_CAMERA_COMMANDS = [
  'Truck left',
  'Truck right',
  'Pan left',
  'Pan right',
  'Push in',
  'Pull out',
  'Pedestal up',
  'Pedestal down',
  'Tilt up',
  'Tilt down',
  'Zoom in',
  'Zoom out',
  'Shake',
  'Tracking shot',
  'Static shot',
] as const;

/** A camera command. */
export type MiniMaxCameraCommand = (typeof MINIMAX_CAMERA_COMMANDS)[number];

/** Pairs that may cancel each other out inside one bracket (a warning of this library, not an API rule). */
const OPPOSITE_COMMANDS: readonly [string, string][] = [
  ['truck left', 'truck right'],
  ['pan left', 'pan right'],
  ['push in', 'pull out'],
  ['pedestal up', 'pedestal down'],
  ['tilt up', 'tilt down'],
  ['zoom in', 'zoom out'],
];

/**
 * Finds the camera commands in a prompt: every bracket group that names at least one known command.
 * Returns the groups (each a list of commands as written), `problems` — what the API reference rules out: words
 * that are not one of the 15 commands mixed into a command bracket ({@link createVideo} refuses these) — and
 * `warnings`, which are advice only and never refused: more than 3 commands in one bracket (the reference says
 * "max 3 recommended"), and this library's own hints: opposite moves together (`Pan left,Pan right`) and
 * `Static shot` with a move.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-t2v
 */
export function parseCameraCommands(prompt: string): {
  groups: MiniMaxCameraCommand[][];
  problems: string[];
  warnings: string[];
} {
  const known = new Map(MINIMAX_CAMERA_COMMANDS.map((command) => [command.toLowerCase(), command]));
  const groups: MiniMaxCameraCommand[][] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const match of prompt.matchAll(/\[([^\]]*)\]/g)) {
    const items = (match[1] ?? '')
      .split(/[,，]/)
      .map((item) => item.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
    const commands = items.map((item) => known.get(item.toLowerCase()));
    if (!commands.some(Boolean)) continue;
    const unknown = items.filter((_, index) => !commands[index]);
    if (unknown.length) {
      problems.push(
        `unknown camera command(s) ${unknown.map((item) => JSON.stringify(item)).join(', ')} in ${match[0]}`,
      );
    }
    const group = commands.filter((command): command is MiniMaxCameraCommand => command !== undefined);
    if (group.length > 3) warnings.push(`${match[0]}: at most 3 camera commands in one bracket are recommended`);
    const lower = new Set(group.map((command) => command.toLowerCase()));
    for (const [one, other] of OPPOSITE_COMMANDS) {
      if (lower.has(one) && lower.has(other))
        warnings.push(`${match[0]}: "${one}" and "${other}" may cancel each other out`);
    }
    if (lower.has('static shot') && group.length > 1) warnings.push(`${match[0]}: "Static shot" with a camera move`);
    groups.push(group);
  }
  return { groups, problems, warnings };
}

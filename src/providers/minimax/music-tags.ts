/**
 * The section tags of MiniMax music lyrics (`[Verse]`, `[Chorus]`, …) and the rewrite of the tags other endpoints
 * use (`/v1/lyrics_generation` writes `[Pre-Chorus]`, `[Build-up]`, …) to the ones the music endpoint lists.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */

/**
 * Section tags the music endpoint accepts in `lyrics` (one per line, nothing else inside the brackets;
 * parenthesised text is sung as backing vocals).
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export const MINIMAX_MUSIC_SECTION_TAGS = [
  'Intro',
  'Verse',
  'Pre Chorus',
  'Chorus',
  'Post Chorus',
  'Bridge',
  'Interlude',
  'Transition',
  'Break',
  'Hook',
  'Build Up',
  'Inst',
  'Solo',
  'Outro',
] as const;

const LYRICS_TAG_ALIASES: Record<string, string> = {
  'pre-chorus': 'Pre Chorus',
  prechorus: 'Pre Chorus',
  'post-chorus': 'Post Chorus',
  'build-up': 'Build Up',
  buildup: 'Build Up',
  instrumental: 'Inst',
  breakdown: 'Break',
  drop: 'Inst',
};

/**
 * Rewrites section tags to the ones the music endpoint lists: `[Pre-Chorus]` → `[Pre Chorus]`, `[Build-up]` →
 * `[Build Up]`, `[Instrumental]`/`[Drop]` → `[Inst]`, `[Breakdown]` → `[Break]`, and fixes the case of known tags.
 * Use it on lyrics from `/v1/lyrics_generation`, which uses tags the music endpoint does not list.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export function normalizeLyricsTags(lyrics: string): string {
  const known = new Map(MINIMAX_MUSIC_SECTION_TAGS.map((tag) => [tag.toLowerCase(), tag]));
  return lyrics.replace(/\[([^\]\n]{1,40})\]/g, (whole, inner: string) => {
    const key = inner.trim().toLowerCase();
    const tag = LYRICS_TAG_ALIASES[key] ?? known.get(key) ?? known.get(key.replace(/-/g, ' '));
    return tag ? `[${tag}]` : whole;
  });
}

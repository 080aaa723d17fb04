/** One code entry point of `package.json#exports` (see entry-points.mjs). */
export interface EntryPoint {
  /** The subpath: `.`, `./openai`. */
  subpath: string;
  /** tsup's entry name: `index`, `providers/openai/index`. */
  name: string;
  /** The source file: `src/providers/openai/index.ts`. */
  source: string;
}
/** Every code entry point, in `package.json#exports` order. */
export declare const entryPoints: EntryPoint[];

/** Types of scripts/release.mjs (for test/release/release.test.ts). */

/** A parsed semantic version. */
export interface Semver {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

/** A release section of the CHANGELOG. */
export interface ChangelogRelease {
  version: string;
  date: string;
  line: number;
}

export const SHIPPED_FIXTURES: readonly string[];
export const CHANGE_TYPES: readonly string[];
export function parseSemver(version: unknown): Semver | undefined;
export function compareSemver(a: string, b: string): number;
export function checkChangelog(
  text: string,
  version: string,
): { problems: string[]; releases: ChangelogRelease[]; section: ChangelogRelease | undefined };
export function checkPackContents(files: readonly string[], pkg: { exports?: unknown; bin?: unknown }): string[];
export function provenanceIdentity(env: Readonly<Record<string, string | undefined>>): string | undefined;
export function publishArgs(version: string, options: { tag?: string; dryRun: boolean }): string[];
export function parseArgs(argv: readonly string[]): { dryRun: boolean; build: boolean; tag: string | undefined };
export function tarballFiles(json: string): string[];
export function main(argv?: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<number>;

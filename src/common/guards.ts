/**
 * Small type guards shared by the protocol and provider mappings.
 * @module
 */

/** True for a plain JSON-like object: not `null`, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

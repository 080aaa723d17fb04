/**
 * Which MiniMax music models are still offered, and the errors that say so: from 2026-08-20 MiniMax no longer
 * offers paid music and lyrics generation to new accounts (existing paid users keep access) and has stopped the
 * free models. A refusal for that reason becomes a {@link PermissionDeniedError} or an {@link ApiRetiredError}
 * that explains it. The exact code MiniMax returns for a stopped model is unverified.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */
import {
  ApiError,
  ApiRetiredError,
  AuthenticationError,
  apiErrorDetails,
  PermissionDeniedError,
} from '../../common/errors.js';
import { readBaseResp } from './errors.js';

/** Free music models MiniMax stopped on 2026-08-20. */
export const MINIMAX_STOPPED_MUSIC_MODELS: readonly string[] = ['music-3.0-free', 'music-2.6-free', 'music-cover-free'];

/** Appended to music and lyrics refusals: the 2026-08-20 service change. */
const MUSIC_CLOSED_NOTE =
  'Since 2026-08-20 MiniMax no longer offers paid music and lyrics generation to new accounts (existing paid ' +
  'accounts keep access) and has stopped the free models music-3.0-free, music-2.6-free and music-cover-free.';

/**
 * Turns the provider's answer for a closed music model into a clear error: `*-free` models (stopped
 * 2026-08-20) → {@link ApiRetiredError}; a model refused to the account (code 2061, permission, a "model"
 * complaint) → {@link PermissionDeniedError} explaining that paid music is closed to new accounts; an auth
 * failure gets the same note appended. Other errors pass unchanged.
 */
export function explainClosedMusicModel(error: unknown, model: string | undefined, endpoint: string): unknown {
  if (!ApiError.isInstance(error)) return error;
  // The provider's own words decide what kind of refusal it is; the error's message (with the region, GroupId and
  // retry advice the classifier added) is what the person reads, so it is kept whole.
  const providerMessage = readBaseResp(error.body)?.status_msg ?? error.message;
  const original = error.providerMessage.replace(/[\s.]+$/, '');
  const value: unknown = error;
  const refusal =
    error.code === '2061' ||
    error.code === '2067' ||
    error.status === 404 ||
    (error.code === '2013' && /model/i.test(providerMessage)) ||
    PermissionDeniedError.isInstance(value) ||
    ApiRetiredError.isInstance(value);
  const stoppedModel = model !== undefined && MINIMAX_STOPPED_MUSIC_MODELS.includes(model);
  if (stoppedModel && (refusal || error.code === '2013' || AuthenticationError.isInstance(value))) {
    return new ApiRetiredError(
      `${endpoint}: ${model} was stopped by MiniMax on 2026-08-20 (answer: ${original}). Use music-3.0 or ` +
        'music-2.6 on an account with paid music access.',
      apiErrorDetails(error),
      { cause: error },
    );
  }
  if (refusal) {
    return new PermissionDeniedError(
      `${endpoint}: ${model ? `model ${model} is` : 'this endpoint is'} not available to this account ` +
        `(answer: ${original}). ${MUSIC_CLOSED_NOTE}`,
      apiErrorDetails(error),
      { cause: error },
    );
  }
  if (AuthenticationError.isInstance(value)) {
    return new AuthenticationError(`${original}. ${MUSIC_CLOSED_NOTE}`, apiErrorDetails(error), { cause: error });
  }
  return error;
}

/**
 * The media toolset's budget: how many paid jobs (and, optionally, how many seconds of media) one run may start.
 * A run with a session counts every job the session holds, so a resumed session counts the jobs it already has.
 * @module
 */
import type { JobRef } from '../common/jobs.js';
import type { ToolContext } from '../core/tools/define-tool.js';

/** Limits of {@link createMediaToolset}'s creation tools. */
export interface MediaBudget {
  /** Most paid jobs per run (a resumed session counts the jobs already in it). */
  maxJobs?: number;
  /**
   * Most seconds of media per run: finished jobs count their artifact's duration, jobs still running the length
   * they asked for (when known).
   */
  maxSeconds?: number;
}

/** What a run has used so far. */
interface Usage {
  jobs: number;
  seconds: number;
}

const keyOf = (job: JobRef) => `${job.provider}\u0000${job.kind}\u0000${job.id}`;

/** Counts a run's paid jobs and seconds against a {@link MediaBudget}. */
export class MediaBudgetTracker {
  /** Jobs started through this toolset, per run, with the seconds each asked for. */
  private readonly started = new Map<string, Map<string, number>>();

  constructor(private readonly budget: MediaBudget = {}) {}

  /** True when there is any limit to check. */
  get limited(): boolean {
    return this.budget.maxJobs !== undefined || this.budget.maxSeconds !== undefined;
  }

  private async usage(context: ToolContext): Promise<Usage> {
    const own = this.started.get(context.runId) ?? new Map<string, number>();
    const seconds = new Map(own);
    if (context.session) {
      for (const entry of await context.session.read()) {
        if (entry.type !== 'job') continue;
        const key = keyOf(entry.job);
        const duration = entry.artifact?.durationMs;
        seconds.set(key, duration === undefined ? (seconds.get(key) ?? 0) : duration / 1000);
      }
    }
    let total = 0;
    for (const value of seconds.values()) total += value;
    return { jobs: seconds.size, seconds: total };
  }

  /** Why starting one more job (asking for `seconds`, when known) would pass the budget; undefined when it fits. */
  async refusal(context: ToolContext, seconds: number | undefined): Promise<string | undefined> {
    if (!this.limited) return undefined;
    const used = await this.usage(context);
    const { maxJobs, maxSeconds } = this.budget;
    if (maxJobs !== undefined && used.jobs >= maxJobs) {
      return `the media budget of ${maxJobs} paid job(s) for this run is used up (${used.jobs} started)`;
    }
    if (maxSeconds !== undefined && used.seconds + (seconds ?? 0) > maxSeconds) {
      const asked = seconds === undefined ? '' : `, this one asks for ${seconds} s`;
      return `the media budget of ${maxSeconds} s for this run would be passed (${Math.round(used.seconds)} s used${asked})`;
    }
    return undefined;
  }

  /** Notes a started job (and the seconds it asked for) against its run. */
  note(context: ToolContext, job: JobRef, seconds: number | undefined): void {
    let own = this.started.get(context.runId);
    if (own === undefined) {
      own = new Map();
      this.started.set(context.runId, own);
    }
    own.set(keyOf(job), seconds ?? 0);
  }
}

/** The seconds a start input asks for, read from its usual fields (`duration`, `seconds`, `duration_s`). */
export function requestedSeconds(input: unknown): number | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const record = input as Record<string, unknown>;
  for (const key of ['duration', 'seconds', 'duration_s']) {
    const value = Number(record[key]);
    if (record[key] !== undefined && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}

/**
 * A tool context for calling a provider toolset's tools directly in unit tests (not a test file).
 */
import type { JobRef, JobState, MediaArtifact } from '../../src/common/jobs.js';
import type { ToolContext } from '../../src/core/tools/define-tool.js';

/** One `recordJob` call. */
export interface RecordedJob {
  /** The job. */
  job: JobRef;
  /** The state recorded. */
  state: JobState | undefined;
  /** The artifact recorded. */
  artifact: MediaArtifact | undefined;
}

/** A context whose `recordJob` calls land in `recorded` and whose progress messages land in `log`. */
export function toolContext(recorded: RecordedJob[] = [], log: string[] = []): ToolContext {
  return {
    signal: new AbortController().signal,
    runId: 'run_1',
    agent: 'studio',
    callId: 'call_1',
    toolName: 'tool',
    context: undefined,
    depth: 0,
    reportProgress: (progress) => log.push(`progress ${progress.message ?? ''}`),
    recordJob: async (job, options = {}) => {
      log.push(`record ${options.state}`);
      recorded.push({ job, state: options.state, artifact: options.artifact });
    },
  };
}

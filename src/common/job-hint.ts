/**
 * The one wording of how a model goes on with a paid job instead of starting it again (a tool's time limit, a
 * resumed session).
 * @module
 */

/**
 * How a model goes on with a job it must not start again: with the tools the starting tool names (`jobTools`),
 * else the toolset's job tools, and the job's id (named neutrally: each toolset names its id field its own way,
 * `task_id`, `request_id`, `job_id`, and the model reads the field from the tool's schema). Ends a sentence such as
 * "continue …".
 */
export function jobToolsHint(jobId: string, jobTools: readonly string[] | undefined): string {
  return jobTools?.length
    ? `with ${jobTools.join(', ')} and the job id "${jobId}"`
    : `with this toolset's job tools (status, wait, download) and the job id "${jobId}"`;
}

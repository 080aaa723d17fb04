/**
 * The one wording of how a model goes on with a paid job instead of starting it again (a tool's time limit, a
 * resumed session).
 * @module
 */

/**
 * How a model goes on with a job it must not start again: with the tools the starting tool names (`jobTools`),
 * else the toolset's job tools, and the job's id. Ends a sentence such as "continue …".
 */
export function jobToolsHint(jobId: string, jobTools: readonly string[] | undefined): string {
  return jobTools?.length
    ? `with ${jobTools.join(', ')} and job_id "${jobId}"`
    : `with this toolset's job tools (status, wait, download) and job_id "${jobId}"`;
}

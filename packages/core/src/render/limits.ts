/** GitHub's documented size limits for what we write. */
export const LIMITS = {
  /** Issue, pull request and comment bodies (characters). */
  body: 65_536,
  /** Check run `output.summary` / `output.text` (characters). */
  checkOutput: 65_535,
  /** $GITHUB_STEP_SUMMARY per step (bytes). */
  jobSummaryBytes: 1024 * 1024,
  /** Commit status `description` (characters). */
  statusDescription: 140,
} as const;

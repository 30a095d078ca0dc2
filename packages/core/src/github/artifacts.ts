import { unzip } from '../gate/unzip.js';
import type { GitHubClient, RepoRef } from './github-client.js';

interface Run {
  id: number;
  head_sha: string;
  html_url?: string;
}
interface Artifact {
  id: number;
  name: string;
  expired: boolean;
}

export interface ArtifactFile {
  runId: number;
  headSha: string;
  file: string;
  text: string;
}

/**
 * The newest unexpired artifact `name` of a successful run on `branch`, its first file as text: where
 * the default branch's benchmark results live between runs (no commits to a gh-pages branch).
 * Looks at the newest `maxRuns` successful runs; undefined when none has the artifact.
 */
export async function latestArtifactFile(client: GitHubClient, repo: RepoRef, branch: string, name: string, maxRuns = 20): Promise<ArtifactFile | undefined> {
  const { items: runs } = await client.paginate<Run>(
    'GET /repos/{owner}/{repo}/actions/runs',
    { ...repo, branch, status: 'success', exclude_pull_requests: true, per_page: maxRuns },
    maxRuns,
  );
  for (const run of runs) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', { ...repo, run_id: run.id, name });
    const artifact = (data.artifacts as Artifact[]).find((a) => a.name === name && !a.expired);
    if (!artifact) continue;
    const zip = await client.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      ...repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
    });
    const files = unzip(new Uint8Array(zip.data as ArrayBuffer), `artifact ${name} of run ${run.id}`);
    const [file, bytes] = [...files].sort(([a], [b]) => a.localeCompare(b))[0] ?? [];
    if (file === undefined || !bytes) continue;
    return { runId: run.id, headSha: run.head_sha, file, text: bytes.toString('utf8') };
  }
  return undefined;
}

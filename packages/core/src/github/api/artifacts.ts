import type { Endpoints } from '@octokit/types';
import { type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';

export type Artifact = Json<Endpoints['GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts']['response']['data']['artifacts'][number]>;

/** A run's artifacts named `name` (GitHub filters by exact name). */
export async function listRunArtifacts(client: GitHubClient, repo: RepoRef, runId: number, name: string): Promise<Artifact[]> {
  const data = json((await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', { ...repo, run_id: runId, name })).data);
  return data.artifacts;
}

/** An artifact's zip archive, as bytes. */
export async function downloadArtifactZip(client: GitHubClient, repo: RepoRef, artifactId: number): Promise<Uint8Array> {
  const zip = await client.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
    ...repo,
    artifact_id: artifactId,
    archive_format: 'zip',
  });
  // Octokit types the redirect's answer as unknown; the fetch behind it hands back the archive's bytes.
  return new Uint8Array(zip.data as ArrayBuffer);
}

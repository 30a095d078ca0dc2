// Workflow-run artifacts: listed per run, downloaded as zip archives.
import { shape } from '../sample.js';
import type { ArtifactState, RunState } from '../state/index.js';
import { zipOf } from '../zip.js';
import { apiRepoUrl, type Handler, type HandlerContext, HttpError, notFound, ok, target } from './common.js';
import { getRun } from './runs.js';

function renderArtifact(ctx: HandlerContext, run: RunState, a: ArtifactState): Record<string, unknown> {
  const url = `${apiRepoUrl(ctx)}/actions/artifacts/${a.id}`;
  const size = zipOf(a.files).length;
  return shape('artifact', {
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: size,
    url,
    archive_download_url: `${url}/zip`,
    expired: a.expired,
    created_at: a.created_at,
    updated_at: a.created_at,
    expires_at: a.created_at,
    workflow_run: { id: run.id, repository_id: 1, head_repository_id: 1, head_branch: run.head_branch ?? '', head_sha: run.head_sha },
  });
}

export const artifactsHandlers: Record<string, Handler> = {
  'actions/list-workflow-run-artifacts': (ctx) => {
    const run = getRun(ctx);
    const artifacts = ctx.state.artifacts.list({ ...target(ctx), runId: run.id }).filter((a) => ctx.query.name === undefined || a.name === ctx.query.name);
    return ok({ total_count: artifacts.length, artifacts: artifacts.map((a) => renderArtifact(ctx, run, a)) });
  },
  'actions/download-artifact': (ctx) => {
    const artifact = ctx.repo.artifacts.get(Number(ctx.params.artifact_id)) ?? notFound();
    if (artifact.expired) throw new HttpError(410, 'Artifact has expired');
    const zip = zipOf(artifact.files);
    return { status: 302, headers: { location: ctx.blob(() => [zip], 'application/zip') } };
  },
};

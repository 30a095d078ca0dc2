import type { RecordedRequest } from '@closed-loop/testkit';

/**
 * The readable account `closed-loop replay` prints: what each action concluded and every write it made
 * to (fake) GitHub. Plain text for a terminal; no colour codes so it reads the same in CI logs.
 */
export function describeWrite(write: RecordedRequest): string {
  const body = (write.body ?? {}) as Record<string, unknown>;
  const path = write.path.replace(/^\/repos\/[^/]+\/[^/]+/, '');
  const detail = writeDetail(write.operationId ?? '', body);
  return `${write.method.padEnd(6)} ${path} → ${write.status}${detail ? `  ${detail}` : ''}`;
}

/** A request-body field as text: bodies are JSON from our own actions, but typed as unknown here. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function writeDetail(operationId: string, body: Record<string, unknown>): string {
  const first = (value: unknown) =>
    text(value)
      .split('\n')
      .find((l) => l.trim() && !l.startsWith('<!--')) ?? '';
  switch (operationId) {
    case 'repos/create-commit-status':
      return `${text(body.context)}: ${text(body.state)} — ${text(body.description)}`;
    case 'issues/create':
      return `issue "${text(body.title)}"${Array.isArray(body.labels) ? ` [${(body.labels as string[]).join(', ')}]` : ''}`;
    case 'issues/update':
      return (
        [body.state ? `state=${text(body.state)}` : '', body.state_reason ? `(${text(body.state_reason)})` : '', body.title ? `"${text(body.title)}"` : '']
          .filter(Boolean)
          .join(' ') || 'body updated'
      );
    case 'issues/create-comment':
    case 'issues/update-comment':
      return `comment: ${first(body.body).slice(0, 90)}`;
    case 'pulls/create-review':
      return `review (${text(body.event ?? 'COMMENT')}) with ${Array.isArray(body.comments) ? body.comments.length : 0} suggestion(s)`;
    case 'graphql':
      return 'createCommitOnBranch';
    default:
      return '';
  }
}

export function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${n} ms`;
}

export function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

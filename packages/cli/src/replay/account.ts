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

function writeDetail(operationId: string, body: Record<string, unknown>): string {
  const first = (text: unknown) => String(text ?? '').split('\n').find((l) => l.trim() && !l.startsWith('<!--')) ?? '';
  switch (operationId) {
    case 'repos/create-commit-status':
      return `${String(body.context)}: ${String(body.state)} — ${String(body.description ?? '')}`;
    case 'issues/create':
      return `issue "${String(body.title)}"${Array.isArray(body.labels) ? ` [${(body.labels as string[]).join(', ')}]` : ''}`;
    case 'issues/update':
      return [body.state ? `state=${String(body.state)}` : '', body.state_reason ? `(${String(body.state_reason)})` : '', body.title ? `"${String(body.title)}"` : ''].filter(Boolean).join(' ') || 'body updated';
    case 'issues/create-comment':
    case 'issues/update-comment':
      return `comment: ${first(body.body).slice(0, 90)}`;
    case 'pulls/create-review':
      return `review (${String(body.event ?? 'COMMENT')}) with ${Array.isArray(body.comments) ? body.comments.length : 0} suggestion(s)`;
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

import { createHash } from 'node:crypto';

/** The published package (root package.json `name`); hooks tell users to install it when it is missing. */
export const PACKAGE_NAME = 'closed-loop';
export const INSTALL_HINT = `npm i -D ${PACKAGE_NAME} (or npm i -g ${PACKAGE_NAME})`;

/** Marks a hook file as ours, so install is idempotent and uninstall never deletes someone else's hook. */
export const HOOK_MARKER = '# closed-loop managed hook';
/** Where install moves the hook it found; ours runs it first, and uninstall moves it back. */
export const CHAINED_SUFFIX = '.closed-loop-chained';
/** Where uninstall keeps one of our hooks that the user edited, instead of deleting their lines. */
export const EDITED_SUFFIX = '.closed-loop-edited';

/** The CLI arguments each hook runs (after the hook it replaced). */
export const HOOKS: Record<string, string> = {
  'pre-commit': 'scan --staged',
  'commit-msg': 'hooks commit-msg "$1"',
};

/** How the CLI that ran `hooks install` was started: the fallback when neither a local nor a global install exists. */
export interface RecordedCli {
  node: string;
  entry: string;
}

const shQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
const digest = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 16);

/**
 * The hook: run the chained hook first (its failure blocks), then the CLI found the way this repository
 * installed it — local node_modules, then global (PATH), then the path recorded at install (with the node
 * recorded at install when none is on PATH). A missing CLI, or a CLI without a node to run it, never
 * blocks a commit: one line says what to install. The header carries a digest of the body so uninstall
 * can tell our hook from one the user edited.
 */
export function hookScript(name: string, recorded?: RecordedCli): string {
  const args = HOOKS[name];
  const fallback = recorded
    ? `if [ -f ${shQuote(recorded.entry)} ]; then
  if [ -n "$node" ]; then exec node ${shQuote(recorded.entry)} ${args}; fi
  if [ -x ${shQuote(recorded.node)} ]; then exec ${shQuote(recorded.node)} ${shQuote(recorded.entry)} ${args}; fi
  cli=${shQuote(recorded.entry)}
fi
`
    : '';
  const body = `chained="$(dirname "$0")/${name}${CHAINED_SUFFIX}"
if [ -x "$chained" ]; then
  "$chained" "$@" || exit $?
fi
top="$(git rev-parse --show-toplevel 2>/dev/null)"
node="$(command -v node 2>/dev/null)"
cli=""
if [ -n "$top" ] && [ -x "$top/node_modules/.bin/${PACKAGE_NAME}" ]; then
  cli="$top/node_modules/.bin/${PACKAGE_NAME}"
elif command -v ${PACKAGE_NAME} >/dev/null 2>&1; then
  cli="${PACKAGE_NAME}"
fi
if [ -n "$cli" ] && [ -n "$node" ]; then exec "$cli" ${args}; fi
${fallback}if [ -n "$cli" ]; then
  echo "closed-loop: ${name} check skipped, node is not on PATH; install Node.js (https://nodejs.org) or add it to PATH" >&2
else
  echo "closed-loop: ${name} check skipped, the CLI is not installed; install it with: ${INSTALL_HINT}" >&2
fi
exit 0
`;
  return `#!/bin/sh\n${HOOK_MARKER} (${name}) ${digest(body)}. Remove with: ${PACKAGE_NAME} hooks uninstall\n${body}`;
}

export const isOurHook = (text: string): boolean => text.includes(HOOK_MARKER);

/** Whether one of our hooks is byte for byte what install wrote (its body still matches the digest in its header). */
export function isUneditedHook(text: string): boolean {
  const [shebang, header, ...rest] = text.split('\n');
  const m = /^# closed-loop managed hook \([\w-]+\) ([0-9a-f]{16})\. /.exec(header ?? '');
  return shebang === '#!/bin/sh' && m !== null && m[1] === digest(rest.join('\n'));
}

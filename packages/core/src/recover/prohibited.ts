import { GlobList } from '../glob.js';
import { EXECUTABLE_PATHS } from './executable-paths.js';

/**
 * What recover never does, whatever the config says. Config may add paths to this list, never remove
 * them. The executors call these checks right before writing, not only when planning.
 */
const BUILT_IN_PATHS = [
  '.github/**',
  '.git/**',
  '.gitmodules',
  '**/.env',
  '**/.env.*',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/*.jks',
  '**/*.keystore',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/.ssh/**',
  '**/.npmrc',
  '**/.pypirc',
  '**/.netrc',
  '**/.aws/**',
  '**/.docker/config.json',
  '**/credentials',
  '**/credentials.*',
  '**/secrets.*',
];

// Case-insensitive: `.ENV` on a case-insensitive checkout is still `.env`. Compiled once, not per path.
const BUILT_IN = GlobList.of([...BUILT_IN_PATHS, ...EXECUTABLE_PATHS], { nocase: true });

/**
 * The first prohibited pattern a repository path matches, or undefined. `extra` (the config's
 * `recover.patch.prohibited_paths`) only adds: a `!` pattern there narrows what the extra list
 * prohibits, never the built-in list.
 */
export function prohibitedPath(path: string, extra: readonly string[] = []): string | undefined {
  const normal = path.replace(/\\/g, '/').replace(/^\.\/+/, '');
  if (normal.split('/').includes('..')) return '..';
  return BUILT_IN.firstMatch(normal) ?? (extra.length ? GlobList.of(extra, { nocase: true }).firstMatch(normal) : undefined);
}

export interface PushTarget {
  branch: string | null;
  defaultBranch: string;
  protected: boolean;
}

/** Why a push to this branch is not allowed, or undefined when it is. Force-pushes do not exist in our code. */
export function pushRefusal(target: PushTarget): string | undefined {
  if (!target.branch) return 'the run has no branch to push to';
  if (target.branch === target.defaultBranch) return `never pushing to the default branch ${target.branch}`;
  if (target.protected) return `never pushing to the protected branch ${target.branch}`;
  return undefined;
}

// Collaborators' permission levels.
import { shape } from '../sample.js';
import type { RepoRole } from '../state/index.js';
import { type Handler, HttpError, ok, renderUser } from './common.js';

// GitHub reports the legacy three-level permission alongside the precise role.
const LEGACY: Record<RepoRole, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

export const collaboratorsHandlers: Record<string, Handler> = {
  'repos/get-collaborator-permission-level': (ctx) => {
    const username = String(ctx.params.username);
    const role = ctx.repo.collaborators.get(username) ?? (ctx.state.users.get(username) ? (ctx.repo.private ? 'none' : 'read') : undefined);
    if (!role) throw new HttpError(404, `${username} is not a user`);
    const legacy = LEGACY[role];
    const perms = {
      admin: role === 'admin',
      maintain: role === 'admin' || role === 'maintain',
      push: ['admin', 'maintain', 'write'].includes(role),
      triage: role !== 'read' && role !== 'none',
      pull: role !== 'none',
    };
    return ok(
      shape('repository-collaborator-permission', {
        permission: legacy,
        role_name: role,
        user: {
          ...renderUser(ctx, username),
          permissions: perms,
          role_name: role,
        },
      }),
    );
  },
};

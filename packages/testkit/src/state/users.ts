// Users and bots: created the first time a login appears (a seed, a token, a rendered author).
export interface UserRef {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

export class Users {
  private readonly byLogin = new Map<string, UserRef>();

  /** The user of that login, created if new (a `[bot]` suffix makes a Bot unless `type` says otherwise). */
  add(login: string, type?: 'Bot' | 'User'): UserRef {
    let u = this.byLogin.get(login);
    if (!u) {
      u = { login, id: 5000 + this.byLogin.size, type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User') };
      this.byLogin.set(login, u);
    }
    return u;
  }

  get(login: string): UserRef | undefined {
    return this.byLogin.get(login);
  }

  list(): UserRef[] {
    return [...this.byLogin.values()];
  }
}

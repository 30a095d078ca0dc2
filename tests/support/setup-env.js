// Tests make real commits; a fresh machine (or CI user) may have no git identity configured.
// Supply one only where none is set, so the suite never depends on the machine's ~/.gitconfig.
for (const [key, value] of Object.entries({
  GIT_AUTHOR_NAME: 'closed-loop tests',
  GIT_AUTHOR_EMAIL: 'tests@closed-loop.invalid',
  GIT_COMMITTER_NAME: 'closed-loop tests',
  GIT_COMMITTER_EMAIL: 'tests@closed-loop.invalid',
})) {
  process.env[key] ??= value;
}

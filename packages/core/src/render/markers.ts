/**
 * Hidden markers identify what we wrote (a sticky comment, an issue per failure signature) so we can
 * find it again and update it in place. Match them only in bodies written by our own bot login:
 * anyone can paste a marker into their own comment.
 */
const PREFIX = 'closed-loop';

export function marker(kind: string, key: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new Error(`marker kind must be kebab-case: ${kind}`);
  if (/\s|--|>/.test(key)) throw new Error(`marker key must not contain whitespace, "--" or ">": ${key}`);
  return `<!-- ${PREFIX}:${kind} ${key} -->`;
}

/** The start of every marker of a kind, whatever its key: to find all of them in bodies. */
export function markerPrefix(kind: string): string {
  return `<!-- ${PREFIX}:${kind} `;
}

export function hasMarker(body: string | null | undefined, kind: string, key: string): boolean {
  return !!body && body.includes(marker(kind, key));
}

/** Values of a kind of marker in a body, in order: e.g. to read back state we stored in it. */
export function readMarkers(body: string | null | undefined, kind: string): string[] {
  if (!body) return [];
  const re = new RegExp(`<!-- ${PREFIX}:${kind} (\\S+) -->`, 'g');
  return [...body.matchAll(re)].map((m) => m[1] ?? '');
}

export function repositorySlug(): string;
export function pinnedFiles(): string[];
export function ownReference(slug: string): RegExp;

// Checked access for values the surrounding logic guarantees: a clear error instead of a non-null assertion.
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`testkit invariant: ${what} is missing`);
  return value;
}

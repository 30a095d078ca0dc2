export const validatorPath: string;
export function validatorSource(schema: unknown): string;
export function loadConfigSchema(): Promise<unknown>;

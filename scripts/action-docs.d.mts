export const START: string;
export const END: string;
export function usageBlock(actionYml: string, name: string, ref?: string): string;
export function withUsage(page: string, block: string): string;

export const validatorPath: string;
export function validatorSource(schema: unknown): string;
export function loadConfigSchema(): Promise<unknown>;
export const typesPath: string;
export function sectionTypeName(key: string): string;
export function typesSource(schema: unknown): Promise<string>;
export const scanValidatorPath: string;
export function scanSectionSchema(schema: unknown): unknown;

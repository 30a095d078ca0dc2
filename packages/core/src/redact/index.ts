export * from './redactor.js';
export * from './patterns.js';
export * from './deep.js';

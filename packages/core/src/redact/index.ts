export * from './redactor.js';
export * from './patterns.js';

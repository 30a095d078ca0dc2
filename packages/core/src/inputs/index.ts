export * from './inputs.js';

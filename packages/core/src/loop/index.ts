export * from './verify-trigger.js';

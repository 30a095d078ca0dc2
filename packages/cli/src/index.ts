export * from './command.js';
export { main, ROOT } from './main.js';

// Its own module so an `import()` of it is a chunk holding the config loader and its schema validator only
// (an `import()` of '@closed-loop/core' would load every engine with it).
export { loadConfig } from '@closed-loop/core';

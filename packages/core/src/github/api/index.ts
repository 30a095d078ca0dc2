// One module per GitHub resource; each endpoint is wrapped once, typed by octokit's route types.
export * from './artifacts.js';
export * from './collaborators.js';
export * from './commits.js';
export * from './contents.js';
export * from './graphql.js';
export * from './issues.js';
export * from './pulls.js';
export * from './repos.js';
export * from './reviews.js';
export * from './runs.js';
export * from './statuses.js';

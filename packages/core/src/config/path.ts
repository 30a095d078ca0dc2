/** Where a repository keeps its closed-loop settings. Its own module: naming the file (the CLI's command list does) loads no schema. */
export const CONFIG_PATH = '.github/closed-loop.yml';

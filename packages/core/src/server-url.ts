/** github.com's web UI: where links point when GITHUB_SERVER_URL does not say otherwise (no I/O: engines may import it). */
export const DEFAULT_SERVER_URL = 'https://github.com';

/**
 * One `::error::` line written by hand, escaped as @actions/core's `escapeData`, for the two places that
 * answer before @actions/core is loaded: the preflight and checkInputs at an entry's start. Loading
 * @actions/core is not free there: it pulls @actions/http-client and undici, most of a bundle's start.
 * `message` is one line already (oneLine); the escaping keeps a stray `%` from reading as an escape.
 */
export function writeErrorLine(message: string): void {
  process.stdout.write(`::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
}

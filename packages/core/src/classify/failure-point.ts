/**
 * Where a log says a command failed, and which command: the locator the decision starts from. Each
 * form is the CI system's or the tool's own wording:
 * - Travis CI: `The command "npm test" exited with 1.` (and `failed and exited with N` for retries);
 * - GitHub Actions: `##[error]Process completed with exit code N.` (the command is the step);
 * - GitLab CI: `ERROR: Job failed: exit code N`; Jenkins: `Build step 'Execute shell' marked build as failure`;
 * - GNU make: `make: *** [Makefile:12: test] Error 2` / `make[1]: *** [lint] Error 1` (not `(ignored)`);
 * - npm: `npm ERR! Failed at the pkg@1.0.0 test script.`, `npm ERR! Lifecycle script \`lint\` failed`.
 */
export interface FailurePoint {
  /** The command or step that failed, as far as the line says (empty: the runner's current step). */
  command: string;
}

const TRAVIS = /^The command "(.+)" (?:failed and )?exited with [1-9]\d*\.?$/;
const GHA_EXIT = /^Process completed with exit code [1-9]/;
const GITLAB = /^ERROR: Job failed: exit (?:code|status) [1-9]/;
const JENKINS = /^Build step '(.+)' marked build as failure/;
const MAKE = /^g?make(?:\[\d+\])?: \*\*\* \[(?:[^\]]*?: ?)?([^\]:\s]+)\] Error [1-9]\d*$/;
const NPM_SCRIPT = /^npm ERR! (?:Failed at the \S+ ([\w:.-]+) script|Lifecycle script `([\w:.-]+)` failed)/;

/** The failure point a cleaned line announces, if any; `errorMarker` is a GitHub `##[error]` line. */
export function failurePoint(text: string, errorMarker: boolean): FailurePoint | undefined {
  const c = text.charCodeAt(0);
  if (c === 84 /* T */) {
    const m = TRAVIS.exec(text);
    return m ? { command: m[1] as string } : undefined;
  }
  if (errorMarker && GHA_EXIT.test(text)) return { command: '' };
  if (c === 69 /* E */) return GITLAB.test(text) ? { command: '' } : undefined;
  if (c === 66 /* B */) {
    const m = JENKINS.exec(text);
    return m ? { command: m[1] as string } : undefined;
  }
  if (c === 109 /* m */ || c === 103 /* g */) {
    const m = MAKE.exec(text);
    return m ? { command: `make ${m[1] as string}` } : undefined;
  }
  if (c === 110 /* n */) {
    const m = NPM_SCRIPT.exec(text);
    return m ? { command: `npm run ${(m[1] ?? m[2]) as string}` } : undefined;
  }
  return undefined;
}

/** A line that starts a command: Travis echoes `$ cmd`, GitHub Actions opens a `Run …` group. */
export function commandStart(text: string): string | undefined {
  if (text.charCodeAt(0) === 36 /* $ */ && text.charCodeAt(1) === 32) return text.slice(2);
  return undefined;
}

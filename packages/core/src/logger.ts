/**
 * The logging surface every engine adapter and executor uses. Actions back it with @actions/core,
 * the CLI with stderr, tests with a recorder. Groups always close, even when the body throws.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, annotation?: Annotation): void;
  error(message: string, annotation?: Annotation): void;
  startGroup(name: string): void;
  endGroup(): void;
}

export interface Annotation {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
}

export async function withGroup<T>(logger: Logger, name: string, body: () => Promise<T> | T): Promise<T> {
  logger.startGroup(name);
  try {
    return await body();
  } finally {
    logger.endGroup();
  }
}

export interface RecordedLine {
  level: 'debug' | 'info' | 'warning' | 'error' | 'group' | 'endgroup';
  message: string;
  /** Where a warning or error points (file:line annotations). */
  annotation?: Annotation;
}

/** A logger that keeps what it was told: for tests, and for the CLI's --json mode. */
export class RecordingLogger implements Logger {
  readonly lines: RecordedLine[] = [];
  private depth = 0;
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string, annotation?: Annotation): void {
    this.lines.push({ level: 'warning', message, ...(annotation ? { annotation } : {}) });
  }
  error(message: string, annotation?: Annotation): void {
    this.lines.push({ level: 'error', message, ...(annotation ? { annotation } : {}) });
  }
  startGroup(name: string): void {
    this.depth++;
    this.lines.push({ level: 'group', message: name });
  }
  endGroup(): void {
    this.depth--;
    this.lines.push({ level: 'endgroup', message: '' });
  }
  /** Groups still open: must be 0 after any run, whatever happened inside. */
  get openGroups(): number {
    return this.depth;
  }
  messages(level?: RecordedLine['level']): string[] {
    return this.lines.filter((l) => !level || l.level === level).map((l) => l.message);
  }
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
  startGroup() {},
  endGroup() {},
};

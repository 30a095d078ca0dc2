import { actionContext } from './action/context.js';

/** Time as a dependency, so engines and executors are deterministic under test. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that only moves when told (or when slept on): for tests. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  sleep(ms: number): Promise<void> {
    this.current += ms;
    return Promise.resolve();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Random source as a dependency (jitter, sampling): mulberry32, seeded. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The clock the actions run with. `CLOSED_LOOP_FIXED_NOW` (an ISO time) fixes it, for replays against the
 * fake GitHub only: it is honoured when the API is on the loopback interface, never against real GitHub.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const fixed = env.CLOSED_LOOP_FIXED_NOW;
  const api = actionContext(env).apiUrl;
  if (!fixed || !/^https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:\/|$)/.test(api)) return systemClock;
  const at = Date.parse(fixed);
  if (Number.isNaN(at)) return systemClock;
  return new ManualClock(at);
}

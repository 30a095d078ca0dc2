import { LOOP_STORIES, type Story } from './stories.js';
import { MERGE_GUARD_STORIES } from './merge-guard-stories.js';
import { TRUST_STORIES } from './trust-stories.js';
import { QUALITY_GATE_STORIES } from './quality-gate-stories.js';
import { OPERATIONS_STORIES } from './operations-stories.js';

/**
 * Every story `closed-loop replay` knows, in the order `npm run demo` plays them. Each area keeps its
 * stories in a file of its own beside this one and adds them here.
 */
export const STORIES: Story[] = [...LOOP_STORIES, ...MERGE_GUARD_STORIES, ...TRUST_STORIES, ...QUALITY_GATE_STORIES, ...OPERATIONS_STORIES];

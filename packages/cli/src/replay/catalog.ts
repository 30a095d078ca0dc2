import { LOOP_STORIES, type Story } from './stories.js';
import { MERGE_GUARD_STORIES } from './merge-guard-stories.js';

/**
 * Every story `closed-loop replay` knows, in the order `npm run demo` plays them. Each area keeps its
 * stories in a file of its own beside this one and adds them here.
 */
export const STORIES: Story[] = [...LOOP_STORIES, ...MERGE_GUARD_STORIES];

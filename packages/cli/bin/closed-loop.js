#!/usr/bin/env node
// The CLI ships as the committed ncc bundle so `npx closed-loop` works straight after `npm ci`.
import '../../../dist/cli/index.js';

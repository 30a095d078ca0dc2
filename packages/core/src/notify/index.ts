// The notify engine (pure): routing, state changes kept in hidden ledgers, and every channel's text.
export {
  CHANNELS as NOTIFY_CHANNELS,
  DEFAULT_NOTIFY_SETTINGS,
  channelsFor,
  notifySettings,
  parseSeverity as parseNotifySeverity,
  type Channel as NotifyChannel,
  type NotifySettings,
} from './settings.js';
export {
  estimateSentence,
  formatDuration,
  recoveryEstimate,
  type RecoveryEstimate,
  isStateChange,
  readLedger,
  recordFailure,
  recordResolution,
  scopeKey,
  scopeMarker,
  type FailureChange,
  withBreakerReset,
  type BreakerResetShown,
  type Ledger,
  type LedgerBreaker,
  type LedgerRun,
} from './ledger.js';
export { sanitise } from './sanitise.js';
export { issueTitle } from './parts.js';
export {
  finishBody,
  jobsTable,
  renderBreakerUpdate,
  renderComment,
  renderIssue,
  renderResolvedComment,
  renderResolvedIssue,
  renderSummary,
  type MarkdownContext,
} from './markdown.js';
export { renderFailureStatus, renderSuccessStatus, type StatusContent } from './status.js';
export { failureMessage, resolutionMessage, slackPayload, teamsPayload, type ChatMessage } from './chat.js';
export { asRecoverOutcome, asVerdict } from './input.js';
export { familyMarker, issueLabels, issueMarker, previewChannels, type Preview } from './plan.js';
export * from './escalation.js';
export * from './digest.js';

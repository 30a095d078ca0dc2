import { ConfigurationError, parseNotifySeverity, type Inputs, type Severity } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
  environment: string | undefined;
  /** JSON text or a path to the verdict file; empty on a green run (resolution). */
  verdict: string | undefined;
  recoverOutcome: string | undefined;
  severity: Severity | undefined;
  statusContext: string | undefined;
  slackWebhookUrl: string | undefined;
  teamsWebhookUrl: string | undefined;
  botLogin: string;
  /** `sweep`: the scheduled escalation pass instead of one run's notification. */
  phase: 'sweep' | undefined;
}

export function readInputs(inputs: Inputs): ActionInputs {
  const severity = inputs.optional('severity');
  const phase = inputs.optional('phase');
  if (phase !== undefined && phase !== 'sweep') throw new ConfigurationError(`Input phase must be empty or "sweep"; got "${phase}".`);
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    environment: inputs.optional('environment'),
    verdict: inputs.optional('verdict'),
    recoverOutcome: inputs.optional('recover-outcome'),
    severity: severity === undefined ? undefined : parseNotifySeverity(severity, 'Input severity'),
    statusContext: inputs.optional('status-context'),
    // Webhook URLs are credentials: registered for masking and redaction before anything can print them.
    slackWebhookUrl: webhookUrl(inputs.secret('slack-webhook-url'), 'slack-webhook-url'),
    teamsWebhookUrl: webhookUrl(inputs.secret('teams-webhook-url'), 'teams-webhook-url'),
    botLogin: inputs.optional('bot-login', 'github-actions[bot]'),
    phase,
  };
}

/**
 * A chat webhook must be an https URL, checked before any API call so a typo fails the step at once.
 * The answer never repeats the value: a webhook URL is a credential.
 */
function webhookUrl(value: string | undefined, input: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:')
    throw new ConfigurationError(`Input ${input} is not an https:// URL; pass the incoming-webhook URL from a secret (the value is not shown here).`);
  return value;
}

import type { Notifier } from '../service/dialogue/context.js';

/**
 * Posts escalations as JSON to an operator's webhook (a chat bridge, a pager). One attempt per
 * escalation with a short timeout; the alarm stays in the API either way, and re-escalation
 * tries again later.
 */
export class WebhookNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 5000,
  ) {}

  async notify(event: Record<string, unknown>): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'parley', ...event }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}

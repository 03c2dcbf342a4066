/**
 * Change tokens for the browser UI's live refresh: short opaque strings that change whenever
 * what a page shows may have changed, so that a page polls one cheap endpoint and reloads its
 * data only when a token moved (docs/ui.md, "Live updates").
 *
 * A channel's token covers its state and, per log in it, the size and how far the log has been
 * projected (timeline, tracked items, receipts): a peer's envelope moves the size when it is
 * stored and the projection cursor once the timeline holds it, so a page that reloaded in
 * between reloads once more. The alarms token covers the open alarms and the newest one.
 *
 * Cost per call: one read of the log heads, the channels and the open alarms (at most
 * `ALARMS_LIMIT`), and one point read per log for its projection cursor. Nothing here grows
 * with the number of envelopes.
 */
import { toBase64Url } from '../core/bytes/index.js';
import { sha256 } from '../core/sig/index.js';
import type { DialogueStore } from '../store/dialogue.types.js';
import type { Store } from '../store/index.js';

/** As many open alarms as the UI lists (DialogueService.alarms). */
const ALARMS_LIMIT = 500;

export interface UiChangeSnapshot {
  /** Moves whenever any token below moves. */
  readonly version: string;
  /** Per channel id: its state and its logs' sizes and projection cursors. */
  readonly channels: Readonly<Record<string, string>>;
  /** The open alarms and the newest alarm. */
  readonly alarms: string;
}

export type UiChangesStore = Pick<Store, 'listLogs'> & {
  readonly dialogue: Pick<DialogueStore, 'listChannels' | 'getProjected' | 'listAlarms'>;
};

const encoder = new TextEncoder();
const tokenOf = (parts: unknown): string =>
  toBase64Url(sha256(encoder.encode(JSON.stringify(parts)))).slice(0, 16);

/** Computes the UI's change tokens from the store. Knows no HTTP. */
export class UiChanges {
  constructor(private readonly store: UiChangesStore) {}

  async snapshot(): Promise<UiChangeSnapshot> {
    const d = this.store.dialogue;
    const [logs, channels, open, [newest]] = await Promise.all([
      this.store.listLogs(),
      d.listChannels(),
      d.listAlarms({ open: true, limit: ALARMS_LIMIT }),
      d.listAlarms({ limit: 1 }),
    ]);
    const projected = await Promise.all(logs.map((l) => d.getProjected(l.channel, l.author)));
    const parts = new Map<string, unknown[]>(channels.map((c) => [c.id, [c.state]]));
    logs.forEach((l, i) => {
      const p = parts.get(l.channel) ?? [];
      p.push([l.author, l.size, projected[i]]);
      parts.set(l.channel, p);
    });
    const byChannel: Record<string, string> = {};
    for (const [id, p] of [...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      byChannel[id] = tokenOf(p);
    const alarms = tokenOf([newest?.id ?? 0, open.map((a) => a.id)]);
    return { version: tokenOf([byChannel, alarms]), channels: byChannel, alarms };
  }
}

/** English strings of live updates (lib/live), kept apart from en.ts; en.ts spreads them in. */
export const liveEn = {
  'live.live': 'Live updates on',
  'live.paused': 'Live updates paused while the tab is hidden',
  'live.offline': 'Live updates: the node cannot be reached, retrying',
} as const;

/** The app's pages. The node serves index.html at each of these (src/http/plugins/static-ui.ts UI_ROUTES). */
import type { MessageKey } from '../lib/i18n/en';

export const NAV: readonly { path: string; label: MessageKey }[] = [
  { path: '/overview', label: 'nav.overview' },
  { path: '/channels', label: 'nav.channels' },
  { path: '/report', label: 'nav.report' },
  { path: '/infrastructure', label: 'nav.infrastructure' },
  { path: '/comparisons', label: 'nav.comparisons' },
  { path: '/contacts', label: 'nav.contacts' },
  { path: '/verification', label: 'nav.verification' },
  { path: '/settings', label: 'nav.settings' },
];

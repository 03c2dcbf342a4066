/** The threat level and critical-infrastructure features (service layer). */
export {
  ThreatService,
  type ThreatServiceDeps,
  type ThreatSender,
  type LevelView,
  type PublishedLevel,
  type ExplainedIncident,
  type DesignationInput,
  type MatchQuery,
} from './threat-service.js';
export type { DesignationVersion } from './designation-book.js';
export { ThreatNotFoundError } from './threat-error.js';
export { entryKey } from './score-notification.js';
export { aggregateId } from './threat-rebuild.js';
export type { NotificationView } from './incident-view.js';

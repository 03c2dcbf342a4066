/**
 * The OASIS STIX 2.1 JSON schemas (see SOURCE.md), as static JSON imports so that core needs no fs.
 * Keyed by path relative to this folder ('sdos/incident.json'); each value keeps its upstream `$id`.
 */
import commonBinary from './common/binary.json' with { type: 'json' };
import commonCore from './common/core.json' with { type: 'json' };
import commonCyberObservableCore from './common/cyber-observable-core.json' with { type: 'json' };
import commonDictionary from './common/dictionary.json' with { type: 'json' };
import commonExtensionDefinition from './common/extension-definition.json' with { type: 'json' };
import commonExtension from './common/extension.json' with { type: 'json' };
import commonExternalReference from './common/external-reference.json' with { type: 'json' };
import commonGranularMarking from './common/granular-marking.json' with { type: 'json' };
import commonHashesType from './common/hashes-type.json' with { type: 'json' };
import commonHex from './common/hex.json' with { type: 'json' };
import commonIdentifier from './common/identifier.json' with { type: 'json' };
import commonKillChainPhase from './common/kill-chain-phase.json' with { type: 'json' };
import commonLanguageContent from './common/language-content.json' with { type: 'json' };
import commonMarkingDefinition from './common/marking-definition.json' with { type: 'json' };
import commonProperties from './common/properties.json' with { type: 'json' };
import commonTimestamp from './common/timestamp.json' with { type: 'json' };
import commonUrlRegex from './common/url-regex.json' with { type: 'json' };
import observablesArtifact from './observables/artifact.json' with { type: 'json' };
import observablesAutonomousSystem from './observables/autonomous-system.json' with { type: 'json' };
import observablesDirectory from './observables/directory.json' with { type: 'json' };
import observablesDomainName from './observables/domain-name.json' with { type: 'json' };
import observablesEmailAddr from './observables/email-addr.json' with { type: 'json' };
import observablesEmailMessage from './observables/email-message.json' with { type: 'json' };
import observablesFile from './observables/file.json' with { type: 'json' };
import observablesIpv4Addr from './observables/ipv4-addr.json' with { type: 'json' };
import observablesIpv6Addr from './observables/ipv6-addr.json' with { type: 'json' };
import observablesMacAddr from './observables/mac-addr.json' with { type: 'json' };
import observablesMutex from './observables/mutex.json' with { type: 'json' };
import observablesNetworkTraffic from './observables/network-traffic.json' with { type: 'json' };
import observablesProcess from './observables/process.json' with { type: 'json' };
import observablesSoftware from './observables/software.json' with { type: 'json' };
import observablesUrl from './observables/url.json' with { type: 'json' };
import observablesUserAccount from './observables/user-account.json' with { type: 'json' };
import observablesWindowsRegistryKey from './observables/windows-registry-key.json' with { type: 'json' };
import observablesX509Certificate from './observables/x509-certificate.json' with { type: 'json' };
import sdosAttackPattern from './sdos/attack-pattern.json' with { type: 'json' };
import sdosCampaign from './sdos/campaign.json' with { type: 'json' };
import sdosCourseOfAction from './sdos/course-of-action.json' with { type: 'json' };
import sdosGrouping from './sdos/grouping.json' with { type: 'json' };
import sdosIdentity from './sdos/identity.json' with { type: 'json' };
import sdosIncident from './sdos/incident.json' with { type: 'json' };
import sdosIndicator from './sdos/indicator.json' with { type: 'json' };
import sdosInfrastructure from './sdos/infrastructure.json' with { type: 'json' };
import sdosIntrusionSet from './sdos/intrusion-set.json' with { type: 'json' };
import sdosLocation from './sdos/location.json' with { type: 'json' };
import sdosMalwareAnalysis from './sdos/malware-analysis.json' with { type: 'json' };
import sdosMalware from './sdos/malware.json' with { type: 'json' };
import sdosNote from './sdos/note.json' with { type: 'json' };
import sdosObservedData from './sdos/observed-data.json' with { type: 'json' };
import sdosOpinion from './sdos/opinion.json' with { type: 'json' };
import sdosReport from './sdos/report.json' with { type: 'json' };
import sdosThreatActor from './sdos/threat-actor.json' with { type: 'json' };
import sdosTool from './sdos/tool.json' with { type: 'json' };
import sdosVulnerability from './sdos/vulnerability.json' with { type: 'json' };
import srosRelationship from './sros/relationship.json' with { type: 'json' };
import srosSighting from './sros/sighting.json' with { type: 'json' };

/** Every schema Parley registers, keyed by its path under schemas/ ('common/core.json'). */
export const STIX_SCHEMAS: Readonly<Record<string, object>> = {
  'common/binary.json': commonBinary,
  'common/core.json': commonCore,
  'common/cyber-observable-core.json': commonCyberObservableCore,
  'common/dictionary.json': commonDictionary,
  'common/extension-definition.json': commonExtensionDefinition,
  'common/extension.json': commonExtension,
  'common/external-reference.json': commonExternalReference,
  'common/granular-marking.json': commonGranularMarking,
  'common/hashes-type.json': commonHashesType,
  'common/hex.json': commonHex,
  'common/identifier.json': commonIdentifier,
  'common/kill-chain-phase.json': commonKillChainPhase,
  'common/language-content.json': commonLanguageContent,
  'common/marking-definition.json': commonMarkingDefinition,
  'common/properties.json': commonProperties,
  'common/timestamp.json': commonTimestamp,
  'common/url-regex.json': commonUrlRegex,
  'observables/artifact.json': observablesArtifact,
  'observables/autonomous-system.json': observablesAutonomousSystem,
  'observables/directory.json': observablesDirectory,
  'observables/domain-name.json': observablesDomainName,
  'observables/email-addr.json': observablesEmailAddr,
  'observables/email-message.json': observablesEmailMessage,
  'observables/file.json': observablesFile,
  'observables/ipv4-addr.json': observablesIpv4Addr,
  'observables/ipv6-addr.json': observablesIpv6Addr,
  'observables/mac-addr.json': observablesMacAddr,
  'observables/mutex.json': observablesMutex,
  'observables/network-traffic.json': observablesNetworkTraffic,
  'observables/process.json': observablesProcess,
  'observables/software.json': observablesSoftware,
  'observables/url.json': observablesUrl,
  'observables/user-account.json': observablesUserAccount,
  'observables/windows-registry-key.json': observablesWindowsRegistryKey,
  'observables/x509-certificate.json': observablesX509Certificate,
  'sdos/attack-pattern.json': sdosAttackPattern,
  'sdos/campaign.json': sdosCampaign,
  'sdos/course-of-action.json': sdosCourseOfAction,
  'sdos/grouping.json': sdosGrouping,
  'sdos/identity.json': sdosIdentity,
  'sdos/incident.json': sdosIncident,
  'sdos/indicator.json': sdosIndicator,
  'sdos/infrastructure.json': sdosInfrastructure,
  'sdos/intrusion-set.json': sdosIntrusionSet,
  'sdos/location.json': sdosLocation,
  'sdos/malware-analysis.json': sdosMalwareAnalysis,
  'sdos/malware.json': sdosMalware,
  'sdos/note.json': sdosNote,
  'sdos/observed-data.json': sdosObservedData,
  'sdos/opinion.json': sdosOpinion,
  'sdos/report.json': sdosReport,
  'sdos/threat-actor.json': sdosThreatActor,
  'sdos/tool.json': sdosTool,
  'sdos/vulnerability.json': sdosVulnerability,
  'sros/relationship.json': srosRelationship,
  'sros/sighting.json': srosSighting,
};

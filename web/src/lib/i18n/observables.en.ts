/**
 * English strings of the report form's observables and of what the incident page says about them,
 * kept apart from en.ts so that pages built in parallel do not edit one long file.
 */
export const observablesEn = {
  'report.obs': 'Observables',
  'report.obs.intro':
    'Addresses, address ranges, domains, URLs and AS numbers are matched by each node against the designated critical infrastructure: one inside a designated asset raises the incident’s level. E-mail addresses and file hashes travel as evidence only. Each is sent as a STIX 2.1 cyber-observable under one observed-data tied to the incident.',
  'report.obs.none': 'No observables.',
  'report.obs.add': 'Add an observable',
  'report.obs.remove': 'Remove',
  'report.obs.removeN': 'Remove observable {n}',
  'report.obs.typeN': 'Type of observable {n}',
  'report.obs.valueN': 'Value of observable {n}',
  'report.obs.matchable': 'matched against designations',
  'report.obs.evidence': 'evidence only',
  'report.obs.type.ipv4-addr': 'IPv4 address or CIDR range',
  'report.obs.type.ipv6-addr': 'IPv6 address or CIDR range',
  'report.obs.type.domain-name': 'Domain name',
  'report.obs.type.url': 'URL',
  'report.obs.type.autonomous-system': 'Autonomous system (AS number)',
  'report.obs.type.email-addr': 'E-mail address',
  'report.obs.type.file-sha256': 'File hash (SHA-256)',
  'report.obs.problem.empty': 'Enter a value.',
  'report.obs.problem.ipv4':
    'Not an IPv4 address: four numbers 0–255 separated by dots, e.g. 198.51.100.7 or 198.51.100.0/24.',
  'report.obs.problem.ipv6':
    'Not an IPv6 address, e.g. 2001:db8::1 or 2001:db8::/48 (without a dotted IPv4 tail).',
  'report.obs.problem.prefix': 'The prefix length after “/” must be 0–{max}.',
  'report.obs.problem.host-bits':
    'Host bits are set after the prefix: give the network address of the range (e.g. 198.51.100.0/24), or a single address without “/”.',
  'report.obs.problem.domain': 'Not a domain name, e.g. mail.example.org.',
  'report.obs.problem.url': 'Not an absolute URL with a host, e.g. https://example.org/login.',
  'report.obs.problem.asn': 'Not an AS number: 0–4294967295, with or without “AS”.',
  'report.obs.problem.email': 'Not an e-mail address, e.g. name@example.org.',
  'report.obs.problem.sha256': 'A SHA-256 hash is 64 hexadecimal digits.',
  'report.obs.problem.duplicate': 'The same observable is already listed above.',
  'report.obs.fix': 'Correct the observables marked above before sending.',
  'stix.observedCount': '{n} observables, tied to the incident',
  'incident.match.kind.ipv4': 'IPv4 range',
  'incident.match.kind.ipv6': 'IPv6 range',
  'incident.match.kind.domain': 'domain',
  'incident.match.kind.asn': 'AS number',
  'incident.match.kind.sector': 'sector',
  'incident.observables': 'Observables that matched',
  'incident.observables.entries': 'Designation entries',
  'incident.observables.type': 'Observable',
  'incident.observables.value': 'Value',
} as const;

/** The designated-infrastructure deadline on a receiver with a clock ahead, on SQLite (see the suite). */
import { runThreatCiDeadlineSkew } from './threat-ci-deadline-skew-suite.js';

runThreatCiDeadlineSkew('SQLite');

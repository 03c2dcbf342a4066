/** Issue 5's scenario over two real nodes on SQLite (see threat-scenario-suite.ts). */
import { runThreatScenario } from './threat-scenario-suite.js';

runThreatScenario('SQLite');

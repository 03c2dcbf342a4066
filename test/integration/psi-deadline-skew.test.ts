/** List-comparison deadlines on a receiver with a clock ahead, on SQLite (see the suite). */
import { runPsiDeadlineSkew } from './psi-deadline-skew-suite.js';

runPsiDeadlineSkew('SQLite');

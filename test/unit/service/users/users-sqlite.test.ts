import { runUsersSuite } from './users-suite.js';
import { sqliteUsers } from './users-fixtures.js';

runUsersSuite('SQLite', sqliteUsers);

import { pino, destination, stdTimeFunctions, type Logger } from 'pino';

/**
 * Structured JSON logs (pino) on stderr, so stdout stays for data. Keys, tokens and database
 * passwords are redacted by path wherever they might appear.
 */
export function createLogger(level: string, name = 'parley'): Logger {
  return pino(
    {
      name,
      level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      redact: {
        paths: [
          '*.seed',
          '*.privateKey',
          '*.passphrase',
          '*.password',
          '*.token',
          'req.headers.authorization',
          'req.headers.cookie',
          '*.databaseUrl',
          'store.url',
          '*.store.url',
        ],
        censor: '[redacted]',
      },
    },
    destination({ fd: 2, sync: false }),
  );
}

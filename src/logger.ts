/**
 * Structured logging with pino. User text is never logged: log fields, not messages, and the
 * redact list drops the fields that could carry what a user typed.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'motpart' },
      redact: { paths: ['text', 'question', '*.text', '*.question', 'body', 'req.body', 'payload'], censor: '[dold]' },
    },
    destination ?? pino.destination(2),
  );
}

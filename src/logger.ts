/**
 * Structured logging with pino: JSON lines on stdout. User text is never logged: log fields, not
 * messages, and the redact list drops the fields that could carry what a user typed. As a last
 * line of defence every string in a log line (message included) passes the personal-number guard,
 * and an Error logged as it is shrinks to what safeError keeps.
 */
import { pino, type Logger } from 'pino';
import { withoutPersonalNumbers } from './core/text/pii.js';

export type { Logger };

/**
 * What may be logged about an error: its kind and where it came from. Messages are left out: a
 * framework's message can quote a request body, a URL or a display name (botbuilder's RestError
 * carries the whole outgoing activity), and the first stack line repeats the message.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & { code?: unknown; statusCode?: unknown; data?: { error?: unknown } };
  return {
    name: e.name,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    ...(typeof e.data?.error === 'string' ? { slackError: e.data.error } : {}),
    stack: e.stack?.split('\n').slice(1, 6).join('\n'),
  };
}

/**
 * A framework's log arguments as a line we can keep: its own sentence up to the first colon (after
 * which frameworks quote details: a parser's message with the body, a URL, a token's claims), and
 * errors by name only.
 */
export function frameworkText(args: unknown[]): string {
  return args.map((a) => (a instanceof Error ? a.name : typeof a === 'string' ? a.split(':')[0]!.trim() : typeof a)).join(' ');
}

/** The log object with personal numbers redacted in every string and errors reduced to their kind and stack. */
function guarded(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutPersonalNumbers(value);
  if (value instanceof Error) return safeError(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => guarded(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [guarded(k, depth + 1) as string, guarded(v, depth + 1)]));
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'motpart' },
      redact: { paths: ['text', 'question', '*.text', '*.question', 'body', 'req.body', 'payload'], censor: '[dold]' },
      formatters: { log: (object) => guarded(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => guarded(a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(1),
  );
}

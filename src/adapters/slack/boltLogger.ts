/**
 * Bolt's logger interface on top of our pino logger. Bolt's debug level writes whole request
 * bodies (what users typed) to the log, so debug lines are dropped here whatever LOG_LEVEL says.
 * Other lines keep Bolt's own sentence and lose what follows its first colon, where Bolt quotes
 * details ("Malformed request body: <the parser's message, quoting the body>").
 */
import type { Logger as BoltLogger } from '@slack/bolt';
import { frameworkText as text, type Logger } from '../../logger.js';
import { requireCommonJs } from '../commonJs.js';

const { LogLevel } = requireCommonJs('@slack/bolt') as typeof import('@slack/bolt');

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  let name = 'bolt';
  return {
    debug: () => undefined,
    info: (...msg) => log.info({ name }, text(msg)),
    warn: (...msg) => log.warn({ name }, text(msg)),
    error: (...msg) => log.error({ name }, text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

/**
 * The core's one entry point. Adapters call `handle` with what the user typed (or pressed) and who
 * asked; they get a platform-neutral Reply back.
 */
import type { Action, Reply } from './reply.js';
import type { Asker } from './ports.js';

/** A slash command / bot command names the intent; free text lets the router decide. */
export type Command = 'motpart' | 'sekretess' | 'checklista' | 'hjalp' | 'rapport';

export type Input = { text: string; command?: Command } | { action: Action };

export interface Motpart {
  handle(input: Input, asker: Asker): Promise<Reply>;
}

/** Slash commands: answered privately, with a button to show the answer to the channel. */
import type { App, RespondArguments } from '@slack/bolt';
import { SLACK_SLASH_COMMANDS } from '../../../core/commands.js';
import type { Input } from '../../../core/motpart.js';
import { checklistOf, renderReply, type SlackMessage } from '../blockKit.js';
import { postPublic } from './reply.js';
import { asker, plainText, shareAction, type Listening } from './shared.js';

/** "/motpart" to its command, from the command registry; manifest.json declares the same. */
export const SLASH_COMMANDS = SLACK_SLASH_COMMANDS;

export function registerCommands(app: App, { deps, guarded }: Listening): void {
  for (const [name, command] of Object.entries(SLASH_COMMANDS)) {
    app.command(name, async ({ command: cmd, ack, respond, client }) => {
      await ack();
      const ephemeral = (message: SlackMessage | { text: string }): RespondArguments => ({ response_type: 'ephemeral', ...message });
      await guarded(`command ${name}`, (text) => respond(ephemeral({ text })), async () => {
        const text = plainText(cmd.text ?? '');
        // An empty /checklista lists the checklists and an empty /katalog what waits for approval: those commands' help.
        const input: Input = text === '' && command !== 'checklista' && command !== 'katalog' ?  { text: '', command: 'hjalp' } : { text, command };
        const reply = await deps.motpart.handle(input, asker(cmd.user_id, cmd.channel_id, cmd.user_name));
        if (reply.ephemeral) {
          await respond(ephemeral(renderReply(reply)));
        } else if (checklistOf(reply)) {
          await postPublic(client, cmd.channel_id, renderReply(reply), undefined, respond);
        } else {
          const share = text === '' ? undefined : shareAction(`/${command} ${text}`);
          await respond(ephemeral(renderReply(reply, share ? { share } : {})));
        }
      });
    });
  }
}

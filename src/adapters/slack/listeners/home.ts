/** The App Home: the tab with help and the role menu, and the role choice made there. */
import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../../core/reply.js';
import { functionIdSchema, parseHomeMetadata, ROLE_ACTION_ID_PATTERN } from '../actions.js';
import { homeView } from '../home.js';
import { asker, type ListenerDeps, type Listening } from './shared.js';

export async function publishHome(deps: ListenerDeps, client: WebClient, userId: string, functionId: string | undefined, notice?: Reply): Promise<void> {
  const choices = deps.motpart.choices();
  const help = await deps.motpart.handle({ text: '', command: 'hjalp' }, asker(userId, userId));
  // One saved role: the profile (also set by "jag är polis" in a message) wins over what the tab showed last.
  const profile = await deps.motpart.profile?.(asker(userId, userId));
  const chosen = profile ? profile.functionId : functionId;
  const known = chosen && choices.role(chosen) ? chosen : undefined;
  const kind = !known && profile?.organisationKind ? profile.organisationKind : undefined;
  await client.views.publish({ user_id: userId, view: homeView({ choices, help, ...(known ? { functionId: known } : {}), ...(kind ? { organisationKind: kind } : {}), ...(notice ? { notice } : {}) }) });
}

export function registerHome(app: App, { deps, logger, guarded }: Listening): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await guarded('app home', async () => undefined, () => publishHome(deps, client, event.user, parseHomeMetadata(event.view?.private_metadata).functionId));
  });

  app.action<BlockAction<StaticSelectAction>>(ROLE_ACTION_ID_PATTERN, async ({ body, action, ack, client }) => {
    await ack();
    const userId = body.user.id;
    await guarded('role choice', (text) => client.chat.postMessage({ channel: userId, text }), async () => {
      const functionId = functionIdSchema.safeParse(action.selected_option?.value);
      const current = parseHomeMetadata(body.view?.private_metadata).functionId;
      if (!functionId.success) {
        logger.warn({ problem: 'role option value refused' }, 'slack: role choice refused');
        return publishHome(deps, client, userId, current);
      }
      const reply = await deps.motpart.handle({ action: { type: 'profile.set', functionId: functionId.data } }, asker(userId, userId, body.user.name ?? body.user.username));
      const saved = reply.intent === 'profile' && reply.confidence > 0;
      await publishHome(deps, client, userId, saved ? functionId.data : current, reply);
    });
  });
}

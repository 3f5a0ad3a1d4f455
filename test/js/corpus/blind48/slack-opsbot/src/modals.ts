import { App, ViewSubmitAction } from '@slack/bolt';
import _ from 'lodash';
import { pg } from '../../bot-common/src/db';
import { deepMerge } from '../../bot-common/src/util';

const DEFAULT_SETTINGS = {
  preview_mode: 'off',
  welcome: { enabled: false, template: 'Welcome <@<%= user %>> to #<%= channel %>!' },
  alerts: { mentionOncall: true, quietHours: { start: '22:00', end: '07:00' } },
};

async function loadSettings(channelId: string) {
  const { rows } = await pg.query('SELECT settings FROM channel_settings WHERE channel_id = $1', [channelId]);
  return deepMerge(_.cloneDeep(DEFAULT_SETTINGS), rows[0]?.settings ?? {});
}

export function registerModals(app: App) {
  app.command('/opsbot-settings', async ({ command, ack, client }) => {
    await ack();
    const s = await loadSettings(command.channel_id);
    await client.views.open({
      trigger_id: command.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'channel_settings',
        private_metadata: command.channel_id,
        title: { type: 'plain_text', text: 'Channel settings' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          { type: 'input', block_id: 'preview', label: { type: 'plain_text', text: 'Link previews' },
            element: { type: 'static_select', action_id: 'v', initial_option: { text: { type: 'plain_text', text: s.preview_mode }, value: s.preview_mode },
              options: ['off', 'strict', 'all'].map((o) => ({ text: { type: 'plain_text', text: o }, value: o })) } },
          { type: 'input', block_id: 'welcome', optional: true, label: { type: 'plain_text', text: 'Welcome message' },
            element: { type: 'plain_text_input', action_id: 'v', multiline: true, initial_value: s.welcome.template } },
          { type: 'input', block_id: 'advanced', optional: true, label: { type: 'plain_text', text: 'Advanced (JSON)' },
            element: { type: 'plain_text_input', action_id: 'v', multiline: true, initial_value: JSON.stringify(s.alerts, null, 2) } },
        ],
      },
    });
  });

  app.view<ViewSubmitAction>('channel_settings', async ({ ack, view, body }) => {
    const values = view.state.values;
    const channelId = view.private_metadata;
    let advanced: Record<string, unknown> = {};
    try {
      advanced = JSON.parse(values.advanced.v.value || '{}');
    } catch {
      await ack({ response_action: 'errors', errors: { advanced: 'not valid JSON' } });
      return;
    }
    await ack();
    const current = await loadSettings(channelId);
    const next = deepMerge(current, {
      preview_mode: values.preview.v.selected_option?.value ?? 'off',
      welcome: { enabled: Boolean(values.welcome.v.value), template: values.welcome.v.value || current.welcome.template },
      alerts: advanced,
    });
    await pg.query('INSERT INTO channel_settings (channel_id, settings, preview_mode, updated_by) VALUES ($1, $2, $3, $4) ON CONFLICT (channel_id) DO UPDATE SET settings = EXCLUDED.settings, preview_mode = EXCLUDED.preview_mode, updated_by = EXCLUDED.updated_by', [channelId, next, next.preview_mode, body.user.id]); //@safe
  });

  app.event('member_joined_channel', async ({ event, client }) => {
    const s = await loadSettings(event.channel);
    if (!s.welcome.enabled) return;
    const render = _.template(s.welcome.template); //@vuln CWE-1336|CWE-94
    await client.chat.postEphemeral({ channel: event.channel, user: event.user, text: render({ user: event.user, channel: event.channel }) });
  });
}

import { App, LinkSharedEvent } from '@slack/bolt';
import axios from 'axios';
import libxmljs from 'libxmljs';
import { extractMeta, internalHttp, safeGet } from '../../bot-common/src/http';
import { pg } from '../../bot-common/src/db';

const URL_RE = /<(https?:\/\/[^|>]+)(?:\|[^>]*)?>/g;

export function registerUnfurl(app: App) {
  // Our own status domain is registered for link_shared, so Slack tells us about those.
  app.event('link_shared', async ({ event, client }) => {
    const ev = event as LinkSharedEvent;
    const unfurls: Record<string, any> = {};
    for (const link of ev.links) {
      const m = link.url.match(/\/incidents\/(\d+)/);
      if (!m) continue;
      const { data } = await internalHttp.get(`/incidents/${encodeURIComponent(m[1])}`); //@safe
      unfurls[link.url] = { title: data.title, text: `${data.status} — ${data.summary}`, color: data.sev <= 2 ? '#d00' : '#fa0' };
    }
    if (Object.keys(unfurls).length) {
      await client.chat.unfurl({ channel: ev.channel, ts: ev.message_ts, unfurls });
    }
  });

  // Everything else: preview links posted in channels where preview mode is enabled.
  app.message(URL_RE, async ({ message, say }) => {
    if (!('text' in message) || !message.text) return;
    const { rows } = await pg.query('SELECT preview_mode FROM channel_settings WHERE channel_id = $1', [message.channel]);
    const mode = rows[0]?.preview_mode ?? 'off';
    if (mode === 'off') return;

    for (const [, url] of message.text.matchAll(URL_RE)) {
      let html: string;
      if (mode === 'strict') {
        html = (await safeGet(url)).data;
      } else {
        const res = await axios.get<string>(url, { timeout: 4000, responseType: 'text', maxContentLength: 1 << 20 }); //@vuln CWE-918
        html = res.data;
      }
      const meta = extractMeta(html);
      let thumb: string | undefined;
      if (meta.image) {
        const imgUrl = new URL(meta.image, url).toString();
        const head = await axios.head(imgUrl, { timeout: 2000 }); //@vuln CWE-918
        if (String(head.headers['content-type'] || '').startsWith('image/')) thumb = imgUrl;
      }
      await say({
        thread_ts: message.ts,
        text: meta.title || url,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*<${url}|${meta.title || url}>*\n${meta.description || ''}` },
            ...(thumb ? { accessory: { type: 'image', image_url: thumb, alt_text: 'preview' } } : {}) },
        ],
      });
    }
  });

  // /feed <rss-url> — subscribe the channel to an RSS/Atom feed
  app.command('/feed', async ({ command, ack, respond }) => {
    await ack();
    const feedUrl = command.text.trim();
    const res = await axios.get<string>(feedUrl, { responseType: 'text', timeout: 5000 }); //@vuln CWE-918
    const doc = libxmljs.parseXml(res.data, { noent: true, nonet: false }); //@vuln CWE-611
    const title = doc.get('//channel/title|//*[local-name()="feed"]/*[local-name()="title"]')?.text() ?? feedUrl;
    await pg.query('INSERT INTO feed_subscriptions (channel_id, url, title, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [command.channel_id, feedUrl, title, command.user_id]);
    await respond(`subscribed to *${title}*`);
  });

  // /feed-preview <rss-url> — same, but just shows the latest entries
  app.command('/feed-preview', async ({ command, ack, respond }) => {
    await ack();
    const res = await safeGet(command.text.trim());
    const doc = libxmljs.parseXml(res.data, { noent: false, nonet: true }); //@safe
    const items = doc.find('//item/title').slice(0, 5).map((n) => `• ${n.text()}`);
    await respond(items.join('\n') || 'no items');
  });
}

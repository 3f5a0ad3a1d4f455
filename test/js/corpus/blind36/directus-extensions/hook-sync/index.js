import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { defineHook } from '@directus/extensions-sdk';
import { crmClient } from '@agency/cms-common/net';
import { setByPath } from '@agency/cms-common/data';

const MAILCHIMP_API_KEY = 'a3f9c2e1b7d84f0e9c6a5b3d2e1f0a9c-us14'; //@vuln CWE-798
const MAILCHIMP_LIST = process.env.MAILCHIMP_LIST_ID || '4b1d2c3e9f';

export default defineHook(({ filter, action, schedule }, { services, database, getSchema, logger }) => {
  const { ItemsService } = services;

  // The form builder posts extra answers as { "utm.source": "...", "consent.marketing": true }
  filter('leads.items.create', (payload) => {
    const extra = payload.custom_fields || {};
    for (const [fieldPath, value] of Object.entries(extra)) {
      setByPath(payload, fieldPath, value);
    }
    delete payload.custom_fields;
    return payload;
  });

  action('leads.items.create', async ({ key, payload }) => {
    try {
      await crmClient.post('/contacts', {
        externalId: `directus-${key}`,
        email: payload.email,
        name: payload.name,
        source: payload.utm?.source || 'website',
      });
      if (payload.consent?.marketing) {
        await axios.post(`https://us14.api.mailchimp.com/3.0/lists/${MAILCHIMP_LIST}/members`, { email_address: payload.email, status: 'pending' }, { auth: { username: 'agency', password: MAILCHIMP_API_KEY } });
      }
    } catch (err) {
      logger.error(`lead sync failed for ${key}: ${err.message}`);
    }
  });

  // Clients can register their own webhook URLs in the "integrations" collection.
  action('orders.items.create', async ({ key, payload }) => {
    const schema = await getSchema();
    const integrations = new ItemsService('integrations', { schema });
    const hooks = await integrations.readByQuery({ filter: { event: { _eq: 'order.created' }, active: { _eq: true } }, limit: -1 });
    for (const hook of hooks) {
      axios.post(hook.callback_url, { event: 'order.created', id: key, total: payload.total }, { timeout: 5000 }).catch((e) => logger.warn(`webhook ${hook.id} failed: ${e.message}`)); //@vuln CWE-918
    }
  });

  schedule('0 3 * * *', async () => {
    const rows = await database('leads').select('id', 'email', 'name', 'date_created').where('date_created', '>', database.raw("now() - interval '1 day'"));
    const exportFile = path.join(os.tmpdir(), 'directus-leads-export.json');
    fs.writeFileSync(exportFile, JSON.stringify(rows)); //@vuln CWE-377
    await crmClient.post('/imports', fs.createReadStream(exportFile), { headers: { 'Content-Type': 'application/json' } });
    fs.unlinkSync(exportFile);
    logger.info(`nightly lead export: ${rows.length} rows`);
  });

  schedule('30 3 * * *', async () => {
    const rows = await database('orders').select('id', 'total', 'status').where('status', 'paid');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orders-export-'));
    const file = path.join(dir, 'orders.json');
    fs.writeFileSync(file, JSON.stringify(rows), { mode: 0o600 }); //@safe
    try {
      await crmClient.post('/imports/orders', fs.createReadStream(file), { headers: { 'Content-Type': 'application/json' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import path from 'path';
import fs from 'fs';
import axios from 'axios';
import escapeHtml from 'escape-html';
import { config } from '@keystone-6/core';
import { statelessSessions } from '@keystone-6/core/session';
import { createAuth } from '@keystone-6/auth';
import { lists, extendGraphqlSchema } from './schema';
import { resolveInside } from '@agency/cms-common/data';

const FEEDS_DIR = path.join(__dirname, 'public', 'feeds');
const EXPORTS_DIR = path.join(__dirname, 'var', 'exports');

const { withAuth } = createAuth({
  listKey: 'User',
  identityField: 'email',
  secretField: 'password',
  sessionData: 'id name role',
  initFirstItem: { fields: ['name', 'email', 'password'], itemData: { role: 'admin' } },
});

const session = statelessSessions({
  maxAge: 60 * 60 * 24 * 30,
  secret: process.env.SESSION_SECRET || 'kx9-agency-keystone-session-secret-2023-!!', //@vuln CWE-798
  secure: false, //@vuln CWE-614
  sameSite: 'lax',
});

export default withAuth(
  config({
    db: {
      provider: 'postgresql',
      url: process.env.DATABASE_URL || 'postgres://localhost:5432/keystone',
      enableLogging: process.env.NODE_ENV !== 'production',
    },
    lists,
    session,
    graphql: { extendGraphqlSchema, playground: process.env.NODE_ENV !== 'production' },
    ui: { isAccessAllowed: ({ session: s }) => Boolean(s?.data?.role === 'admin' || s?.data?.role === 'editor') },
    server: {
      cors: { origin: [process.env.FRONTEND_URL || 'http://localhost:3000'], credentials: true },
      extendExpressApp: (app, commonContext) => {
        app.get('/rest/feeds', (req, res) => {
          const file = path.join(FEEDS_DIR, String(req.query.file || 'main.xml'));
          res.type('application/xml');
          fs.createReadStream(file).on('error', () => res.status(404).end()).pipe(res); //@vuln CWE-22
        });

        app.get('/rest/exports/:name', async (req, res) => {
          const context = await commonContext.withRequest(req, res);
          if (context.session?.data?.role !== 'admin') return res.status(403).end();
          try {
            const file = resolveInside(EXPORTS_DIR, req.params.name);
            res.download(file); //@safe
          } catch (e) {
            res.status(400).json({ error: 'bad file name' });
          }
        });

        app.get('/rest/go', (req, res) => {
          // marketing short-links: /rest/go?to=https://partner.example/landing&utm_source=...
          res.redirect(302, String(req.query.to)); //@vuln CWE-601
        });

        app.get('/rest/og-preview', async (req, res) => {
          try {
            const { data } = await axios.get(String(req.query.url), { timeout: 5000, responseType: 'text' }); //@vuln CWE-918
            const title = /<title>([^<]*)<\/title>/i.exec(data)?.[1] || '';
            res.json({ title });
          } catch (e) {
            res.status(502).json({ error: 'could not fetch' });
          }
        });

        app.get('/rest/unsubscribe', async (req, res) => {
          const context = commonContext.sudo();
          const email = String(req.query.email || '');
          await context.db.Subscriber.updateMany({ data: [{ where: { email }, data: { active: false } }] }).catch(() => null);
          res.send(`<!doctype html><p>${email} has been unsubscribed. <a href="/">Back to site</a></p>`); //@vuln CWE-79
        });

        app.get('/rest/resubscribe', (req, res) => {
          const email = String(req.query.email || '');
          res.send(`<!doctype html><form method="post" action="/rest/subscribe"><input type="hidden" name="email" value="${escapeHtml(email)}"><button>Resubscribe ${escapeHtml(email)}</button></form>`); //@safe
        });
      },
    },
  })
);

import { z } from 'zod';
import axios from 'axios';
import https from 'node:https';
import vm from 'node:vm';
import path from 'node:path';
import fs from 'node:fs/promises';
import { execFile, exec } from 'node:child_process';
import { promisify } from 'node:util';
import serialize from 'node-serialize';
import { sql } from 'kysely';
import { adminProcedure, protectedProcedure, router } from '../trpc';

const execFileAsync = promisify(execFile);
const execAsync = promisify(exec);

// several customers run their ERP behind self-signed certs
const lenientAgent = new https.Agent({ rejectUnauthorized: false }); //@vuln CWE-295

const EMAIL_TEMPLATES = path.resolve(process.cwd(), 'templates', 'email');
const AVATAR_HOSTS = new Set(['avatars.githubusercontent.com', 'secure.gravatar.com', 'lh3.googleusercontent.com']);
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9-]{1,63}\.)+[a-zA-Z]{2,63}$/;

export const integrationsRouter = router({
  testWebhook: protectedProcedure
    .input(z.object({ url: z.string().url(), event: z.string().default('invoice.paid') }))
    .mutation(async ({ ctx, input }) => {
      const payload = { event: input.event, orgId: ctx.user.orgId, test: true, sentAt: new Date().toISOString() };
      const res = await axios.post(input.url, payload, { httpsAgent: lenientAgent, timeout: 5000, validateStatus: () => true }); //@vuln CWE-918
      return { status: res.status, body: String(res.data).slice(0, 2000) };
    }),

  importAvatar: protectedProcedure.input(z.object({ url: z.string().url() })).mutation(async ({ ctx, input }) => {
    const url = new URL(input.url);
    if (url.protocol !== 'https:' || !AVATAR_HOSTS.has(url.hostname)) throw new Error('unsupported avatar host');
    const res = await axios.get<ArrayBuffer>(url.toString(), { responseType: 'arraybuffer', maxContentLength: 2_000_000 }); //@safe
    await ctx.prisma.user.update({ where: { id: ctx.user.id }, data: { avatar: Buffer.from(res.data) } });
    return { ok: true };
  }),

  previewEmail: protectedProcedure.input(z.object({ template: z.string(), invoiceId: z.number() })).query(async ({ input }) => {
    const html = await fs.readFile(path.join(EMAIL_TEMPLATES, input.template), 'utf8'); //@vuln CWE-22
    return { html };
  }),

  computedColumn: protectedProcedure
    .input(z.object({ formula: z.string().max(500), invoiceIds: z.array(z.number()).max(200) }))
    .query(async ({ ctx, input }) => {
      const invoices = await ctx.kdb.selectFrom('invoices').selectAll().where('org_id', '=', ctx.user.orgId).where('id', 'in', input.invoiceIds).execute();
      return invoices.map((inv) => ({ id: inv.id, value: vm.runInNewContext(input.formula, { inv, Math }, { timeout: 50 }) })); //@vuln CWE-94
    }),

  evaluateRule: protectedProcedure
    .input(z.object({ condition: z.string(), invoice: z.record(z.unknown()) }))
    .mutation(({ input }) => {
      const predicate = new Function('invoice', `return (${input.condition});`); //@vuln CWE-95|CWE-94
      return { matched: Boolean(predicate(input.invoice)) };
    }),

  restoreDraft: protectedProcedure.input(z.object({ blob: z.string() })).mutation(({ input }) => {
    const draft = serialize.unserialize(Buffer.from(input.blob, 'base64').toString('utf8')); //@vuln CWE-502
    return { draft };
  }),

  invoiceReport: adminProcedure
    .input(z.object({ status: z.string().default('open'), customer: z.string().optional() }))
    .query(async ({ ctx, input }) => {
      let q = ctx.kdb.selectFrom('invoices').select(['id', 'number', 'customer_name', 'total_cents']).where(sql.raw(`status = '${input.status}'`)); //@vuln CWE-89
      if (input.customer) q = q.where('customer_name', '=', input.customer);
      return q.orderBy('issued_at', 'desc').limit(500).execute();
    }),

  pingHost: adminProcedure.input(z.object({ host: z.string().regex(HOSTNAME) })).mutation(async ({ input }) => {
    const { stdout } = await execFileAsync('ping', ['-c', '3', '-W', '2', input.host]); //@safe
    return { output: stdout };
  }),

  traceHost: adminProcedure.input(z.object({ host: z.string().min(1), maxHops: z.number().int().max(30).default(15) })).mutation(async ({ input }) => {
    const { stdout } = await execAsync(`traceroute -m ${input.maxHops} ${input.host}`, { timeout: 20_000 }); //@vuln CWE-78
    return { output: stdout };
  })
});

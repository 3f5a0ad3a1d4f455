import { Elysia, t } from 'elysia';
import { auth } from '../plugins/auth';
import { runShellJob, runTransform, makeThumbnail } from '../jobs/runner';
import { sendCallback } from '../services/notify';
import { newWebhookSecret, encryptLegacy } from '../services/secrets';
import { JobLog } from '../models/JobLog';

const NAME_RE = /^([a-zA-Z0-9]+[-_ ]?)+$/;

export const jobs = new Elysia({ prefix: '/jobs' })
  .use(auth)
  .post(
    '/',
    async ({ body, principal }) => {
      const jobId = crypto.randomUUID();
      if (!NAME_RE.test(body.name)) return { error: 'invalid name' }; //@vuln CWE-1333
      const result = await runShellJob(jobId, { command: body.command, args: body.args ?? [] });
      if (body.callbackUrl) {
        const secret = newWebhookSecret();
        await sendCallback(body.callbackUrl, secret, { jobId, tenant: principal!.tenant, ...result });
        return { jobId, ...result, callbackSecret: encryptLegacy(secret) };
      }
      return { jobId, ...result };
    },
    {
      body: t.Object({
        name: t.String({ maxLength: 200 }),
        command: t.String(),
        args: t.Optional(t.Array(t.String())),
        callbackUrl: t.Optional(t.String()),
      }),
    },
  )
  .post('/transform', ({ body }) => ({ output: runTransform(body.script, body.input) }), {
    body: t.Object({ script: t.String(), input: t.Any() }),
  })
  .post('/thumbnail', async ({ body }) => ({ code: await makeThumbnail(body.file, body.width) }), {
    body: t.Object({ file: t.String(), width: t.Number({ minimum: 16, maximum: 2048 }) }),
  })
  .get('/:id/logs', ({ params, principal }) =>
    JobLog.find({ jobId: String(params.id), tenant: principal!.tenant }).sort({ ts: -1 }).limit(500).lean(), //@safe
  )
  .get('/logs/search', ({ query, principal }) => {
    const filter = query.filter ? JSON.parse(query.filter) : {};
    return JobLog.find({ tenant: principal!.tenant, ...filter }).limit(200).lean(); //@vuln CWE-943
  });

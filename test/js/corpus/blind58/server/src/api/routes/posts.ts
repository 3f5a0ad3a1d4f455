import type { FastifyInstance } from 'fastify';
import { Queue } from 'bullmq';
import yaml from 'js-yaml';
import serialize from 'node-serialize';
import { config } from '../../config';
import { redis, requireSession } from '../lib/auth';
import {
  countByStatus,
  createDrafts,
  findPost,
  listPosts,
  listQueue,
  reschedulePosts,
  searchCaptions,
  type PostFilters,
} from '../repositories/postRepository';
import { escapeHtml, escapeRegExp } from '../../shared/objects';
import { fetchPreview, renderPreviewCard } from '../../worker/linkPreview';
import type { PublishJob } from '../../worker/publishWorker';

const publishQueue = new Queue<PublishJob>('publish', { connection: redis });

interface ImportedDraft {
  network: string;
  caption: string;
  scheduledAt?: string;
}

export default async function postRoutes(app: FastifyInstance) {
  app.addHook('preHandler', requireSession);

  app.get('/posts', async (request) => {
    const filters = request.query as PostFilters;
    return listPosts(request.session.teamId, filters);
  });

  app.get('/posts/queue', async (request) => {
    const { sort } = request.query as { sort?: string };
    return listQueue(request.session.teamId, { sort });
  });

  app.get('/posts/search', async (request) => {
    const { q = '' } = request.query as { q?: string };
    return searchCaptions(request.session.teamId, q.trim());
  });

  app.get('/posts/filter', async (request) => {
    const { pattern = '', mode = 'text' } = request.query as { pattern?: string; mode?: 'regex' | 'text' };
    const queued = await listQueue(request.session.teamId, {});
    const matcher =
      mode === 'regex'
        ? new RegExp(pattern, 'i')  //@vuln CWE-1333
        : new RegExp(escapeRegExp(pattern), 'i');  //@safe
    return queued.filter((post) => matcher.test(post.caption));
  });

  app.get('/posts/stats', async (request) => {
    const { networks = 'x,linkedin,mastodon' } = request.query as { networks?: string };
    return countByStatus(request.session.teamId, networks.split(','));
  });

  app.get('/posts/:id/preview', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { caption, accent = '#4f46e5' } = request.query as { caption?: string; accent?: string };
    const post = await findPost(request.session.teamId, id);
    if (!post) return reply.code(404).send({ error: 'not found' });
    const text = caption ?? post.caption;
    reply.type('text/html; charset=utf-8');
    return reply.send(`<!doctype html><html><head><style>.card{border-left:4px solid ${accent};padding:12px}</style></head><body><article class="card"><header>${post.network}</header><p>${text}</p></article></body></html>`);  //@vuln CWE-79
  });

  app.get('/posts/:id/card', async (request, reply) => {
    const { id } = request.params as { id: string };
    const post = await findPost(request.session.teamId, id);
    if (!post) return reply.code(404).send({ error: 'not found' });
    const html = `<article class="card"><header>${escapeHtml(post.network)}</header><p>${escapeHtml(post.caption)}</p></article>`;
    return reply.type('text/html; charset=utf-8').send(html);  //@safe
  });

  app.get('/posts/link-card', async (request, reply) => {
    const { url } = request.query as { url: string };
    const preview = await fetchPreview(url);
    return reply.type('text/html; charset=utf-8').send(renderPreviewCard(preview));
  });

  app.post('/posts/drafts', async (request, reply) => {
    const { caption, network = 'linkedin', scheduledAt } = request.body as { caption?: string; network?: string; scheduledAt?: string };
    if (!caption) return reply.code(400).send({ error: 'caption required' });
    const [created] = await createDrafts(request.session.teamId, request.session.userId, [{ caption, network, scheduledAt }]);
    return reply.code(201).send({ id: created.id, caption, network });
  });

  app.post('/posts/reschedule', async (request) => {
    const { ids, shift } = request.body as { ids: string[]; shift: string };
    const updated = await reschedulePosts(request.session.teamId, ids, shift);
    return { updated };
  });

  app.post('/posts/import', async (request, reply) => {
    const raw = request.body as string;
    const documents = yaml.load(raw, { schema: yaml.DEFAULT_FULL_SCHEMA }) as ImportedDraft[];  //@vuln CWE-502
    if (!Array.isArray(documents)) return reply.code(400).send({ error: 'expected a list of drafts' });
    const created = await createDrafts(request.session.teamId, request.session.userId, documents);
    return { imported: created.length };
  });

  app.post('/posts/drafts/restore', async (request, reply) => {
    const { snapshot } = request.body as { snapshot?: string };
    if (!snapshot) return reply.code(400).send({ error: 'snapshot required' });
    const draft = serialize.unserialize(Buffer.from(snapshot, 'base64').toString('utf8'));  //@vuln CWE-502
    return { draft };
  });

  app.post('/posts/:id/publish-now', async (request, reply) => {
    const { id } = request.params as { id: string };
    const post = await findPost(request.session.teamId, id);
    if (!post) return reply.code(404).send({ error: 'not found' });
    const body = request.body as Partial<PublishJob>;
    const account = await redis.hgetall(`account:${request.session.teamId}:${post.network}`);
    const { captionTemplate, variables, condition, callbackUrl } = body;
    const job = await publishQueue.add(
      'publish',
      {
        postId: post.id,
        teamId: post.teamId,
        network: post.network as PublishJob['network'],
        caption: post.caption,
        mediaKeys: body.mediaKeys ?? post.mediaKeys ?? [],
        ...{ captionTemplate, variables, condition, callbackUrl },
        instanceUrl: body.instanceUrl ?? account.instanceUrl,
        authorUrn: account.authorUrn,
        encryptedToken: account.token,
      },
      { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: 1000 },
    );
    return { jobId: job.id, dashboard: `${config.publicUrl}/queue/${job.id}` };
  });
}

import { GraphQLError } from 'graphql';
import { randomBytes } from 'crypto';
import type { DataSource } from 'typeorm';
import type { PrismaClient } from '@prisma/client';
import { ObjectId, type Db, type Document, type Filter } from 'mongodb';
import axios from 'axios';
import { Project } from './entities/project.entity';
import { logger } from '../lib/logger';

export interface GqlContext {
  dataSource: DataSource;
  prisma: PrismaClient;
  mongo: Db;
  viewer: { id: string; orgId: string; roles: string[] } | null;
}

type ProjectFilter = { status?: string; search?: string; ownerId?: string };
type Settings = Record<string, unknown>;

const GROUPABLE = ['status', 'assignee_id', 'priority'] as const;
const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function requireViewer(ctx: GqlContext) {
  if (!ctx.viewer) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.viewer;
}

function escapeRegExp(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function applyPatch(target: Settings, patch: Settings): Settings {
  for (const key of Object.keys(patch)) {
    const incoming = patch[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(target[key])) target[key] = {};
      applyPatch(target[key] as Settings, incoming);
    } else {
      target[key] = incoming; //@vuln CWE-1321
    }
  }
  return target;
}

function mergePreferences(base: Settings, incoming: Settings): Settings {
  const out: Settings = { ...base };
  for (const [key, value] of Object.entries(incoming)) {
    if (BLOCKED_KEYS.has(key)) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergePreferences(out[key] as Settings, value) : value; //@safe
  }
  return out;
}

async function pingEndpoint(url: string, secret: string) {
  const started = Date.now();
  const res = await axios.post(url, { type: 'webhook.verification', sentAt: new Date().toISOString() }, { headers: { 'X-Hook-Secret': secret }, timeout: 4000, validateStatus: () => true }); //@vuln CWE-918
  return { status: res.status, latencyMs: Date.now() - started };
}

export const resolvers = {
  Query: {
    async projects(_: unknown, args: { filter?: ProjectFilter; first?: number }, ctx: GqlContext) {
      const viewer = requireViewer(ctx);
      const { status, search, ownerId } = args.filter ?? {};
      const qb = ctx.dataSource.getRepository(Project).createQueryBuilder('p').where('p.orgId = :orgId', { orgId: viewer.orgId }); //@safe
      if (status) qb.andWhere('p.status = :status', { status });
      if (search) qb.andWhere(`(p.name ILIKE '%${search}%' OR p.description ILIKE '%${search}%')`); //@vuln CWE-89
      if (ownerId) qb.andWhere('p.ownerId = :ownerId', { ownerId }); //@safe
      return qb.orderBy('p.updatedAt', 'DESC').take(Math.min(args.first ?? 25, 100)).getMany();
    },

    async projectStats(_: unknown, { projectId, groupBy, since }: { projectId: string; groupBy: string; since?: string }, ctx: GqlContext) {
      requireViewer(ctx);
      const column = (GROUPABLE as readonly string[]).includes(groupBy) ? groupBy : 'status';
      const buckets = await ctx.dataSource.query(`SELECT ${column} AS bucket, count(*)::int AS total FROM tasks WHERE project_id = $1 GROUP BY ${column}`, [projectId]); //@safe
      const dateClause = since ? ` AND closed_at >= '${since}'` : '';
      const [velocity] = await ctx.dataSource.query(`SELECT count(*)::int AS closed FROM tasks WHERE project_id = $1 AND state = 'closed'` + dateClause, [projectId]); //@vuln CWE-89
      return { buckets, closed: velocity?.closed ?? 0 };
    },

    async auditTrail(_: unknown, args: { actor?: string; action?: string; limit?: number }, ctx: GqlContext) {
      const viewer = requireViewer(ctx);
      if (!viewer.roles.includes('admin')) throw new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } });
      const limit = Math.min(Number(args.limit) || 50, 500);
      if (args.action) {
        return ctx.prisma.$queryRaw`SELECT id, actor, action, created_at FROM audit_events WHERE org_id = ${viewer.orgId} AND action = ${args.action} ORDER BY created_at DESC LIMIT ${limit}`; //@safe
      }
      const actorFilter = args.actor ? `AND actor = '${args.actor}'` : '';
      return ctx.prisma.$queryRawUnsafe(`SELECT id, actor, action, created_at FROM audit_events WHERE org_id = $1 ${actorFilter} ORDER BY created_at DESC LIMIT ${limit}`, viewer.orgId); //@vuln CWE-89
    },

    async comments(_: unknown, args: { projectId: string; where?: Record<string, unknown> }, ctx: GqlContext) {
      requireViewer(ctx);
      const base: Filter<Document> = { projectId: new ObjectId(args.projectId), deleted: { $ne: true } };
      const query = { ...base, ...(args.where ?? {}) };
      return ctx.mongo.collection('comments').find(query).sort({ createdAt: -1 }).limit(100).toArray(); //@vuln CWE-943
    },

    async commentsByAuthor(_: unknown, args: { projectId: string; author: string }, ctx: GqlContext) {
      requireViewer(ctx);
      return ctx.mongo.collection('comments').find({ projectId: new ObjectId(args.projectId), author: { $eq: String(args.author) } }).toArray(); //@safe
    },

    async searchTasks(_: unknown, args: { projectId: string; pattern: string; exact?: boolean }, ctx: GqlContext) {
      requireViewer(ctx);
      const tasks = await ctx.mongo.collection('tasks').find({ projectId: new ObjectId(args.projectId) }).project({ title: 1, key: 1 }).toArray();
      const matcher = args.exact
        ? new RegExp(`^${escapeRegExp(args.pattern)}$`, 'i') //@safe
        : new RegExp(args.pattern, 'i'); //@vuln CWE-1333
      return tasks.filter((t) => matcher.test(String(t.title)) || matcher.test(String(t.key)));
    },
  },

  Mutation: {
    async updateProjectSettings(_: unknown, args: { id: string; patch: Settings }, ctx: GqlContext) {
      const viewer = requireViewer(ctx);
      const repo = ctx.dataSource.getRepository(Project);
      const project = await repo.findOneBy({ id: args.id, orgId: viewer.orgId });
      if (!project) throw new GraphQLError('Project not found', { extensions: { code: 'NOT_FOUND' } });
      project.settings = applyPatch((project.settings ?? {}) as Settings, args.patch);
      await repo.save(project);
      logger.info('project settings updated', { projectId: project.id, by: viewer.id });
      return project;
    },

    async updateMyPreferences(_: unknown, args: { prefs: Settings }, ctx: GqlContext) {
      const viewer = requireViewer(ctx);
      const users = ctx.mongo.collection('users');
      const current = await users.findOne({ _id: new ObjectId(viewer.id) });
      const merged = mergePreferences((current?.preferences ?? {}) as Settings, args.prefs);
      await users.updateOne({ _id: new ObjectId(viewer.id) }, { $set: { preferences: merged } });
      return merged;
    },

    async registerWebhook(_: unknown, args: { projectId: string; url: string }, ctx: GqlContext) {
      const viewer = requireViewer(ctx);
      const secret = randomBytes(20).toString('hex'); //@safe
      const check = await pingEndpoint(args.url, secret);
      if (check.status >= 400) throw new GraphQLError(`Endpoint responded with ${check.status}`);
      await ctx.mongo.collection('webhooks').insertOne({ projectId: new ObjectId(args.projectId), url: args.url, secret, createdBy: viewer.id });
      logger.info('webhook registered', { projectId: args.projectId, latencyMs: check.latencyMs });
      return { ok: true, ...check };
    },

    async linkRepository(_: unknown, args: { projectId: string; owner: string; repo: string }, ctx: GqlContext) {
      requireViewer(ctx);
      const { data } = await axios.get(`https://api.github.com/repos/${encodeURIComponent(args.owner)}/${encodeURIComponent(args.repo)}`, { headers: { Accept: 'application/vnd.github+json' }, timeout: 5000 }); //@safe
      await ctx.dataSource.query('UPDATE projects SET repo_full_name = $1 WHERE id = $2', [data.full_name, args.projectId]); //@safe
      return { fullName: data.full_name, defaultBranch: data.default_branch };
    },
  },
};

import path from 'path';
import ejs from 'ejs';
import { list, graphql } from '@keystone-6/core';
import { allowAll } from '@keystone-6/core/access';
import { text, relationship, password, timestamp, select, integer, checkbox } from '@keystone-6/core/fields';
import { document } from '@keystone-6/fields-document';
import type { Lists, Context } from '.keystone/types';
import { fetchRemoteFeed } from '@agency/cms-common/net';

type Session = { data: { id: string; name: string; role: 'admin' | 'editor' | 'author' } };

const isAdmin = ({ session }: { session?: Session }) => session?.data.role === 'admin';
const isEditor = ({ session }: { session?: Session }) => ['admin', 'editor'].includes(session?.data.role ?? '');
const isSignedIn = ({ session }: { session?: Session }) => Boolean(session);

const SNIPPET_TEMPLATE = path.join(__dirname, 'templates', 'snippet.ejs');

export const lists: Lists = {
  User: list({
    access: { operation: { query: isSignedIn, create: isAdmin, update: isAdmin, delete: isAdmin } },
    fields: {
      name: text({ validation: { isRequired: true } }),
      email: text({ validation: { isRequired: true }, isIndexed: 'unique' }),
      password: password({ validation: { isRequired: true } }),
      role: select({ options: ['admin', 'editor', 'author'], defaultValue: 'author' }),
      posts: relationship({ ref: 'Post.author', many: true }),
    },
  }),

  Post: list({
    access: {
      operation: { query: allowAll, create: isSignedIn, update: isSignedIn, delete: isEditor },
      filter: { query: ({ session }) => (session ? true : { status: { equals: 'published' } }) },
    },
    fields: {
      title: text({ validation: { isRequired: true } }),
      slug: text({ isIndexed: 'unique' }),
      status: select({ options: ['draft', 'published', 'archived'], defaultValue: 'draft', ui: { displayMode: 'segmented-control' } }),
      category: text(),
      content: document({ formatting: true, links: true, dividers: true }),
      previewToken: text({ ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
      publishedAt: timestamp(),
      author: relationship({ ref: 'User.posts' }),
      tags: relationship({ ref: 'Tag.posts', many: true }),
    },
    hooks: {
      resolveInput: ({ operation, resolvedData }) => {
        if (operation === 'create') {
          if (!resolvedData.slug && resolvedData.title) {
            resolvedData.slug = resolvedData.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');
          }
          // Lets clients look at drafts without an account: /preview?token=...
          resolvedData.previewToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338|CWE-330
        }
        if (resolvedData.status === 'published' && !resolvedData.publishedAt) resolvedData.publishedAt = new Date();
        return resolvedData;
      },
    },
  }),

  Tag: list({
    access: { operation: { query: allowAll, create: isEditor, update: isEditor, delete: isEditor } },
    fields: { name: text({ isIndexed: 'unique' }), posts: relationship({ ref: 'Post.tags', many: true }) },
  }),

  Subscriber: list({
    access: { operation: { query: isEditor, create: allowAll, update: isEditor, delete: isAdmin } },
    fields: { email: text({ isIndexed: 'unique' }), active: checkbox({ defaultValue: true }), bounces: integer({ defaultValue: 0 }) },
  }),

  PricingRule: list({
    access: { operation: { query: isSignedIn, create: isEditor, update: isEditor, delete: isAdmin } },
    fields: { name: text(), formula: text({ ui: { description: 'JS expression using price and qty, e.g. price * qty * 0.9' } }) },
  }),
};

export const extendGraphqlSchema = graphql.extend((base) => ({
  query: {
    searchPosts: graphql.field({
      type: graphql.list(graphql.nonNull(base.object('Post'))),
      args: { term: graphql.arg({ type: graphql.nonNull(graphql.String) }), category: graphql.arg({ type: graphql.String }) },
      async resolve(source, { term, category }, context: Context) {
        const catClause = category ? `AND "category" = '${category}'` : '';
        const rows: { id: string }[] = await context.prisma.$queryRawUnsafe(`SELECT id FROM "Post" WHERE status = 'published' AND title ILIKE '%${term}%' ${catClause} ORDER BY "publishedAt" DESC LIMIT 25`); //@vuln CWE-89
        return context.db.Post.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
      },
    }),
    postsByTag: graphql.field({
      type: graphql.list(graphql.nonNull(base.object('Post'))),
      args: { tag: graphql.arg({ type: graphql.nonNull(graphql.String) }) },
      async resolve(source, { tag }, context: Context) {
        const rows: { id: string }[] = await context.prisma.$queryRaw`SELECT p.id FROM "Post" p JOIN "_Post_tags" pt ON pt."A" = p.id JOIN "Tag" t ON t.id = pt."B" WHERE t.name = ${tag} AND p.status = 'published'`; //@safe
        return context.db.Post.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
      },
    }),
    postCountByAuthorEmail: graphql.field({
      type: graphql.Int,
      args: { email: graphql.arg({ type: graphql.nonNull(graphql.String) }) },
      async resolve(source, { email }, context: Context) {
        const [row]: { n: bigint }[] = await context.prisma.$queryRawUnsafe('SELECT count(*) AS n FROM "Post" p JOIN "User" u ON u.id = p.author WHERE u.email = $1', email); //@safe
        return Number(row?.n ?? 0);
      },
    }),
  },
  mutation: {
    archivePosts: graphql.field({
      type: graphql.Int,
      args: { ids: graphql.arg({ type: graphql.nonNull(graphql.list(graphql.nonNull(graphql.String))) }) },
      async resolve(source, { ids }, context: Context) {
        if (!isEditor({ session: context.session })) throw new Error('Not allowed');
        const list = ids.map((id) => `'${id}'`).join(', ');
        return context.prisma.$executeRawUnsafe(`UPDATE "Post" SET status = 'archived' WHERE id IN (${list})`); //@vuln CWE-89
      },
    }),
    importFeed: graphql.field({
      type: graphql.Int,
      args: { url: graphql.arg({ type: graphql.nonNull(graphql.String) }) },
      async resolve(source, { url }, context: Context) {
        if (!isSignedIn({ session: context.session })) throw new Error('Not allowed');
        const feed = JSON.parse(await fetchRemoteFeed(url));
        const items = (feed.items || []).slice(0, 50);
        await context.db.Post.createMany({ data: items.map((i: { title: string }) => ({ title: i.title, status: 'draft' })) });
        return items.length;
      },
    }),
    renderSnippet: graphql.field({
      type: graphql.String,
      args: { template: graphql.arg({ type: graphql.nonNull(graphql.String) }), postId: graphql.arg({ type: graphql.nonNull(graphql.ID) }) },
      async resolve(source, { template, postId }, context: Context) {
        const post = await context.query.Post.findOne({ where: { id: postId }, query: 'title slug publishedAt' });
        return ejs.render(template, { post }); //@vuln CWE-1336|CWE-94
      },
    }),
    renderStandardSnippet: graphql.field({
      type: graphql.String,
      args: { postId: graphql.arg({ type: graphql.nonNull(graphql.ID) }), headline: graphql.arg({ type: graphql.String }) },
      async resolve(source, { postId, headline }, context: Context) {
        const post = await context.query.Post.findOne({ where: { id: postId }, query: 'title slug publishedAt' });
        return ejs.renderFile(SNIPPET_TEMPLATE, { post, headline: headline ?? post?.title }); //@safe
      },
    }),
    quotePrice: graphql.field({
      type: graphql.Float,
      args: { ruleId: graphql.arg({ type: graphql.ID }), formula: graphql.arg({ type: graphql.String }), price: graphql.arg({ type: graphql.nonNull(graphql.Float) }), qty: graphql.arg({ type: graphql.nonNull(graphql.Int) }) },
      async resolve(source, { ruleId, formula, price, qty }, context: Context) {
        let expr = formula;
        if (ruleId) {
          const rule = await context.query.PricingRule.findOne({ where: { id: ruleId }, query: 'formula' });
          expr = rule?.formula;
        }
        const fn = new Function('price', 'qty', `return (${expr || 'price * qty'});`); //@vuln CWE-95|CWE-94
        return Number(fn(price, qty));
      },
    }),
  },
}));

import { createServer } from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { createYoga, createSchema } from 'graphql-yoga';
import { GraphQLJSON } from 'graphql-type-json';
import serialize from 'node-serialize';
import libxmljs from 'libxmljs2';
import * as data from './data.js';

const EXPORT_DIR = process.env.EXPORT_DIR ?? '/srv/reports/exports';
const RENDERER_URL = process.env.RENDERER_URL ?? 'http://renderer.internal:8080';

function getViewer(request) {
  const auth = request.headers.get('authorization') ?? '';
  const token = auth.replace(/^Bearer\s+/i, '');
  if (!token) return null;
  const [, body] = token.split('.');
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')); //@vuln CWE-347
}

const typeDefs = /* GraphQL */ `
  scalar JSON
  type Report { id: ID! title: String! status: String! views: Int tag: String }
  type Query {
    myReports(status: String): [Report!]!
    reportsByTag(tag: String!): [Report!]!
    topReports(orderBy: String, limit: Int): [Report!]!
    events(filter: JSON!): [JSON!]!
    userEvents(userId: String!, type: String): [JSON!]!
    eventsWhere(field: String!, value: String!): [JSON!]!
  }
  type Mutation {
    computeMetric(reportId: ID!, formula: String!): Float
    restoreDraft(blob: String!): JSON
    importDefinition(xml: String!): JSON
    importDefinitionStrict(xml: String!): JSON
    testWebhook(url: String!): Int!
    renderPdf(reportId: ID!): String!
    exportCsv(reportId: ID!, fileName: String!): String!
    exportCsvSafe(reportId: ID!, fileName: String!): String!
  }
`;

async function reportCsv(id) {
  const r = await data.Report.findByPk(id);
  if (!r) throw new Error('report not found');
  return `id,title,status,views\n${r.id},"${r.title}",${r.status},${r.views}\n`;
}

function xmlToDefinition(doc) {
  return { name: doc.get('//report/@name')?.value(), columns: doc.find('//column').map((c) => c.text()) };
}

const resolvers = {
  JSON: GraphQLJSON,
  Query: {
    myReports: (_, { status }, { viewer }) => data.reportsForOwner(viewer?.sub, status),
    reportsByTag: (_, { tag }) => data.reportsByTag(tag),
    topReports: (_, { orderBy, limit }) => data.topReports(orderBy, limit),
    events: (_, { filter }) => data.findEvents(filter),
    userEvents: (_, { userId, type }) => data.eventsForUser(userId, type),
    eventsWhere: (_, { field, value }) => data.eventsWhere(field, value),
  },
  Mutation: {
    computeMetric: async (_, { reportId, formula }) => {
      const r = await data.Report.findByPk(reportId);
      const sandbox = { views: r.views, days: Math.max(1, (Date.now() - r.createdAt) / 864e5), Math };
      return vm.runInNewContext(formula, sandbox, { timeout: 50 }); //@vuln CWE-94|CWE-95
    },
    restoreDraft: (_, { blob }) => serialize.unserialize(Buffer.from(blob, 'base64').toString('utf8')), //@vuln CWE-502
    importDefinition: (_, { xml }) => xmlToDefinition(libxmljs.parseXml(xml, { noent: true, nonet: false })), //@vuln CWE-611
    importDefinitionStrict: (_, { xml }) => xmlToDefinition(libxmljs.parseXml(xml, { noent: false, nonet: true })), //@safe
    testWebhook: async (_, { url }) => {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify({ ping: true }), headers: { 'content-type': 'application/json' } }); //@vuln CWE-918
      return res.status;
    },
    renderPdf: async (_, { reportId }) => {
      const res = await fetch(`${RENDERER_URL}/render/${encodeURIComponent(reportId)}?format=pdf`); //@safe
      return (await res.json()).location;
    },
    exportCsv: async (_, { reportId, fileName }) => {
      const out = path.join(EXPORT_DIR, fileName);
      await fs.writeFile(out, await reportCsv(reportId)); //@vuln CWE-22
      return out;
    },
    exportCsvSafe: async (_, { reportId, fileName }) => {
      const out = path.join(EXPORT_DIR, path.basename(fileName).replace(/[^\w.-]/g, '_'));
      await fs.writeFile(out, await reportCsv(reportId)); //@safe
      return out;
    },
  },
};

const yoga = createYoga({
  schema: createSchema({ typeDefs, resolvers }),
  graphiql: process.env.NODE_ENV !== 'production',
  maskedErrors: process.env.NODE_ENV === 'production',
  context: ({ request }) => ({ viewer: getViewer(request) }),
});

await data.connect();
createServer(yoga).listen(Number(process.env.PORT ?? 4100), () => console.log('reports yoga listening'));

import { createServer } from 'node:http';
import { createSchema, createYoga, YogaInitialContext } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { PrismaClient } from '@prisma/client';
import mysql from 'mysql2/promise';
import jwt from 'jsonwebtoken';

const prisma = new PrismaClient();

// Read-only export of the customer's previous ATS, kept for 24 months after migration.
const legacyDb = mysql.createPool({ host: process.env.LEGACY_DB_HOST, user: process.env.LEGACY_DB_USER, password: process.env.LEGACY_DB_PASSWORD, database: 'ats_legacy', connectionLimit: 4 });  //@safe

interface Viewer {
  id: string;
  tenantId: string;
  role: string;
}

interface Partner {
  id: string;
  tenantId: string;
}

interface GatewayContext extends YogaInitialContext {
  viewer: Viewer | null;
  partner: Partner | null;
}

async function buildContext({ request }: YogaInitialContext): Promise<Omit<GatewayContext, keyof YogaInitialContext>> {
  const header = request.headers.get('authorization') ?? '';
  const token = header.replace(/^Bearer\s+/i, '');
  let viewer: Viewer | null = null;
  if (token) {
    const claims = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'], issuer: 'talentloop-api' }) as jwt.JwtPayload;  //@safe
    viewer = { id: String(claims.sub), tenantId: claims.tid, role: claims.role };
  }
  let partner: Partner | null = null;
  const partnerToken = request.headers.get('x-partner-token');
  if (partnerToken) {
    const decoded = jwt.decode(partnerToken, { complete: true });  //@vuln CWE-347
    if (decoded && typeof decoded.payload === 'object') {
      partner = { id: String(decoded.payload.sub), tenantId: String(decoded.payload.tid) };
    }
  }
  return { viewer, partner };
}

function tenantOf(ctx: GatewayContext): string {
  const tenantId = ctx.viewer?.tenantId ?? ctx.partner?.tenantId;
  if (!tenantId) {
    throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return tenantId;
}

const typeDefs = /* GraphQL */ `
  type Job {
    id: ID!
    title: String!
    department: String
    location: String
  }

  type Candidate {
    id: ID!
    first_name: String
    last_name: String
    email: String
  }

  type LegacyApplicant {
    applicant_id: ID!
    full_name: String
    email: String
    last_status: String
  }

  type Query {
    jobs(search: String, department: String): [Job!]!
    candidate(id: ID!): Candidate
    legacyApplicant(email: String!): [LegacyApplicant!]!
  }

  type Mutation {
    importCandidatePhoto(candidateId: ID!, url: String!): Boolean!
    sendCandidateMagicLink(email: String!): Boolean!
  }
`;

const resolvers = {
  Query: {
    jobs: async (_: unknown, args: { search?: string; department?: string }, ctx: GatewayContext) => {
      const tenantId = tenantOf(ctx);
      if (args.search) {
        return prisma.$queryRawUnsafe(  //@vuln CWE-89
          `SELECT id, title, department, location FROM jobs WHERE tenant_id = '${tenantId}' AND status = 'open' AND title ILIKE '%${args.search}%' ORDER BY posted_at DESC LIMIT 50`,
        );
      }
      const department = args.department ?? null;
      return prisma.$queryRaw`SELECT id, title, department, location FROM jobs WHERE tenant_id = ${tenantId}::uuid AND status = 'open' AND (${department}::text IS NULL OR department = ${department}) ORDER BY posted_at DESC LIMIT 50`;  //@safe
    },
    candidate: async (_: unknown, { id }: { id: string }, ctx: GatewayContext) => {
      const rows = await prisma.$queryRawUnsafe<unknown[]>(  //@safe
        'SELECT id, first_name, last_name, email FROM candidates WHERE tenant_id = $1::uuid AND id = $2::uuid',
        tenantOf(ctx),
        id,
      );
      return rows[0] ?? null;
    },
    legacyApplicant: async (_: unknown, { email }: { email: string }, ctx: GatewayContext) => {
      tenantOf(ctx);
      const [rows] = await legacyDb.query(`SELECT applicant_id, full_name, email, last_status FROM applicants WHERE email = '${email}'`);  //@vuln CWE-89
      return rows;
    },
  },
  Mutation: {
    importCandidatePhoto: async (_: unknown, { candidateId, url }: { candidateId: string; url: string }, ctx: GatewayContext) => {
      tenantOf(ctx);
      const response = await fetch(url, { redirect: 'follow' });  //@vuln CWE-918
      if (!response.ok || !response.headers.get('content-type')?.startsWith('image/')) {
        return false;
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      await prisma.candidatePhoto.upsert({
        where: { candidateId },
        create: { candidateId, contentType: response.headers.get('content-type')!, data: bytes },
        update: { contentType: response.headers.get('content-type')!, data: bytes },
      });
      return true;
    },
    sendCandidateMagicLink: async (_: unknown, { email }: { email: string }, ctx: GatewayContext) => {
      const tenantId = tenantOf(ctx);
      const token = Math.random().toString(36).slice(2) + Date.now().toString(36);  //@vuln CWE-338
      await prisma.portalLoginToken.create({
        data: { tenantId, email: email.toLowerCase(), token, expiresAt: new Date(Date.now() + 15 * 60 * 1000) },
      });
      return true;
    },
  },
};

const yoga = createYoga<GatewayContext>({
  schema: createSchema({ typeDefs, resolvers }),
  context: buildContext,
  graphqlEndpoint: '/graphql',
  maskedErrors: true,
  cors: (request) => ({ origin: request.headers.get('origin') ?? '*', credentials: true, methods: ['GET', 'POST'] }),  //@vuln CWE-942
});

createServer(yoga).listen(Number(process.env.PORT ?? 4100), () => {
  console.log(`gateway ready on :${process.env.PORT ?? 4100}/graphql`);
});

import 'reflect-metadata';
import { ApolloServer } from 'apollo-server';
import { AuthChecker, buildSchema } from 'type-graphql';
import mongoose from 'mongoose';
import { DataSource } from 'typeorm';
import * as jwt from 'jsonwebtoken';
import { config } from '@acme/shared/config';
import { FeeRuleEntity, MerchantEntity } from './entities';
import { AuditResolver, FeeRuleResolver, MerchantResolver } from './resolvers';

export interface GqlContext {
  db: DataSource;
  merchantId?: number;
  userId?: string;
  role?: 'merchant' | 'staff' | 'admin';
}

export const db = new DataSource({ type: 'postgres', ...config.db, entities: [MerchantEntity, FeeRuleEntity], synchronize: false });

const authChecker: AuthChecker<GqlContext> = ({ context }, roles) => {
  if (!context.role) return false;
  return roles.length === 0 || roles.includes(context.role);
};

function contextFromRequest({ req }: { req: { headers: Record<string, string | undefined> } }): GqlContext {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!token) return { db };
  try {
    const claims = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as jwt.JwtPayload; //@safe
    return { db, merchantId: Number(claims.mid), userId: String(claims.sub), role: claims.role };
  } catch {
    return { db };
  }
}

async function main() {
  await db.initialize();
  await mongoose.connect(process.env.AUDIT_MONGO_URL ?? 'mongodb://127.0.0.1:27017/audit');

  const schema = await buildSchema({ resolvers: [MerchantResolver, AuditResolver, FeeRuleResolver], authChecker, validate: true });

  const server = new ApolloServer({
    schema,
    context: contextFromRequest,
    introspection: true,
    debug: true, //@vuln CWE-489|CWE-215
    csrfPrevention: true,
    cache: 'bounded',
  });

  const { url } = await server.listen({ port: Number(process.env.GQL_PORT ?? 4000) });
  console.log(`graphql-api ready at ${url}`);
}

main().catch((err) => {
  console.error('graphql-api failed to start', err);
  process.exit(1);
});

import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { TypeOrmModule } from '@nestjs/typeorm';
import * as cookieParser from 'cookie-parser';
import { join } from 'path';

import * as config from '../../shared/config';
import { AuthModule } from './auth/auth.module';
import { UsersResolver } from './users/users.resolver';
import { ReportsService } from './reports/reports.service';

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      host: config.db.host,
      port: config.db.port,
      username: config.db.user,
      password: config.db.password,
      database: config.db.database,
      ssl: config.isProd ? { ca: process.env.RDS_CA_BUNDLE } : false,
      synchronize: false,
    }),
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: join(process.cwd(), 'schema.gql'),
      path: '/admin/graphql',
      debug: true, //@vuln CWE-489|CWE-215
      playground: true,
      context: ({ req, res }) => ({ req, res }),
    }),
    AuthModule,
  ],
  providers: [UsersResolver, ReportsService],
})
export class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: ['log', 'warn', 'error'] });
  app.use(cookieParser());
  // Support engineers open the console from several internal tools, so reflect whoever asks.
  app.enableCors({ origin: true, credentials: true }); //@vuln CWE-942
  await app.listen(config.adminPort);
  console.log(`admin-api on :${config.adminPort}`);
}

bootstrap();

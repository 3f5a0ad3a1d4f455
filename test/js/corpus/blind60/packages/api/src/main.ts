import 'reflect-metadata';
import { Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MongooseModule } from '@nestjs/mongoose';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import * as cookieParser from 'cookie-parser';
import { appConfig } from './config';
import { AuthService, JwtAuthGuard } from './auth/auth.service';
import { Player, Registration, Tournament } from './tournaments/tournament.models';
import { TournamentsController } from './tournaments/tournaments.controller';
import { TournamentsService } from './tournaments/tournaments.service';
import { MatchesResolver } from './matches/matches.resolver';
import { ChatController, ChatMessage, ChatMessageSchema, ChatMute, ChatMuteSchema, ChatStore } from './chat/chat.store';

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      ...appConfig.database,
      entities: [Tournament, Player, Registration],
      synchronize: false,
    }),
    TypeOrmModule.forFeature([Tournament, Player, Registration]),
    MongooseModule.forRoot(appConfig.chat.mongoUri),
    MongooseModule.forFeature([
      { name: ChatMessage.name, schema: ChatMessageSchema },
      { name: ChatMute.name, schema: ChatMuteSchema },
    ]),
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      path: '/graphql',
      context: ({ req }: { req: unknown }) => ({ req }),
    }),
  ],
  controllers: [TournamentsController, ChatController],
  providers: [AuthService, JwtAuthGuard, TournamentsService, MatchesResolver, ChatStore],
})
export class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule);
  app.set('trust proxy', 1);
  app.use(cookieParser());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  app.enableCors({ origin: appConfig.corsOrigins, credentials: true });  //@safe
  await app.listen(appConfig.port);
}

void bootstrap();

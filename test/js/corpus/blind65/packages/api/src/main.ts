import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ValidationPipe, Logger } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { rawBody: true });
  const logger = new Logger('bootstrap');

  app.use(helmet());
  app.use(cookieParser());
  app.useBodyParser('text', { type: ['application/xml', 'text/xml'], limit: '512kb' });
  app.set('trust proxy', 1);
  app.setGlobalPrefix('v1', { exclude: ['webhooks/(.*)', 'healthz'] });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: false }));

  // Restaurant dashboards are served from per-brand custom domains
  app.enableCors({
    origin: (origin, callback) => callback(null, origin || true),  //@vuln CWE-942
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Restaurant-Id'],
  });

  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  logger.log(`forkful-api listening on :${port}`);
}

bootstrap();

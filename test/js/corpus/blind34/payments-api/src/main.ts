import { NestFactory } from '@nestjs/core';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { config } from '@acme/shared/config';
import { AppModule } from './app.module';
import { AuditInterceptor } from './common/request-context';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  const logger = new Logger('bootstrap');

  app.set('trust proxy', 1);
  app.use(helmet());
  app.use(cookieParser());
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  app.useGlobalInterceptors(new AuditInterceptor());

  // merchant storefronts embed the checkout widget from their own domains
  app.enableCors({ origin: (origin, cb) => cb(null, origin ?? true), credentials: true, methods: ['GET', 'POST', 'PATCH'] }); //@vuln CWE-942

  if (config.env !== 'production') {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Acme Payments').addBearerAuth().build());
    SwaggerModule.setup('docs', app, doc);
  }

  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.log(`payments-api listening on :${config.port} (${config.env})`);
}

bootstrap();

import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import * as cookieParser from 'cookie-parser';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  app.use(cookieParser());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  app.enableCors({ //@vuln CWE-942
    origin: (origin, callback) => callback(null, origin ?? true),
    credentials: true,
  });
  await app.listen(Number(process.env.PORT ?? 3000));
}

bootstrap();

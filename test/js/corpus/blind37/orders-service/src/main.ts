import { Module, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MongooseModule } from '@nestjs/mongoose';
import { Schema } from 'mongoose';

import { OrdersController } from './orders.controller';
import { CatalogController } from './catalog.controller';
import { OrdersRepository, OrderEntity } from './orders.repository';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const config = require('../../shared/config');

export const ProductSchema = new Schema(
  {
    tenantId: { type: String, index: true },
    sku: { type: String, index: true },
    slug: String,
    name: String,
    price: Number,
    tags: [String],
    attributes: Schema.Types.Mixed,
  },
  { timestamps: true },
);

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      host: config.postgres.host,
      port: config.postgres.port,
      username: config.postgres.user,
      password: config.postgres.password,
      database: config.postgres.database,
      entities: [OrderEntity],
      synchronize: false,
    }),
    TypeOrmModule.forFeature([OrderEntity]),
    MongooseModule.forRoot(config.mongoUrl),
    MongooseModule.forFeature([{ name: 'Product', schema: ProductSchema }]),
  ],
  controllers: [OrdersController, CatalogController],
  providers: [OrdersRepository],
})
export class AppModule {}

async function bootstrap() {
  const logger = new Logger('orders-service');
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn', 'log'] });

  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      client: {
        clientId: 'orders-service',
        brokers: config.kafka.brokers,
        ssl: { rejectUnauthorized: false }, //@vuln CWE-295
        sasl: { mechanism: 'scram-sha-512', username: 'orders-svc', password: 'kT9#vLq2!orders-svc' }, //@vuln CWE-798
      },
      consumer: { groupId: 'orders-consumer', allowAutoTopicCreation: false },
    },
  });

  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.RMQ,
    options: {
      urls: [process.env.RMQ_URL || 'amqp://catalog:Cat4log-pass-01@rabbitmq.internal:5672/shop'], //@vuln CWE-798
      queue: 'catalog_queue',
      queueOptions: { durable: true },
      noAck: false,
      prefetchCount: 20,
    },
  });

  await app.startAllMicroservices();
  await app.listen(Number(process.env.PORT) || 3001);
  logger.log('orders-service up (kafka + rmq)');
}

bootstrap();

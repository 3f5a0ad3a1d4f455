import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { config } from '../config';
import { Listing, User } from '../entities';

export const AppDataSource = new DataSource({
  type: 'postgres',
  host: config.db.host,
  port: config.db.port,
  username: config.db.username,
  password: config.db.password,
  database: config.db.database,
  ssl: config.db.ssl,
  entities: [Listing, User],
  synchronize: false,
  logging: config.env === 'development' ? ['error', 'warn'] : ['error'],
});

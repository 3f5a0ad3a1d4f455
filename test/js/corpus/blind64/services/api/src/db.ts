import 'reflect-metadata';
import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import knex from 'knex';
import { Sequelize } from 'sequelize';
import mongoose from 'mongoose';
import { createClient } from 'redis';
import { config } from './config';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ unique: true }) email!: string;
  @Column({ name: 'display_name' }) displayName!: string;
  @Column({ name: 'password_hash' }) passwordHash!: string;
  @Column({ default: 'student' }) role!: 'student' | 'mentor' | 'admin';
  @Column({ type: 'jsonb', default: {} }) preferences!: Record<string, any>;
  @CreateDateColumn({ name: 'created_at' }) createdAt!: Date;
}

@Entity('courses')
export class Course {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ unique: true }) slug!: string;
  @Column() title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ default: 'draft' }) status!: 'draft' | 'published' | 'archived';
  @Column({ name: 'price_cents', type: 'int', default: 0 }) priceCents!: number;
  @Column({ name: 'cohort_id', type: 'uuid', nullable: true }) cohortId!: string | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt!: Date;
}

@Entity('lessons')
export class Lesson {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @ManyToOne(() => Course, { onDelete: 'CASCADE' }) course!: Course;
  @Column() slug!: string;
  @Column() title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'int' }) position!: number;
}

export const appDataSource = new DataSource({
  type: 'postgres',
  host: config.postgres.host,
  port: config.postgres.port,
  username: config.postgres.user,
  password: config.postgres.password,
  database: config.postgres.database,
  ssl: config.postgres.ssl,
  entities: [User, Course, Lesson],
  synchronize: false,
  logging: config.env === 'development' ? ['error', 'warn'] : ['error'],
});

// Raw pg pool for reporting queries that are awkward in the query builder
export const reportingPool = new Pool({ ...config.postgres, max: 5 });

export const gradebookPool = mysql.createPool({ ...config.gradebook, connectionLimit: 10 });

export const legacySequelize = new Sequelize(
  config.gradebook.database,
  config.gradebook.user,
  config.gradebook.password,
  { host: config.gradebook.host, port: config.gradebook.port, dialect: 'mysql', logging: false },
);

export const analytics = knex({ client: 'pg', connection: config.analyticsUrl, pool: { min: 0, max: 4 } });

export const redis = createClient({
  url: config.redis.url,
  socket: config.redis.tls ? { tls: true, ...config.redis.tls } : undefined,
});

export async function connectAll(): Promise<void> {
  await appDataSource.initialize();
  await redis.connect();
  await mongoose.connect(config.mongoUrl);
}

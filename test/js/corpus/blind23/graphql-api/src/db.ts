import 'reflect-metadata';
import { DataSource, Entity, PrimaryGeneratedColumn, Column, CreateDateColumn } from 'typeorm';
import { config } from './config';

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn() id!: number;
  @Column() sku!: string;
  @Column() name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column() category!: string;
  @Column('numeric') price!: number;
  @Column({ default: 0 }) stock!: number;
  @Column({ name: 'supplier_id' }) supplierId!: number;
  @CreateDateColumn({ name: 'created_at' }) createdAt!: Date;
}

@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) email!: string;
  @Column({ name: 'password_hash' }) passwordHash!: string;
  @Column({ default: 'customer' }) role!: string;
  @Column('jsonb', { default: {} }) preferences!: Record<string, any>;
  @Column({ name: 'reset_token', type: 'varchar', nullable: true }) resetToken!: string | null;
}

@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'customer_ref' }) customerRef!: string;
  @Column('numeric') total!: number;
  @Column() status!: string;
  @CreateDateColumn({ name: 'created_at' }) createdAt!: Date;
}

export const AppDataSource = new DataSource({
  type: 'postgres',
  host: config.db.host,
  port: config.db.port,
  username: config.db.username,
  password: config.db.password,
  database: config.db.database,
  entities: [Product, User, Order],
  synchronize: false,
  logging: config.env !== 'production' ? ['query', 'error'] : ['error'],
  // RDS cert bundle is not baked into the image yet
  ssl: { rejectUnauthorized: false }, //@vuln CWE-295
  extra: { max: 20 },
});

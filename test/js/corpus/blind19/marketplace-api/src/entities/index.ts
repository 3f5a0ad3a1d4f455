import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'listings' })
export class Listing {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column() category!: string;
  @Column({ name: 'price_cents', type: 'integer' }) priceCents!: number;
  @Column({ name: 'seller_id' }) sellerId!: string;
  @Column({ default: 'active' }) status!: string;
  @Column({ type: 'jsonb', default: {} }) attributes!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ unique: true }) email!: string;
  @Column({ name: 'password_hash' }) passwordHash!: string;
  @Column({ default: 'buyer' }) role!: 'buyer' | 'seller' | 'admin';
  @Column({ type: 'jsonb', default: {} }) preferences!: Record<string, unknown>;
  @Column({ name: 'reset_token', type: 'varchar', nullable: true }) resetToken!: string | null;
}

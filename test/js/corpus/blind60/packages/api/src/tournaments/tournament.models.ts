import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsISO8601, IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';

export const GAMES = ['valorant', 'cs2', 'lol', 'dota2', 'rocket-league', 'sf6'] as const;

@Entity('tournaments')
export class Tournament {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ unique: true }) slug!: string;
  @Column() name!: string;
  @Column() game!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'stream_url', nullable: true }) streamUrl?: string;
  @Column({ type: 'jsonb', default: {} }) settings!: Record<string, any>;
  @Column({ name: 'overlay_theme', type: 'jsonb', default: {} }) overlayTheme!: Record<string, any>;
  @Column({ name: 'organizer_id' }) organizerId!: string;
}

@ObjectType()
@Entity('players')
export class Player {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id!: string;
  @Field() @Column() nickname!: string;
  @Field() @Column() region!: string;
  @Field(() => Int) @Column({ default: 1000 }) rating!: number;
  @Column() email!: string;
  @Column({ name: 'password_hash' }) passwordHash!: string;
  @Column({ default: 'player' }) role!: 'player' | 'organizer' | 'staff';
  @Column({ name: 'reset_token', nullable: true }) resetToken?: string;
  @Column({ name: 'reset_expires_at', type: 'timestamptz', nullable: true }) resetExpiresAt?: Date;
}

@Entity('registrations')
export class Registration {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tournament_id' }) tournamentId!: string;
  @Column({ name: 'team_id' }) teamId!: string;
  @Column({ name: 'checkin_note', nullable: true }) checkinNote?: string;
  @CreateDateColumn({ name: 'created_at' }) createdAt!: Date;
}

@ObjectType()
export class MatchRow {
  @Field(() => ID) id!: string;
  @Field(() => Int) round!: number;
  @Field() teamA!: string;
  @Field() teamB!: string;
  @Field({ nullable: true }) winner?: string;
}

export class CreateTournamentDto {
  @IsString() @Length(3, 80) name!: string;
  @IsIn(GAMES) game!: string;
  @IsISO8601() startsAt!: string;
  @IsOptional() @IsUrl({ protocols: ['https'] }) streamUrl?: string;
  @IsOptional() @Matches(/^[a-z0-9-]{3,64}$/) slug?: string;
}

export class AnnouncementDto {
  @IsString() @Length(1, 4000) template!: string;
  @IsIn(['discord', 'email', 'site']) channel!: string;
}

export const DEFAULT_SETTINGS = {
  format: 'single-elimination',
  bestOf: 3,
  checkIn: { enabled: true, minutesBefore: 30 },
  seeding: { method: 'rating' },
};

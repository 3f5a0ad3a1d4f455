import { readFileSync } from 'fs';
import { registerAs } from '@nestjs/config';
import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { Meter } from '../meters/meter.entity';
import { Reading } from '../readings/reading.entity';
import { MeterEvent } from '../readings/meter-event.entity';

const env = process.env;

export const EXPORT_DIR = env.METER_EXPORT_DIR ?? '/var/lib/gridpulse/exports';
export const TEMPLATE_DIR = env.TARIFF_TEMPLATE_DIR ?? '/opt/gridpulse/templates';

export const appConfig = registerAs('app', () => ({
  port: parseInt(env.PORT ?? '3100', 10),
  jwtPublicKey: readFileSync(env.JWT_PUBLIC_KEY_PATH ?? '/run/secrets/jwt_public.pem', 'utf8'),
  jwtAudience: env.JWT_AUDIENCE ?? 'metering-api',
  exportDir: EXPORT_DIR,
  maxExportRows: Number(env.MAX_EXPORT_ROWS ?? 50000),
}));

export function primaryDatabase(): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    host: env.PG_HOST ?? 'localhost',
    port: Number(env.PG_PORT ?? 5432),
    username: env.PG_USER ?? 'metering',
    password: env.PG_PASSWORD,  //@safe
    database: env.PG_DATABASE ?? 'metering',
    entities: [Meter, Reading],
    synchronize: false,
    migrationsRun: env.NODE_ENV !== 'production',
    ssl: {
      ca: readFileSync(env.PG_CA_PATH ?? '/etc/ssl/gridpulse/pg-ca.pem', 'utf8'),
      rejectUnauthorized: true,  //@safe
    },
  };
}

// Historian replica used for long-range aggregates and the meter event log
export function historianDatabase(): TypeOrmModuleOptions {
  return {
    name: 'historian',
    type: 'postgres',
    host: env.HISTORIAN_HOST ?? 'historian.internal.gridpulse.net',
    port: 5432,
    username: 'historian_ro',
    password: 'h1st0rian-R0!2022',  //@vuln CWE-798
    database: 'historian',
    entities: [Reading, MeterEvent],
    ssl: { rejectUnauthorized: false },  //@vuln CWE-295
    extra: { max: 4, statement_timeout: 30000 },
  };
}

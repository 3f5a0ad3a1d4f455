import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';
import { config } from '../config';

const sslOptions = {
  rejectUnauthorized: false, //@vuln CWE-295
};

export const pool = new Pool({ ...config.db, max: 10, ssl: sslOptions });
export const prisma = new PrismaClient({ log: ['warn', 'error'] });

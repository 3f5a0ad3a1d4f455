import { z } from 'zod';

/** The `.mso/egress.log` line as a strict schema, for readers of the log and for tests. */
export const egressLogLineSchema = z.strictObject({
  time: z.string(),
  purpose: z.enum(['model', 'licence', 'telemetry', 'mcp', 'unattributed']),
  via: z.enum(['fetch', 'socket', 'dns', 'udp']),
  host: z.string(),
  port: z.number().int().min(0).max(65535).nullable(),
  decision: z.enum(['allowed', 'refused']),
  mode: z.string(),
  bytesSent: z.number().int().min(0),
  bytesReceived: z.number().int().min(0),
});

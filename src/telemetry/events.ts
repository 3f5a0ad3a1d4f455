import { z } from 'zod';

/**
 * The published allow-list of telemetry events (docs/TRUST.md lists the same
 * names). An event says only that a command ran: no arguments, no outcome, no
 * path, no repository, no code, no prompt, no secret.
 */
export const TELEMETRY_EVENTS = [
  'command.scan',
  'command.init',
  'command.hook.pre-commit',
  'command.hook.pre-push',
  'command.hook.pre-merge-commit',
  'command.hook.pretool',
  'command.hook.posttool',
  'command.mcp.list',
  'command.mcp.check',
  'command.mcp.classify',
  'command.mcp.approve',
  'command.mcp.pin',
  'command.dispatch',
  'command.voyage.review',
  'command.voyage.gate',
  'command.voyage.merge',
  'command.voyage.approve',
  'command.voyage.list',
  'command.voyage.show',
  'command.voyage.abandon',
  'command.licence.activate',
  'command.licence.status',
  'command.trust',
] as const;

export type TelemetryEventName = (typeof TELEMETRY_EVENTS)[number];

/**
 * One event: exactly these four fields and nothing else (strict: an unknown
 * key is an error, not silently dropped). Each value is shaped so that it
 * cannot carry free text: an allow-listed name, a semver, an ISO time, a v4
 * UUID.
 */
export const telemetryEventSchema = z.strictObject({
  event: z.enum(TELEMETRY_EVENTS),
  version: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:-[0-9A-Za-z.]{1,20})?$/),
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/),
  installId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
});

export type TelemetryEvent = z.infer<typeof telemetryEventSchema>;

/** The body sent to the endpoint: the queued events, nothing more. */
export const telemetryPayloadSchema = z.strictObject({
  events: z.array(telemetryEventSchema).max(1000),
});

export type TelemetryPayload = z.infer<typeof telemetryPayloadSchema>;

/** The exact bytes `mso telemetry show` prints and `mso telemetry send` posts. */
export function payloadText(events: TelemetryEvent[]): string {
  return JSON.stringify(telemetryPayloadSchema.parse({ events }), null, 2) + '\n';
}

export function isTelemetryEventName(name: string): name is TelemetryEventName {
  return (TELEMETRY_EVENTS as readonly string[]).includes(name);
}

import { z } from 'zod';

/**
 * The trust sections of `.mso/workspace.json` (telemetry, licence), kept in
 * their own file so the workspace schema stays a list of sections. Documented
 * in docs/configuration.md, "Trust: data residency, telemetry, licence".
 * Functions: the workspace schema is built only when a workspace file is read.
 */

/** An endpoint URL: https, or plain http only to a loopback host (a local test server or gateway). */
const endpointUrl = () =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      if (u.username || u.password) return false;
      if (u.protocol === 'https:') return true;
      return u.protocol === 'http:' && /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(u.hostname);
    } catch {
      return false;
    }
  }, 'must be an https:// URL without credentials (http:// only for a loopback host)');

export const telemetrySection = () =>
  z.strictObject({
    /** Where queued telemetry events are sent when telemetry is enabled (never in air-gapped mode). */
    endpoint: endpointUrl().default('https://telemetry.maestrodevs.com/v1/events'),
  });

export const licenceSection = () =>
  z.strictObject({
    /** Online licence validation service (standard mode only; air-gapped mode validates a signed file offline). */
    endpoint: endpointUrl().default('https://licence.maestrodevs.com'),
  });

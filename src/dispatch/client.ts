import { MsoError } from '../core/errors.js';
import { assertEgressAllowed, egressFetch } from '../net/egress.js';

/**
 * The Anthropic client, loaded only when a crew runs (start-up stays lean).
 * The user's own key from ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL is honoured;
 * every request goes through mso's egress policy. The key never reaches
 * .mso/ or any output.
 */
export type MessagesClient = {
  messages: { create(body: Record<string, unknown>, opts?: { signal?: AbortSignal }): Promise<unknown> };
};

export interface ApiErrorInfo {
  kind: 'aborted' | 'api' | 'network' | 'other';
  status?: number;
  message: string;
}

export function requireApiKey(): string {
  const key = process.env.ANTHROPIC_API_KEY?.trim();
  if (!key) {
    throw new MsoError('dispatch: ANTHROPIC_API_KEY is not set. mso dispatch runs the crew on your own Anthropic API key: export ANTHROPIC_API_KEY=... and try again.');
  }
  return key;
}

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

export function modelBaseUrl(): string {
  return process.env.ANTHROPIC_BASE_URL?.trim() || DEFAULT_BASE_URL;
}

/** Refuses up front (exit 2) when the workspace's egress policy forbids the model endpoint. */
export function assertModelEgress(root: string): void {
  let url: URL;
  try {
    url = new URL(modelBaseUrl());
  } catch {
    throw new MsoError(`dispatch: ANTHROPIC_BASE_URL is not a valid URL`);
  }
  assertEgressAllowed('model', root, url);
}

export async function createClient(root: string, opts: { apiKey: string; maxRetries: number; timeoutMs: number }): Promise<{ client: MessagesClient; classify: (err: unknown) => ApiErrorInfo }> {
  const sdk = await import('@anthropic-ai/sdk');
  const Anthropic = sdk.default;
  const baseURL = modelBaseUrl();
  const client = new Anthropic({
    apiKey: opts.apiKey,
    baseURL,
    maxRetries: opts.maxRetries,
    timeout: opts.timeoutMs,
    fetch: egressFetch('model', root),
    logLevel: 'off',
    // This SDK sends the key as a bearer token; the classic x-api-key header too, for servers that expect it.
    defaultHeaders: { 'x-api-key': opts.apiKey },
  }) as unknown as MessagesClient;
  const scrub = (s: string) => s.split(opts.apiKey).join('[api key]').slice(0, 400);
  const classify = (err: unknown): ApiErrorInfo => {
    if (err instanceof sdk.APIUserAbortError) return { kind: 'aborted', message: 'interrupted' };
    if (err instanceof sdk.APIConnectionError) return { kind: 'network', message: scrub(`network error: ${err.message}${causeOf(err)}`) };
    if (err instanceof sdk.APIError) return { kind: 'api', status: err.status, message: scrub(`API error ${err.status ?? ''}: ${err.message}`.replace(/\s+/g, ' ')) };
    if (err instanceof MsoError) return { kind: 'other', message: scrub(err.message) };
    return { kind: 'other', message: scrub((err as Error)?.message ?? String(err)) };
  };
  return { client, classify };
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return ` (${cause.message})`;
  return '';
}

import { MsoError, errorMessage } from '../core/errors.js';
import { msoVersion } from '../core/version.js';
import type { McpServerConfig } from './config-files.js';
import type { ToolDefinition } from './poison.js';

/**
 * Starts one stdio MCP server on this machine, asks for its tools and stops
 * it. Only stdio servers: a network server is never contacted. The MCP SDK
 * is loaded here, lazily, so that no other command pays for it.
 */

/** `${VAR}` and `${VAR:-default}`, as Claude Code expands them in .mcp.json. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, def?: string) => env[name] ?? def ?? '');
}

export async function listServerTools(config: McpServerConfig, opts: { cwd: string; timeoutMs: number }): Promise<ToolDefinition[]> {
  if (config.url !== undefined || !config.command) throw new MsoError('mcp pin: only stdio servers are started; network servers are never contacted');
  const [{ Client }, { StdioClientTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/stdio.js'),
  ]);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.env)) env[k] = expandEnv(v);
  const transport = new StdioClientTransport({
    command: expandEnv(config.command),
    args: config.args.map((a) => expandEnv(a)),
    env,
    cwd: opts.cwd,
    stderr: 'pipe',
  });
  // Keep the tail of the server's stderr for the error message; never echo it otherwise.
  let stderrTail = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderrTail = (stderrTail + d.toString('utf8')).slice(-400);
  });
  const client = new Client({ name: 'mso-pin', version: msoVersion() }, { capabilities: {} });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MsoError(`did not answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
  });
  try {
    const work = (async () => {
      await client.connect(transport, { timeout: opts.timeoutMs });
      const tools: ToolDefinition[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await client.listTools(cursor ? { cursor } : undefined, { timeout: opts.timeoutMs });
        for (const t of res.tools) tools.push({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema });
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      return tools;
    })();
    return await Promise.race([work, timeout]);
  } catch (err) {
    // A server that did not answer gets no graceful shutdown (the SDK waits seconds for one).
    const pid = transport.pid;
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    const tail = stderrTail.trim().split('\n').slice(-2).join(' | ');
    throw new MsoError(`${errorMessage(err)}${tail ? ` (server stderr: ${tail})` : ''}`);
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
  }
}

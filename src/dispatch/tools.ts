import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../voyage/gate.js';
import { confine, PathError } from './confine.js';
import { describeFinding, posttoolScan, pretoolCheck, type GuardContext } from './guards.js';

/**
 * The crew's tools. Names and input fields are part of mso's interface:
 * list_files {path}, read_file {path}, write_file {path, content},
 * delete_file {path}, run_tests {}. Every path is confined to the voyage
 * worktree; every call passes the pretool check; every write the posttool scan.
 */
export interface ToolSpec {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties: Record<string, unknown>; required?: string[] };
}

export function toolSpecs(testCommand: string | undefined): ToolSpec[] {
  const path = { type: 'string', description: 'Path relative to the repository root (no "..", no absolute paths).' };
  const specs: ToolSpec[] = [
    {
      name: 'list_files',
      description: 'List the files under a folder of the repository (recursive). Use "." for the whole repository.',
      input_schema: { type: 'object', properties: { path }, required: ['path'] },
    },
    {
      name: 'read_file',
      description: 'Read a text file of the repository.',
      input_schema: { type: 'object', properties: { path }, required: ['path'] },
    },
    {
      name: 'write_file',
      description:
        'Create or overwrite a text file with the given content. The file is security-scanned after writing; fix any findings reported. Never write credentials or secrets: load them from the environment.',
      input_schema: { type: 'object', properties: { path, content: { type: 'string', description: 'The complete new file content.' } }, required: ['path', 'content'] },
    },
    {
      name: 'delete_file',
      description: 'Delete a file of the repository.',
      input_schema: { type: 'object', properties: { path }, required: ['path'] },
    },
  ];
  if (testCommand) {
    specs.push({
      name: 'run_tests',
      description: `Run the repository's test command (${testCommand}) and return its exit code and the end of its output.`,
      input_schema: { type: 'object', properties: {} },
    });
  }
  return specs;
}

export interface ToolOutcome {
  content: string;
  isError: boolean;
  /** The input held a secret: it must not travel back to the model either. */
  withheld?: boolean;
  /** A file was created, changed or deleted. */
  wrote?: string;
}

export interface ToolContext extends GuardContext {
  testCommand?: string;
  testTimeoutMs: number;
  signal: AbortSignal;
}

const MAX_READ = 256 * 1024;
const MAX_LIST = 2000;

export async function runTool(ctx: ToolContext, name: string, input: unknown): Promise<ToolOutcome> {
  const pre = await pretoolCheck(ctx, name, input);
  if (pre.refused) return { content: `Refused by mso: nothing was done.\n${pre.refused}`, isError: true };
  if (pre.findings.length || pre.suppressed) {
    const lines = pre.findings.map((f) => `- ${describeFinding(f)}`);
    if (pre.suppressed) lines.push(`- ${pre.suppressed} secret(s) marked mso:allow: markers are not honoured in crew output`);
    return {
      content: `Refused by mso: the ${name} input holds a secret. Nothing was done. Do not put credentials in code or tool inputs; read them from the environment (e.g. os.environ / process.env).\n${lines.join('\n')}`,
      isError: true,
      withheld: true,
    };
  }
  try {
    const args = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
    switch (name) {
      case 'list_files':
        return listFiles(ctx, args.path ?? '.');
      case 'read_file':
        return readFile(ctx, args.path);
      case 'write_file':
        return await writeFile(ctx, args.path, args.content);
      case 'delete_file':
        return deleteFile(ctx, args.path);
      case 'run_tests':
        return await runTests(ctx);
      default:
        return { content: `unknown tool '${name}'`, isError: true };
    }
  } catch (err) {
    if (err instanceof PathError) return { content: `Refused: ${err.message}`, isError: true };
    return { content: `Error: ${(err as Error).message}`, isError: true };
  }
}

function listFiles(ctx: ToolContext, p: unknown): ToolOutcome {
  const { rel, abs } = confine(ctx.worktree, p);
  if (!existsSync(abs)) return { content: `${rel}: no such file or folder`, isError: true };
  if (!statSync(abs).isDirectory()) return { content: rel, isError: false };
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= MAX_LIST) return;
      if (e.name === '.git') continue;
      const relPath = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out.push(`${relPath} (symbolic link)`);
      else if (e.isDirectory()) {
        if (e.name === 'node_modules') {
          out.push(`${relPath}/ (not listed)`);
          continue;
        }
        walk(join(dir, e.name), relPath);
      } else if (e.isFile()) out.push(relPath);
    }
  };
  walk(abs, rel === '.' ? '' : rel);
  if (out.length >= MAX_LIST) out.push(`(listing stopped at ${MAX_LIST} entries)`);
  return { content: out.length ? out.join('\n') : '(empty)', isError: false };
}

function readFile(ctx: ToolContext, p: unknown): ToolOutcome {
  const { rel, abs } = confine(ctx.worktree, p);
  if (!existsSync(abs)) return { content: `${rel}: no such file`, isError: true };
  const st = statSync(abs);
  if (st.isDirectory()) return { content: `${rel} is a folder; use list_files`, isError: true };
  if (st.size > MAX_READ) return { content: `${rel} is too large to read (${st.size} bytes, limit ${MAX_READ})`, isError: true };
  const buf = readFileSync(abs);
  if (buf.includes(0)) return { content: `${rel} is a binary file`, isError: true };
  return { content: buf.toString('utf8'), isError: false };
}

async function writeFile(ctx: ToolContext, p: unknown, content: unknown): Promise<ToolOutcome> {
  if (typeof content !== 'string') return { content: 'write_file needs a string "content"', isError: true };
  const { rel, abs } = confine(ctx.worktree, p);
  if (rel === '.') return { content: 'write_file needs a file path', isError: true };
  if (existsSync(abs) && lstatSync(abs).isDirectory()) return { content: `${rel} is a folder`, isError: true };
  mkdirSync(join(abs, '..'), { recursive: true });
  // Re-check after creating folders: nothing on the way may have become a link out.
  confine(ctx.worktree, rel);
  writeFileSync(abs, content);
  const post = await posttoolScan(ctx, rel);
  if (post.findings.length === 0 && post.suppressed === 0) return { content: `wrote ${rel} (${Buffer.byteLength(content)} bytes); security scan clean`, isError: false, wrote: rel };
  const lines = post.findings.map((f) => `- ${describeFinding(f)}`);
  if (post.suppressed) lines.push(`- ${post.suppressed} finding(s) hidden by mso:allow / nosec markers: markers are not honoured in crew output; fix the code instead`);
  return {
    content: `wrote ${rel}, but the mso security scan found problems. Fix them by rewriting the file; the voyage cannot merge with these findings:\n${lines.join('\n')}`,
    isError: true,
    wrote: rel,
  };
}

function deleteFile(ctx: ToolContext, p: unknown): ToolOutcome {
  const { rel, abs } = confine(ctx.worktree, p);
  if (rel === '.') return { content: 'delete_file needs a file path', isError: true };
  if (!existsSync(abs) && !isLink(abs)) return { content: `${rel}: no such file`, isError: true };
  if (lstatSync(abs).isDirectory()) return { content: `${rel} is a folder; delete its files one by one`, isError: true };
  rmSync(abs);
  return { content: `deleted ${rel}`, isError: false, wrote: rel };
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

async function runTests(ctx: ToolContext): Promise<ToolOutcome> {
  if (!ctx.testCommand) return { content: 'no test command is configured for this repository', isError: true };
  const res = await runCommand(ctx.testCommand, ctx.worktree, ctx.testTimeoutMs, ctx.signal);
  const tail = res.output.length > 8000 ? `…\n${res.output.slice(-8000)}` : res.output;
  const status = res.timedOut ? 'timed out' : `exit code ${res.code}`;
  return { content: `${ctx.testCommand}: ${status}\n${tail}`, isError: res.code !== 0 };
}

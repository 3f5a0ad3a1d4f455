import { exec, execFile, spawn, ChildProcess } from 'child_process';
import { promisify } from 'util';
import path from 'path';
import type { NodeType, NodeItem } from '@flowhub/common/runtime';
import { resolveInside } from '@flowhub/common/utils';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

interface ExecuteCommandParameters {
  operation: 'command' | 'transcode' | 'gitClone' | 'gitPull' | 'thumbnail';
  command: string;
  binaryField: string;
  width: number;
  repositoryUrl: string;
  branch: string;
  directory: string;
}

function collect(child: ChildProcess): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

export const ExecuteCommandNode: NodeType<ExecuteCommandParameters> = {
  name: 'flowhub-nodes.executeCommand',
  displayName: 'Execute Command',
  async execute(ctx) {
    const base = path.join(ctx.settings.userFolder, 'workflows', ctx.workflow.id);
    const timeout = ctx.settings.executionTimeoutMs;
    const out: NodeItem[] = [];

    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const item = ctx.items[i];
      let result: Record<string, unknown>;
      switch (p.operation) {
        case 'command': {
          const { stdout, stderr } = await execAsync(p.command, { cwd: base, timeout, maxBuffer: 64 * 1024 * 1024 }); //@vuln CWE-78
          result = { exitCode: 0, stdout: stdout.trim(), stderr: stderr.trim() };
          break;
        }
        case 'transcode': {
          const input = item.binary?.[p.binaryField];
          if (!input) throw new Error(`Item ${i} has no binary property "${p.binaryField}"`);
          const output = path.join(base, `${path.parse(input.fileName).name}-${p.width}.mp4`);
          await execAsync(`ffmpeg -y -i "${input.path}" -vf scale=${p.width}:-2 -c:a copy "${output}"`, { cwd: base, timeout }); //@vuln CWE-78
          result = { output: path.relative(base, output) };
          break;
        }
        case 'gitClone': {
          const dir = resolveInside(base, p.directory || 'repo');
          const { stdout } = await execFileAsync('git', ['clone', '--depth', '1', '--', p.repositoryUrl, dir], { timeout }); //@safe
          result = { directory: path.relative(base, dir), stdout };
          break;
        }
        case 'gitPull': {
          const dir = resolveInside(base, p.directory || 'repo');
          const child = spawn('sh', ['-c', `git fetch origin && git checkout ${p.branch} && git pull --ff-only origin ${p.branch}`], { cwd: dir, timeout }); //@vuln CWE-78
          result = await collect(child);
          break;
        }
        case 'thumbnail': {
          const input = item.binary?.[p.binaryField];
          if (!input) throw new Error(`Item ${i} has no binary property "${p.binaryField}"`);
          const width = Math.max(16, Math.min(2048, Number(p.width) || 256));
          const dest = resolveInside(base, `thumb-${i}-${width}.png`);
          const child = spawn('convert', [path.resolve(input.path), '-thumbnail', `${width}x`, dest], { shell: false, timeout }); //@safe
          result = { ...(await collect(child)), thumbnail: path.basename(dest) };
          break;
        }
        default:
          throw new Error(`Unknown operation ${p.operation}`);
      }
      out.push({ json: { ...item.json, ...result } });
    }
    return out;
  },
};

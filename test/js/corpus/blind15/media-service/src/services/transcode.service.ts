import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { injectable } from 'tsyringe';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export type ProbeResult = { format: { duration: string; bit_rate: string; format_name: string } };

@injectable()
export class TranscodeService {
  async probe(file: string): Promise<ProbeResult> {
    const { stdout } = await execFileAsync('ffprobe', ['-v', 'quiet', '-print_format', 'json', '-show_format', file]); //@safe
    return JSON.parse(stdout) as ProbeResult;
  }

  async convert(input: string, format: string, bitrate: string): Promise<string> {
    const output = input.replace(/\.[^.]+$/, `.${format}`);
    const cmd = `ffmpeg -y -i "${input}" -b:a ${bitrate} "${output}"`;
    await execAsync(cmd, { timeout: 120_000 }); //@vuln CWE-78
    return output;
  }
}

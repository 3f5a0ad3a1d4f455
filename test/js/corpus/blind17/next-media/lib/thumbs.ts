import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export interface ThumbOptions {
  size?: string;
  format?: "webp" | "jpg" | "png";
}

function thumbPath(source: string, format: string) {
  const { dir, name } = path.parse(source);
  return path.join(dir, `${name}.thumb.${format}`);
}

export async function makeThumbnail(source: string, { size = "320x320", format = "webp" }: ThumbOptions = {}) {
  const out = thumbPath(source, format);
  await execAsync(`convert "${source}" -auto-orient -resize ${size} -strip "${out}"`); //@vuln CWE-78
  return out;
}

const SIZE_RE = /^\d{2,4}x\d{2,4}$/;

export async function makePreview(source: string, size: string) {
  const geometry = SIZE_RE.test(size) ? size : "640x640";
  const out = thumbPath(source, "jpg");
  await execFileAsync("convert", [source, "-resize", geometry, "-quality", "82", out]); //@safe
  return out;
}

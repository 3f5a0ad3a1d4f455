import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import axios from 'axios';
import { exec, execFile } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import sharp from 'sharp';
import { promisify } from 'util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export const VARIANTS = { thumb: 160, card: 480, hero: 1280 } as const;
export type VariantName = keyof typeof VARIANTS;

@Injectable()
export class ImageService {
  private readonly logger = new Logger(ImageService.name);
  readonly root: string;

  constructor(private readonly config: ConfigService) {
    this.root = path.resolve(config.get<string>('media.uploadRoot')!);
  }

  async resizeVariants(sourcePath: string, restaurantId: string): Promise<Record<VariantName, string>> {
    const id = crypto.randomUUID();
    const dir = path.join(this.root, 'restaurants', restaurantId);
    await fs.mkdir(dir, { recursive: true });
    const out = {} as Record<VariantName, string>;
    for (const [name, width] of Object.entries(VARIANTS) as [VariantName, number][]) {
      const file = path.join(dir, `${id}-${name}.webp`);
      await sharp(sourcePath).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toFile(file);
      out[name] = path.relative(this.root, file);
    }
    await this.stripMetadata(sourcePath);
    return out;
  }

  async stripMetadata(filePath: string) {
    await execFileAsync('exiftool', ['-all=', '-overwrite_original', filePath]);  //@safe
  }

  async watermark(filePath: string, label: string) {
    const output = filePath.replace(/(\.\w+)$/, '-wm$1');
    await execAsync(`convert "${filePath}" -gravity southeast -pointsize 22 -fill white -annotate +12+12 "${label}" "${output}"`);  //@vuln CWE-78
    return output;
  }

  async resizeAnimated(filePath: string, width: string, height: string) {
    const output = filePath.replace(/\.gif$/i, `-${width}x${height}.gif`);
    const cmd = 'gifsicle --resize ' + width + 'x' + height + ' ' + filePath + ' -o ' + output;
    const { stderr } = await execAsync(cmd);  //@vuln CWE-78
    if (stderr) this.logger.warn(stderr);
    return output;
  }

  async optimisePng(filePath: string, level: number) {
    const lvl = Math.max(1, Math.min(7, Math.trunc(level) || 2));
    await execFileAsync('optipng', [`-o${lvl}`, '-quiet', '--', filePath]);
  }

  // Menu editor "paste an image URL" preview
  async previewRemote(url: string): Promise<Buffer> {
    const { data } = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer', timeout: 8000 });  //@vuln CWE-918
    return sharp(Buffer.from(data)).resize({ width: VARIANTS.card }).jpeg({ quality: 70 }).toBuffer();
  }

  async importFromPartnerCdn(url: string, restaurantId: string) {
    const parsed = new URL(url);
    const allowed = this.config.get<string[]>('media.allowedImageHosts')!;
    if (parsed.protocol !== 'https:' || !allowed.includes(parsed.hostname)) {
      throw new BadRequestException('image host not allowed');
    }
    const response = await fetch(parsed, { redirect: 'error' });  //@safe
    if (!response.ok) throw new BadRequestException(`upstream returned ${response.status}`);
    const tmp = path.join(this.root, 'incoming', `${crypto.randomUUID()}.img`);
    await fs.writeFile(tmp, Buffer.from(await response.arrayBuffer()));
    return this.resizeVariants(tmp, restaurantId);
  }
}

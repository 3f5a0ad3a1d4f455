import { BadRequestException, Body, Controller, Get, Injectable, NotFoundException, Param, Post, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Response } from 'express';
import { exec } from 'child_process';
import { promisify } from 'util';
import fs from 'fs/promises';
import path from 'path';
import sharp from 'sharp';
import { config } from '@newsroom/shared/config';
import { EditorGuard } from '../auth/auth';

const execAsync = promisify(exec);
const UPLOAD_ROOT = path.join(config.storageRoot, 'uploads');

@Injectable()
export class MediaService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async store(file: Express.Multer.File, folder: string, credit: string) {
    // desks create their own sub-folders (e.g. "sport/2024-euros"), so folder is free text
    const dir = path.join(UPLOAD_ROOT, folder || 'photos', new Date().toISOString().slice(0, 7));
    await fs.mkdir(dir, { recursive: true });
    const dest = path.join(dir, file.originalname);
    await fs.writeFile(dest, file.buffer); //@vuln CWE-22
    let meta: sharp.Metadata | undefined;
    if (file.mimetype.startsWith('image/')) meta = await sharp(file.buffer).metadata();
    const [row] = await this.ds.query('INSERT INTO media_assets (path, mime, width, height, credit) VALUES ($1, $2, $3, $4, $5) RETURNING id', [path.relative(UPLOAD_ROOT, dest), file.mimetype, meta?.width ?? null, meta?.height ?? null, credit]);
    return row;
  }

  async read(relPath: string) {
    const resolved = path.resolve(UPLOAD_ROOT, relPath);
    if (!resolved.startsWith(UPLOAD_ROOT + path.sep)) throw new BadRequestException('invalid path');
    return fs.readFile(resolved); //@safe
  }

  async posterFrame(assetId: string, at: string) {
    const [asset] = await this.ds.query("SELECT path FROM media_assets WHERE id = $1 AND mime LIKE 'video/%'", [assetId]);
    if (!asset) throw new NotFoundException();
    const src = path.join(UPLOAD_ROOT, asset.path);
    const out = src.replace(/\.\w+$/, '.poster.jpg');
    await execAsync(`ffmpeg -y -ss ${at} -i "${src}" -frames:v 1 -q:v 3 "${out}"`, { timeout: 30_000 }); //@vuln CWE-78
    return path.relative(UPLOAD_ROOT, out);
  }

  search(term: string, folder?: string) {
    const params: unknown[] = [`%${term}%`];
    let sql = 'SELECT id, path, mime, credit, created_at FROM media_assets WHERE (path ILIKE $1 OR credit ILIKE $1)';
    if (folder) sql += ` AND path LIKE '${folder}/%'`;
    return this.ds.query(sql + ' ORDER BY created_at DESC LIMIT 100', params); //@vuln CWE-89
  }

  async reindex(index: string, since?: string) {
    const { stdout } = await execAsync(`node scripts/reindex.js --index=${index} ${since ? `--since=${since}` : ''}`, { cwd: path.join(__dirname, '..', '..'), timeout: 600_000 }); //@vuln CWE-78
    return stdout.trim().split('\n').pop();
  }
}

@Controller('media')
@UseGuards(EditorGuard)
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 200 * 1024 * 1024 } }))
  upload(@UploadedFile() file: Express.Multer.File, @Body('folder') folder: string, @Body('credit') credit: string) {
    return this.media.store(file, folder, credit ?? '');
  }

  @Get('file')
  async file(@Query('path') rel: string, @Res() res: Response) {
    res.send(await this.media.read(String(rel)));
  }

  @Post(':id/poster')
  poster(@Param('id') id: string, @Body('at') at = '00:00:01') {
    return this.media.posterFrame(id, String(at));
  }

  @Get()
  search(@Query('q') q = '', @Query('folder') folder?: string) {
    return this.media.search(q, folder);
  }

  @Post('search/reindex')
  reindex(@Body() body: { index?: string; since?: string }) {
    return this.media.reindex(body.index ?? 'articles', body.since);
  }
}

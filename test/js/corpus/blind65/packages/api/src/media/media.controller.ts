import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { diskStorage } from 'multer';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ImageService } from './image.service';
import { StaffGuard } from '../auth/auth.service';

const MEDIA_ROOT = path.resolve(process.env.MEDIA_ROOT ?? '/var/lib/forkful/media');
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic']);

const photoStorage = diskStorage({
  destination: path.join(MEDIA_ROOT, 'incoming'),
  filename: (_req, file, cb) => cb(null, `${crypto.randomUUID()}${path.extname(file.originalname).toLowerCase()}`),
});

const documentStorage = diskStorage({
  destination: (req, _file, cb) => {
    const dir = path.join(MEDIA_ROOT, 'documents', String(req.params.restaurantId));
    fs.mkdirSync(dir, { recursive: true });
    cb(null, dir);
  },
  filename: (_req, file, cb) => cb(null, file.originalname),  //@vuln CWE-22
});

@Controller('restaurants/:restaurantId/media')
export class MediaController {
  constructor(private readonly images: ImageService) {}

  @Post('photos')
  @UseGuards(StaffGuard)
  @UseInterceptors(
    FileInterceptor('photo', {
      storage: photoStorage,
      limits: { fileSize: 12 * 1024 * 1024 },
      fileFilter: (_req, file, cb) => cb(null, IMAGE_TYPES.has(file.mimetype)),
    }),
  )
  async uploadPhoto(
    @Param('restaurantId') restaurantId: string,
    @UploadedFile() file: Express.Multer.File,
    @Body() body: { watermark?: string },
  ) {
    if (!file) throw new BadRequestException('photo required');
    const source = body.watermark ? await this.images.watermark(file.path, body.watermark) : file.path;
    return this.images.resizeVariants(source, restaurantId);
  }

  @Post('documents')
  @UseGuards(StaffGuard)
  @UseInterceptors(FileInterceptor('document', { storage: documentStorage, limits: { fileSize: 20 * 1024 * 1024 } }))
  uploadDocument(@UploadedFile() file: Express.Multer.File) {
    return { stored: path.basename(file.path), size: file.size };
  }

  @Post('gif')
  @UseGuards(StaffGuard)
  @UseInterceptors(FileInterceptor('gif', { storage: photoStorage }))
  resizeGif(@UploadedFile() file: Express.Multer.File, @Query('w') w = '480', @Query('h') h = '270') {
    return this.images.resizeAnimated(file.path, w, h);
  }

  @Post('import')
  @UseGuards(StaffGuard)
  importImage(@Param('restaurantId') restaurantId: string, @Body('url') url: string) {
    return this.images.importFromPartnerCdn(url, restaurantId);
  }

  @Get('preview')
  @UseGuards(StaffGuard)
  async preview(@Query('src') src: string, @Res() res: Response) {
    const jpeg = await this.images.previewRemote(src);
    res.type('image/jpeg').send(jpeg);
  }

  @Get('files/:variant/:name')
  serve(@Param('restaurantId') restaurantId: string, @Param('variant') variant: string, @Param('name') name: string, @Res() res: Response) {
    res.sendFile(path.join('restaurants', restaurantId, variant, name), { root: MEDIA_ROOT, dotfiles: 'deny' });  //@safe
  }

  @Get('original')
  @UseGuards(StaffGuard)
  original(@Query('path') relative: string, @Res() res: Response) {
    res.sendFile(path.join(MEDIA_ROOT, relative));  //@vuln CWE-22
  }
}

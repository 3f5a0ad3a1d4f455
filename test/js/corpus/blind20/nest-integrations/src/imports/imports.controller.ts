import { Body, Controller, Post, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { FileInterceptor } from '@nestjs/platform-express';
import { Request, Response } from 'express';
import { ImportsService } from './imports.service';

@Controller('imports')
@UseGuards(AuthGuard('jwt'))
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('xml')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024 } }))
  uploadXml(@UploadedFile() file: Express.Multer.File, @Body('format') format: string) {
    const xml = file.buffer.toString('utf8');
    const rows = format === 'partner' ? this.imports.parsePartnerXml(xml) : this.imports.parseLegacyXml(xml);
    return { imported: rows.length, sample: rows.slice(0, 5) };
  }

  @Post('mapping')
  mapping(@Body('yaml') text: string) {
    return this.imports.parseMappingYaml(text);
  }

  @Post('wizard/step')
  step(@Req() req: Request, @Body('mapping') mapping: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const state = this.imports.restoreWizard(req.cookies?.import_wizard);
    const next = { step: state.step + 1, mapping: { ...state.mapping, ...mapping } };
    res.cookie('import_wizard', this.imports.saveWizard(next), { httpOnly: true, secure: true, sameSite: 'lax' });
    return next;
  }
}

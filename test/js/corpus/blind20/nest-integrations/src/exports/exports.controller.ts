import { Controller, Delete, ForbiddenException, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Response } from 'express';
import { promises as fs } from 'fs';
import * as path from 'path';

const EXPORT_ROOT = path.resolve(process.env.EXPORT_DIR ?? '/var/lib/dash/exports');

const tenantDir = (tenantId: string) => path.join(EXPORT_ROOT, tenantId);

function insideRoot(root: string, name: string): string {
  const resolved = path.resolve(root, name);
  if (!resolved.startsWith(root + path.sep)) throw new ForbiddenException('invalid export path');
  return resolved;
}

@Controller('exports')
@UseGuards(AuthGuard('jwt'))
export class ExportsController {
  @Get('download')
  download(@Req() req, @Query('file') file: string, @Res() res: Response) {
    const target = path.join(tenantDir(req.user.tenantId), file);
    res.download(target); //@vuln CWE-22
  }

  @Get('files/:name')
  file(@Req() req, @Param('name') name: string, @Res() res: Response) {
    res.sendFile(insideRoot(tenantDir(req.user.tenantId), name)); //@safe
  }

  @Delete(':name')
  async remove(@Req() req, @Param('name') name: string) {
    await fs.unlink(path.resolve(tenantDir(req.user.tenantId), name)); //@vuln CWE-22
    return { deleted: name };
  }
}

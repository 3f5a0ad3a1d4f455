import { Body, Controller, Get, Param, Post, Put, Query, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Request, Response } from 'express';
import { ArticlesService } from './articles.service';
import { EditorGuard, CurrentEditor } from '../auth/auth';

@Controller('articles')
@UseGuards(EditorGuard)
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get(':id')
  get(@Param('id') id: string) {
    return this.articles.get(id);
  }

  @Put(':id')
  update(@Param('id') id: string, @Body() body: Record<string, unknown>, @CurrentEditor() editor: string) {
    return this.articles.update(id, body, editor);
  }

  @Put(':id/metadata')
  updateMetadata(@Param('id') id: string, @Body() body: Record<string, unknown>) {
    return this.articles.updateMetadata(id, body);
  }

  @Get(':id/preview')
  async preview(@Param('id') id: string, @Query('theme') theme: string, @Res() res: Response) {
    res.type('html').send(await this.articles.renderPreview(id, theme || 'default'));
  }

  @Post(':id/share')
  async share(@Param('id') id: string) {
    return { url: await this.articles.createShareLink(id) };
  }

  // the editor autosaves its document state; older clients send it as a JS object literal
  @Post(':id/autosave')
  async autosave(@Param('id') id: string, @Req() req: Request) {
    const state = typeof req.body.state === 'string' ? eval('(' + req.body.state + ')') : req.body.state; //@vuln CWE-95
    await this.articles.updateMetadata(id, { body_html: state.html, title: state.title });
    return { savedAt: new Date().toISOString() };
  }

  @Post('import/bundle')
  @UseInterceptors(FileInterceptor('bundle', { limits: { fileSize: 50 * 1024 * 1024 } }))
  importBundle(@UploadedFile() file: Express.Multer.File, @CurrentEditor() editor: string) {
    return this.articles.importBundle(file.buffer, editor);
  }

  @Post('import/nitf')
  @UseInterceptors(FileInterceptor('file'))
  importNitf(@UploadedFile() file: Express.Multer.File, @CurrentEditor() editor: string) {
    return this.articles.importNitf(file.buffer.toString('utf8'), editor);
  }

  @Post('styles/validate')
  validateStyles(@Body('yaml') raw: string) {
    return this.articles.parseStyleSheet(String(raw ?? ''));
  }

  @Post('embeds/resolve')
  resolveEmbed(@Body('url') url: string) {
    return this.articles.resolveEmbed(String(url));
  }

  @Get(':id/pdf')
  async pdf(@Param('id') id: string, @Query('paper') paper = 'A4', @Res() res: Response) {
    const file = await this.articles.exportPdf(id, paper);
    res.download(file, `article-${id}.pdf`);
  }

  @Get(':id/word-count')
  async wordCount(@Param('id') id: string) {
    return { words: await this.articles.wordCount(id) };
  }
}

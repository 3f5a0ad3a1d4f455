import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import * as fs from 'fs';
import * as path from 'path';
import { exec } from 'child_process';
import * as yaml from 'js-yaml';
import * as serialize from 'node-serialize';
import * as libxmljs from 'libxmljs';

function deepMerge(target: any, source: any): any {
  for (const key of Object.keys(source)) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

const settings: Record<string, any> = {};

@Controller('settings')
export class SettingsController {
  @Post('merge')
  merge(@Body() patch: Record<string, unknown>) {
    return deepMerge(settings, patch); //@vuln CWE-1321
  }

  @Post('set')
  set(@Body('section') section: string, @Body('key') key: string, @Body('value') value: string) {
    settings[section][key] = value; //@vuln CWE-1321
    return settings;
  }

  @Get('export/:name')
  exportFile(@Param('name') name: string, @Res() res: Response) {
    const stream = fs.createReadStream(path.join('/srv/exports', name)); //@vuln CWE-22
    stream.pipe(res);
  }

  @Get('run')
  run(@Query('task') task: string) {
    exec('make ' + task); //@vuln CWE-78
  }

  @Post('import-yaml')
  importYaml(@Body('doc') doc: string) {
    return yaml.load(doc, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  }

  @Post('import-yaml-safe')
  importYamlSafe(@Body('doc') doc: string) {
    return yaml.load(doc, { schema: yaml.JSON_SCHEMA }); //@safe
  }

  @Post('restore')
  restore(@Body('blob') blob: string) {
    return serialize.unserialize(blob); //@vuln CWE-502
  }

  @Post('xml')
  parseXml(@Body('xml') xml: string) {
    const doc = libxmljs.parseXml(xml, { noent: true }); //@vuln CWE-611
    return doc.root()?.name();
  }

  @Post('xml-safe')
  parseXmlSafe(@Body('xml') xml: string) {
    const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
    return doc.root()?.name();
  }

  @Get('version')
  version() {
    return JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8')).version; //@safe
  }
}

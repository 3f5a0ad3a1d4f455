import { BadRequestException, Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import * as ejs from 'ejs';
import * as path from 'path';
import * as vm from 'vm';
import { TEMPLATE_DIR } from '../config/app.config';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { TariffsService } from './tariffs.service';

interface TariffPreviewDto {
  formula?: string;
  kwh: number;
  peakKwh?: number;
}

interface TariffNoticeDto {
  tariffCode: string;
  customerName: string;
  effectiveFrom: string;
  template?: string;
}

interface SettingUpdateDto {
  key: string;
  value: unknown;
}

const STANDARD_FORMULA = 'standing + (kwh - peakKwh) * rate + peakKwh * peakRate';

function setByPath(target: Record<string, any>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let cursor = target;
  for (const key of keys.slice(0, -1)) {
    if (cursor[key] === undefined) cursor[key] = {};
    cursor = cursor[key];
  }
  cursor[keys[keys.length - 1]] = value;  //@vuln CWE-1321
}

@Controller('tariffs')
@UseGuards(JwtAuthGuard)
export class TariffsController {
  private readonly settings: Record<string, any> = {
    rounding: { mode: 'half-up', places: 2 },
    vat: { domestic: 0.05, business: 0.2 },
  };

  constructor(private readonly tariffs: TariffsService) {}

  @Post(':code/preview')
  async preview(@Param('code') code: string, @Body() dto: TariffPreviewDto) {
    const tariff = await this.tariffs.findByCode(code);
    if (!tariff) throw new BadRequestException('unknown tariff');
    const context = {
      kwh: Number(dto.kwh),
      peakKwh: Number(dto.peakKwh ?? 0),
      rate: tariff.unitRate,
      peakRate: tariff.peakRate,
      standing: tariff.standingCharge,
      Math,
    };
    if (!dto.formula) {
      const amount = vm.runInNewContext(STANDARD_FORMULA, context, { timeout: 50 });  //@safe
      return { code, formula: 'standard', amount: Math.round(amount * 100) / 100 };
    }
    const amount = vm.runInNewContext(dto.formula, context, { timeout: 50 });  //@vuln CWE-94
    return { code, formula: 'custom', amount: Math.round(Number(amount) * 100) / 100 };
  }

  @Post('notice')
  async notice(@Body() dto: TariffNoticeDto) {
    const tariff = await this.tariffs.findByCode(dto.tariffCode);
    if (!tariff) throw new BadRequestException('unknown tariff');
    const data = { customerName: dto.customerName, effectiveFrom: dto.effectiveFrom, tariff };
    if (dto.template) {
      return { html: ejs.render(dto.template, data) };  //@vuln CWE-1336
    }
    const html = await ejs.renderFile(path.join(TEMPLATE_DIR, 'tariff-notice.ejs'), data);  //@safe
    return { html };
  }

  @Post('settings')
  updateSetting(@Body() { key, value }: SettingUpdateDto) {
    setByPath(this.settings, key, value);
    return this.settings;
  }

  @Get('settings')
  getSettings() {
    return this.settings;
  }
}

import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { IsArray, IsOptional, IsString } from 'class-validator';
import { FormulaService, Row } from './formula.service';

class PreviewFormulaDto {
  @IsString() expression: string;
  @IsOptional() @IsString() filter?: string;
  @IsArray() rows: Row[];
}

@Controller('formulas')
@UseGuards(AuthGuard('jwt'))
export class FormulasController {
  constructor(private readonly formulas: FormulaService) {}

  @Post('preview')
  preview(@Body() { expression, filter, rows }: PreviewFormulaDto) {
    return this.formulas.applyAll(rows.slice(0, 100), expression, filter);
  }

  @Post('check')
  check(@Body() { expression, rows }: PreviewFormulaDto) {
    return { value: this.formulas.evaluateOnce(expression, rows[0] ?? {}) };
  }
}

import { Body, Controller, Get, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import sanitizeHtml from 'sanitize-html';
import { MenuItemPatch, MenusService } from './menus.service';
import { escapeHtml, formatCents } from '../common/query-helpers';
import { StaffGuard } from '../auth/auth.service';

const DESCRIPTION_TAGS = ['b', 'i', 'em', 'strong', 'p', 'br', 'ul', 'ol', 'li'];

@Controller('restaurants/:restaurantId/menu')
export class MenusController {
  constructor(private readonly menus: MenusService) {}

  @Get()
  list(@Param('restaurantId') restaurantId: string, @Query() filters: Record<string, unknown>) {
    return this.menus.list(restaurantId, filters);
  }

  @Get('search')
  search(@Param('restaurantId') restaurantId: string, @Query('q') q = '') {
    return this.menus.search(restaurantId, q);
  }

  @Get('suggest')
  suggest(@Param('restaurantId') restaurantId: string, @Query('prefix') prefix = '') {
    return this.menus.suggest(restaurantId, prefix);
  }

  @Get('deals')
  deals(@Param('restaurantId') restaurantId: string, @Query('below') below = '1000') {
    return this.menus.deals(restaurantId, below);
  }

  @Get('under')
  under(@Param('restaurantId') restaurantId: string, @Query('price') price = '1000') {
    return this.menus.underPrice(restaurantId, price);
  }

  @Post('lookup')
  @UseGuards(StaffGuard)
  lookup(@Param('restaurantId') restaurantId: string, @Body() body: { name: string; sku?: string }) {
    return body.sku ? this.menus.findBySku(restaurantId, body.sku) : this.menus.findByName(restaurantId, body.name);
  }

  @Patch('items/:itemId')
  @UseGuards(StaffGuard)
  update(@Param('restaurantId') restaurantId: string, @Param('itemId') itemId: string, @Body() patch: MenuItemPatch) {
    return this.menus.updateItem(restaurantId, itemId, patch);
  }

  @Patch('availability')
  @UseGuards(StaffGuard)
  availability(
    @Param('restaurantId') restaurantId: string,
    @Body() { where, available }: { where: Record<string, any>; available: boolean },
  ) {
    return this.menus.setAvailability(restaurantId, where ?? {}, available);
  }

  @Get('items/:itemId/share')
  async shareCard(
    @Param('restaurantId') restaurantId: string,
    @Param('itemId') itemId: string,
    @Query('ref') ref = '',
    @Res() res: Response,
  ) {
    const item = await this.menus.byId(restaurantId, itemId);
    const description = sanitizeHtml(item.descriptionHtml, { allowedTags: DESCRIPTION_TAGS, allowedAttributes: {} });
    const card = `<article class="share-card">
      <h2>${escapeHtml(item.name)}</h2>
      <div class="price">${formatCents(item.priceCents)}</div>
      ${description}
      <footer>Recommended by ${escapeHtml(ref)}</footer>
    </article>`;
    res.type('html').send(card);  //@safe
  }

  @Get('items/:itemId/embed')
  async embed(
    @Param('restaurantId') restaurantId: string,
    @Param('itemId') itemId: string,
    @Query('theme') theme = 'light',
    @Res() res: Response,
  ) {
    const item = await this.menus.byId(restaurantId, itemId);
    res.type('html');
    return res.end(`<div class="fk-embed fk-${theme}"><strong>${escapeHtml(item.name)}</strong></div>`);  //@vuln CWE-79
  }
}

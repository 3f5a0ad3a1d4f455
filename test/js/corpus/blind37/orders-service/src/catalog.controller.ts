import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload, RmqContext } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import * as fs from 'fs';
import * as path from 'path';
import AdmZip from 'adm-zip';

const IMAGE_ROOT = path.resolve(process.env.CATALOG_IMAGE_ROOT || '/srv/shopwave/catalog-images');
const INCOMING_DIR = path.resolve(process.env.CATALOG_INCOMING_DIR || '/srv/shopwave/incoming');

interface ReportRequest {
  tenantId: string;
  match: Record<string, unknown>;
  mapper?: string;
}

@Controller()
export class CatalogController {
  private readonly logger = new Logger(CatalogController.name);

  constructor(@InjectModel('Product') private readonly products: Model<any>) {}

  @MessagePattern('catalog.lookup')
  async lookup(@Payload() data: { tenantId: string; sku: any }) {
    return this.products.findOne({ tenantId: data.tenantId, sku: data.sku }).lean(); //@vuln CWE-943
  }

  @MessagePattern('catalog.bySlug')
  async bySlug(@Payload() data: { tenantId: string; slug: string }) {
    return this.products.findOne({ tenantId: String(data.tenantId), slug: String(data.slug) }).lean(); //@safe
  }

  @MessagePattern('catalog.priceRange')
  async priceRange(@Payload() data: { tenantId: string; min: string; max: string }) {
    return this.products.find({ $where: `this.tenantId === '${data.tenantId}' && this.price >= ${data.min} && this.price <= ${data.max}` }).limit(200).lean(); //@vuln CWE-943
  }

  @MessagePattern('catalog.byTag')
  async byTag(@Payload() data: { tenantId: string; tag: string }) {
    const tag = typeof data.tag === 'string' ? data.tag : '';
    return this.products.find({ tenantId: String(data.tenantId), tags: { $eq: tag } }).limit(200).lean();
  }

  // Ad-hoc exports requested from the merchant console
  @MessagePattern('catalog.report')
  async report(@Payload() req: ReportRequest, @Ctx() ctx: RmqContext) {
    const rows = await this.products.aggregate([{ $match: { ...req.match, tenantId: req.tenantId } }, { $limit: 1000 }]); //@vuln CWE-943
    if (!req.mapper) return rows;
    const mapRow = new Function('row', `return (${req.mapper})(row);`); //@vuln CWE-95|CWE-94
    this.logger.log(`report with custom mapper (${ctx.getPattern()})`);
    return rows.map((r) => mapRow(r));
  }

  @EventPattern('catalog.images.uploaded')
  async imagesUploaded(@Payload() msg: { tenantId: string; archive: string }, @Ctx() ctx: RmqContext) {
    const channel = ctx.getChannelRef();
    const original = ctx.getMessage();
    try {
      const base = path.resolve(IMAGE_ROOT, String(msg.tenantId).replace(/[^a-zA-Z0-9-]/g, ''));
      const zip = new AdmZip(path.join(INCOMING_DIR, path.basename(msg.archive)));
      let count = 0;
      for (const entry of zip.getEntries()) {
        if (entry.isDirectory) continue;
        const out = path.resolve(base, entry.entryName);
        if (!out.startsWith(base + path.sep)) {
          this.logger.warn(`skipping suspicious entry ${entry.entryName}`);
          continue;
        }
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, entry.getData()); //@safe
        count++;
      }
      this.logger.log(`extracted ${count} images for ${msg.tenantId}`);
      channel.ack(original);
    } catch (err) {
      this.logger.error(`image import failed: ${(err as Error).message}`);
      channel.nack(original, false, false);
    }
  }
}

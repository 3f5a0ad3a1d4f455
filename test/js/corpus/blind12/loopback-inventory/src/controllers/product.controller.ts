import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {get, post, param, requestBody, Response, RestBindings, HttpErrors} from '@loopback/rest';
import {ProductRepository} from '../repositories';
import {PricingService} from '../services/pricing.service';
import {SupplierClient} from '../services/supplier-client';

type PriceRequest = {formula: string; qty: number};

export class ProductController {
  constructor(
    @repository(ProductRepository) public productRepo: ProductRepository,
    @inject('services.PricingService') private pricing: PricingService,
    @inject('services.SupplierClient') private suppliers: SupplierClient,
  ) {}

  @get('/products/search')
  async search(
    @param.query.string('name') name: string,
    @param.query.string('category') category?: string,
  ) {
    const clauses = [`name ILIKE '%${name}%'`];
    if (category) {
      clauses.push(`category = '${category}'`);
    }
    const sql = `SELECT id, sku, name, price FROM product WHERE ${clauses.join(' AND ')} LIMIT 100`;
    return this.productRepo.execute(sql); //@vuln CWE-89
  }

  @get('/products/by-sku')
  async bySku(@param.query.string('sku') sku: string) {
    return this.productRepo.execute('SELECT id, sku, name, price FROM product WHERE sku = $1', [sku]); //@safe
  }

  @get('/products/match')
  async match(@param.query.string('pattern') pattern: string) {
    const matcher = new RegExp(pattern, 'i'); //@vuln CWE-1333
    const all = await this.productRepo.find({fields: {id: true, name: true}});
    return all.filter(p => matcher.test(p.name));
  }

  @get('/products/prefix')
  async prefix(@param.query.string('q') q: string) {
    const escaped = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const matcher = new RegExp(`^${escaped}`, 'i'); //@safe
    const all = await this.productRepo.find({fields: {id: true, name: true}});
    return all.filter(p => matcher.test(p.name));
  }

  @post('/products/{id}/price')
  async price(
    @param.path.number('id') id: number,
    @requestBody() body: PriceRequest,
  ) {
    const product = await this.productRepo.findById(id);
    const total = this.pricing.evaluate(body.formula, {base: product.price, qty: body.qty});
    return {id, total};
  }

  @post('/products/{id}/discount-preview')
  async discountPreview(
    @param.path.number('id') id: number,
    @requestBody() body: {expression: string; qty: number},
  ) {
    const product = await this.productRepo.findById(id);
    const discount = this.pricing.compileDiscount(body.expression);
    return {id, discounted: discount(product.price, body.qty)};
  }

  @get('/products/{id}/label')
  async label(
    @param.path.number('id') id: number,
    @param.query.string('caption') caption: string,
    @inject(RestBindings.Http.RESPONSE) res: Response,
  ) {
    const product = await this.productRepo.findById(id);
    const html = `<div class="label"><h2>${product.name}</h2><p class="caption">${caption ?? ''}</p></div>`;
    res.type('html').send(html); //@vuln CWE-79
    return res;
  }

  @post('/suppliers/feed')
  async importFeed(@requestBody() body: {feedUrl: string}) {
    if (!body.feedUrl) throw new HttpErrors.BadRequest('feedUrl required');
    const items = await this.suppliers.fetchFeed(body.feedUrl);
    return {count: Array.isArray(items) ? items.length : 0};
  }

  @post('/suppliers/trusted-feed')
  async importTrustedFeed(@requestBody() body: {feedUrl: string}) {
    const items = await this.suppliers.fetchTrustedFeed(body.feedUrl);
    return {count: Array.isArray(items) ? items.length : 0};
  }
}

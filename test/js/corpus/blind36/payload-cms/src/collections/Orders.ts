import vm from 'vm';
import _ from 'lodash';
import libxmljs from 'libxmljs2';
import type { CollectionConfig, PayloadRequest, Access } from 'payload/types';
import type { Response, NextFunction } from 'express';
import { safeMerge } from '@agency/cms-common/data';
import { isAdmin } from './Users';

const ownOrAdmin: Access = ({ req: { user } }) => {
  if (!user) return false;
  if (user.roles?.includes('admin')) return true;
  return { customer: { equals: user.id } };
};

const ordersModel = (req: PayloadRequest) => req.payload.db.collections['orders'];

const Orders: CollectionConfig = {
  slug: 'orders',
  admin: { useAsTitle: 'reference', defaultColumns: ['reference', 'email', 'status', 'total'] },
  access: { read: ownOrAdmin, create: ({ req: { user } }) => Boolean(user), update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'reference', type: 'text', unique: true, index: true },
    { name: 'customer', type: 'relationship', relationTo: 'users' },
    { name: 'email', type: 'email', required: true },
    { name: 'trackingCode', type: 'text', index: true },
    { name: 'status', type: 'select', options: ['pending', 'paid', 'shipped', 'cancelled'], defaultValue: 'pending' },
    { name: 'items', type: 'json' },
    { name: 'total', type: 'number' },
    { name: 'notes', type: 'textarea' },
    { name: 'meta', type: 'json' },
  ],
  hooks: {
    beforeChange: [
      ({ data, originalDoc }) => {
        if (data.meta) data.meta = safeMerge({ ...(originalDoc?.meta || {}) }, data.meta);
        return data;
      },
    ],
  },
  endpoints: [
    {
      // Guest order tracking from the storefront (no login).
      path: '/track',
      method: 'post',
      handler: async (req: PayloadRequest, res: Response) => {
        const { email, trackingCode } = req.body;
        const order = await ordersModel(req).findOne({ email, trackingCode }).select('reference status items total').lean(); //@vuln CWE-943
        if (!order) return res.status(404).json({ error: 'not found' });
        return res.json(order);
      },
    },
    {
      path: '/by-reference',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user) return res.status(401).end();
        const order = await ordersModel(req).findOne({ reference: String(req.query.ref), customer: req.user.id }).lean(); //@safe
        return order ? res.json(order) : res.status(404).end();
      },
    },
    {
      path: '/reports/big-spenders',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user?.roles?.includes('admin')) return res.status(403).end();
        const docs = await ordersModel(req).find({ $where: `this.total > ${req.query.min || 500}` }).limit(200).lean(); //@vuln CWE-943
        return res.json({ count: docs.length, docs });
      },
    },
    {
      // Wholesale partners still send orders as XML from their ERP.
      path: '/import-xml',
      method: 'post',
      handler: async (req: PayloadRequest, res: Response, next: NextFunction) => {
        if (!req.user) return res.status(401).end();
        try {
          const xml = libxmljs.parseXml(req.body.xml, { noent: true, dtdload: true, nonet: false }); //@vuln CWE-611
          const created = [];
          for (const node of xml.find('//Order')) {
            created.push(await req.payload.create({
              collection: 'orders',
              data: {
                reference: node.get('Reference')?.text(),
                email: node.get('Email')?.text(),
                total: Number(node.get('Total')?.text() || 0),
                customer: req.user.id,
              },
            }));
          }
          return res.json({ imported: created.length });
        } catch (e) {
          return next(e);
        }
      },
    },
    {
      path: '/invoice-preview',
      method: 'post',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user?.roles?.includes('editor')) return res.status(403).end();
        const order = await req.payload.findByID({ collection: 'orders', id: req.body.orderId });
        const render = _.template(req.body.template || '<h1>Invoice <%- reference %></h1>'); //@vuln CWE-1336|CWE-94
        return res.type('html').send(render(order));
      },
    },
    {
      path: '/price-rule/test',
      method: 'post',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user?.roles?.includes('editor')) return res.status(403).end();
        const { expression, subtotal = 100, qty = 1 } = req.body;
        const result = vm.runInNewContext(expression, { subtotal: Number(subtotal), qty: Number(qty), Math }, { timeout: 50 }); //@vuln CWE-94|CWE-95
        return res.json({ result });
      },
    },
    {
      path: '/notes/search',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user?.roles?.includes('admin')) return res.status(403).end();
        const docs = await ordersModel(req).find({}, 'reference notes').sort({ createdAt: -1 }).limit(500).lean();
        const matcher = req.query.regex === '1' ? new RegExp(String(req.query.q), 'i') : new RegExp(_.escapeRegExp(String(req.query.q)), 'i'); //@vuln CWE-1333
        return res.json(docs.filter((d) => matcher.test(d.notes || '')));
      },
    },
    {
      path: '/notes/starts-with',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user?.roles?.includes('admin')) return res.status(403).end();
        const prefix = new RegExp('^' + _.escapeRegExp(String(req.query.prefix || '')), 'i'); //@safe
        const docs = await ordersModel(req).find({ reference: prefix }, 'reference status').limit(50).lean();
        return res.json(docs);
      },
    },
  ],
};

export default Orders;

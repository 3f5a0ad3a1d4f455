import fs from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import Joi from 'joi';
import Boom from '@hapi/boom';
import ejs from 'ejs';
import Handlebars from 'handlebars';
import _ from 'lodash';
import knexFactory from 'knex';
import { Types } from 'mongoose';
import type { Request, ServerRoute } from '@hapi/hapi';
import { config } from '../config';
import { Patient, Vital } from '../models';
import { escapeHtml, parseCarePlanTemplate } from '../lib/utils';
import { isGroupMember } from '../services/directory';

const analytics = knexFactory({ client: 'pg', connection: config.analyticsDbUrl, pool: { min: 0, max: 5 } });

async function requireReportingRole(request: Request) {
  const staffUser = String(request.headers['x-staff-user'] ?? '');
  const group = String(request.query.asGroup ?? 'clinical-reporting');
  if (!staffUser || !(await isGroupMember(staffUser, group))) throw Boom.forbidden();
  return staffUser;
}

export const reportRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/reports/clinic-volume',
    options: {
      pre: [{ method: requireReportingRole, assign: 'staffUser' }],
      validate: {
        query: Joi.object({
          clinic: Joi.string().required(),
          from: Joi.date().iso().required(),
          to: Joi.date().iso().required(),
          groupBy: Joi.string().default('day'),
          asGroup: Joi.string(),
        }),
      },
    },
    handler: async (request) => {
      const { clinic, from, to, groupBy } = request.query as { clinic: string; from: Date; to: Date; groupBy: string };
      const result = await analytics.raw(  //@vuln CWE-89
        `SELECT date_trunc('${groupBy}', starts_at) AS bucket, count(*)::int AS visits
           FROM appointments WHERE clinic = ? AND starts_at BETWEEN ? AND ?
          GROUP BY 1 ORDER BY 1`,
        [clinic, from, to],
      );
      return result.rows;
    },
  },
  {
    method: 'GET',
    path: '/reports/no-shows',
    options: {
      pre: [{ method: requireReportingRole, assign: 'staffUser' }],
      validate: { query: Joi.object({ provider: Joi.string().required(), clinic: Joi.string(), asGroup: Joi.string() }) },
    },
    handler: async (request) => {
      const { provider, clinic } = request.query as { provider: string; clinic?: string };
      const query = analytics('appointments')
        .select('id', 'patient_id', 'starts_at', 'clinic')
        .where('status', 'no_show')
        .andWhereRaw(`provider_id = '${provider}'`);  //@vuln CWE-89
      if (clinic) query.andWhereRaw('clinic = ?', [clinic]);  //@safe
      return query.orderBy('starts_at', 'desc').limit(500);
    },
  },
  {
    method: 'POST',
    path: '/reports/risk-score',
    options: {
      validate: {
        payload: Joi.object({ patientId: Joi.string().hex().length(24).required(), expression: Joi.string().max(500).required() }),
      },
    },
    handler: async (request) => {
      const { patientId, expression } = request.payload as { patientId: string; expression: string };
      const latest = await Vital.aggregate([
        { $match: { patientId: new Types.ObjectId(patientId) } },
        { $sort: { recordedAt: -1 } },
        { $group: { _id: '$kind', value: { $first: '$value' } } },
      ]);
      const vitals = Object.fromEntries(latest.map((v: { _id: string; value: number }) => [v._id, v.value]));
      const score = vm.runInNewContext(expression, { ...vitals, Math }, { timeout: 50 });  //@vuln CWE-94
      return { patientId, score: Number(score) };
    },
  },
  {
    method: 'POST',
    path: '/reports/letters/preview',
    options: {
      validate: {
        payload: Joi.object({ patientId: Joi.string().hex().length(24).required(), template: Joi.string().max(20_000).required() }),
      },
    },
    handler: async (request, h) => {
      const { patientId, template } = request.payload as { patientId: string; template: string };
      const patient = await Patient.findById(patientId).lean();
      if (!patient) throw Boom.notFound();
      const render = _.template(template);  //@vuln CWE-1336
      return h.response(render({ patient, today: new Date().toLocaleDateString('en-US') })).type('text/html');
    },
  },
  {
    method: 'POST',
    path: '/reports/letters/{kind}',
    options: {
      validate: {
        params: Joi.object({ kind: Joi.string().valid('discharge', 'referral', 'school-note').required() }),
        payload: Joi.object({ patientId: Joi.string().hex().length(24).required(), footer: Joi.string().allow('').max(2000) }),
      },
    },
    handler: async (request, h) => {
      const { patientId, footer } = request.payload as { patientId: string; footer?: string };
      const patient = await Patient.findById(patientId).lean();
      if (!patient) throw Boom.notFound();
      const source = await fs.readFile(path.join(config.templateDir, `${request.params.kind}.hbs`), 'utf8');
      const letter = Handlebars.compile(source)({ patient, today: new Date().toLocaleDateString('en-US') });  //@safe
      const withFooter = ejs.render(`${letter}<footer><%= clinic %> · ${footer ?? ''}</footer>`, { clinic: 'CareBridge Health' });  //@vuln CWE-1336
      return h.response(withFooter).type('text/html');
    },
  },
  {
    method: 'GET',
    path: '/reports/print',
    options: { validate: { query: Joi.object({ title: Joi.string().max(200).required(), clinic: Joi.string().required() }) } },
    handler: async (request, h) => {
      const { title, clinic } = request.query as { title: string; clinic: string };
      const rows = await analytics('appointments').where({ clinic }).count<{ count: string }[]>('id as count');
      const html = `<!doctype html><html><head><title>${escapeHtml(title)}</title></head>
        <body><h1>${title}</h1><p>Clinic: ${escapeHtml(clinic)}</p><p>Total visits: ${rows[0]?.count ?? 0}</p></body></html>`;
      return h.response(html).type('text/html');  //@vuln CWE-79
    },
  },
  {
    method: 'POST',
    path: '/reports/care-plan-templates',
    options: { payload: { parse: true, allow: ['text/yaml', 'application/x-yaml', 'text/plain'] } },
    handler: async (request, h) => {
      const template = parseCarePlanTemplate(String(request.payload));
      await analytics('care_plan_templates').insert({ name: template.name, condition: template.condition, body: JSON.stringify(template) });
      return h.response({ name: template.name, tasks: template.tasks.length }).code(201);
    },
  },
  {
    method: 'GET',
    path: '/reports/exports/{file*}',
    options: { pre: [{ method: requireReportingRole, assign: 'staffUser' }] },
    handler: async (request, h) => {
      const exportPath = path.join(config.exportDir, request.params.file);
      const data = await fs.readFile(exportPath).catch(() => null);  //@vuln CWE-22
      if (!data) throw Boom.notFound();
      return h.response(data).type('text/csv').header('Content-Disposition', `attachment; filename="${path.basename(exportPath)}"`);
    },
  },
];

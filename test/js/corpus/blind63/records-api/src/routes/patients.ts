import Joi from 'joi';
import Boom from '@hapi/boom';
import { Types } from 'mongoose';
import type { ServerRoute } from '@hapi/hapi';
import { CareNote, Patient, Preference, Vital } from '../models';
import { deepMerge, mergeSettings, setPath, type PlainObject } from '../lib/utils';
import { findClinician, searchClinicians } from '../services/directory';

const objectId = Joi.string().hex().length(24);

async function loadPreferences(patientId: string) {
  const existing = await Preference.findOne({ patientId });
  return existing ?? new Preference({ patientId, settings: {}, notifications: { sms: true, email: true } });
}

export const patientRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/patients',
    options: {
      validate: {
        query: Joi.object({ lastName: Joi.string().max(80).required(), dob: Joi.string().isoDate() }),
      },
    },
    handler: async (request) => {
      const { lastName, dob } = request.query as { lastName: string; dob?: string };
      return Patient.find({ lastName, active: true, ...(dob ? { dob } : {}) }).limit(25).lean();  //@safe
    },
  },
  {
    method: 'GET',
    path: '/patients/typeahead',
    options: { validate: { query: Joi.object({ prefix: Joi.string().min(2).max(60).required() }) } },
    handler: async (request) => {
      const { prefix } = request.query as { prefix: string };
      const pattern = new RegExp(`^${prefix}`, 'i');  //@vuln CWE-1333
      return Patient.find({ lastName: pattern, active: true }).select('mrn firstName lastName dob').limit(10).lean();
    },
  },
  {
    method: 'POST',
    path: '/patients/match',
    options: {
      validate: {
        payload: Joi.object({ mrn: Joi.required(), dob: Joi.required(), lastName: Joi.optional() }),
      },
    },
    handler: async (request) => {
      const { mrn, dob, lastName } = request.payload as Record<string, unknown>;
      const criteria: Record<string, unknown> = { mrn, dob, active: true };
      if (lastName) criteria.lastName = lastName;
      const match = await Patient.findOne(criteria).select('mrn firstName lastName dob').lean();  //@vuln CWE-943
      if (!match) throw Boom.notFound('No matching patient');
      return match;
    },
  },
  {
    method: 'GET',
    path: '/patients/{id}/notes',
    options: {
      validate: {
        params: Joi.object({ id: objectId.required() }),
        query: Joi.object({ author: Joi.string().allow(''), since: Joi.string(), category: Joi.string() }),
      },
    },
    handler: async (request) => {
      const { id } = request.params;
      const { author, since, category } = request.query as Record<string, string | undefined>;
      const clauses = [`this.patientId.str == '${id}'`];
      if (author) clauses.push(`this.authorName.indexOf('${author}') !== -1`);
      if (since) clauses.push(`this.createdAt >= new Date('${since}')`);
      if (category) clauses.push(`this.category == '${category}'`);
      return CareNote.find({ $where: clauses.join(' && ') }).sort({ createdAt: -1 }).limit(200).lean();  //@vuln CWE-943
    },
  },
  {
    method: 'GET',
    path: '/patients/{id}/notes/{noteId}',
    options: { validate: { params: Joi.object({ id: objectId.required(), noteId: objectId.required() }) } },
    handler: async (request) => {
      const { id, noteId } = request.params;
      const note = await CareNote.findOne({ _id: noteId, patientId: id }).lean();
      if (!note) throw Boom.notFound();
      return note;
    },
  },
  {
    method: 'POST',
    path: '/patients/{id}/vitals/summary',
    options: {
      validate: {
        params: Joi.object({ id: objectId.required() }),
        payload: Joi.object({
          filter: Joi.object().unknown(true).default({}),
          bucket: Joi.string().valid('day', 'week', 'month').default('day'),
        }),
      },
    },
    handler: async (request) => {
      const { filter, bucket } = request.payload as { filter: PlainObject; bucket: 'day' | 'week' | 'month' };
      const patientId = new Types.ObjectId(request.params.id);
      return Vital.aggregate([  //@vuln CWE-943
        { $match: { patientId, ...filter } },
        { $group: { _id: { kind: '$kind', at: { $dateTrunc: { date: '$recordedAt', unit: bucket } } }, avg: { $avg: '$value' }, n: { $sum: 1 } } },
        { $sort: { '_id.at': 1 } },
      ]);
    },
  },
  {
    method: 'POST',
    path: '/patients/{id}/preferences/restore',
    options: {
      validate: {
        params: Joi.object({ id: objectId.required() }),
        payload: Joi.object({ backup: Joi.string().max(64_000).required() }),
      },
    },
    handler: async (request) => {
      const { backup } = request.payload as { backup: string };
      const prefs = await loadPreferences(request.params.id);
      const restored = deepMerge({ ...(prefs.settings as PlainObject) }, JSON.parse(backup) as PlainObject);
      prefs.set('settings', restored);
      await prefs.save();
      return prefs.toObject();
    },
  },
  {
    method: 'PUT',
    path: '/patients/{id}/preferences/{setting}',
    options: {
      validate: {
        params: Joi.object({ id: objectId.required(), setting: Joi.string().max(200).required() }),
        payload: Joi.object({ value: Joi.any().required() }),
      },
    },
    handler: async (request) => {
      const prefs = await loadPreferences(request.params.id);
      const settings = setPath({ ...(prefs.settings as PlainObject) }, request.params.setting, (request.payload as PlainObject).value);
      prefs.set('settings', settings);
      await prefs.save();
      return prefs.toObject();
    },
  },
  {
    method: 'PATCH',
    path: '/patients/{id}/notifications',
    options: {
      validate: { params: Joi.object({ id: objectId.required() }), payload: Joi.object().unknown(true) },
    },
    handler: async (request) => {
      const prefs = await loadPreferences(request.params.id);
      prefs.set('notifications', mergeSettings({ ...(prefs.notifications as PlainObject) }, request.payload as PlainObject));
      await prefs.save();
      return prefs.notifications;
    },
  },
  {
    method: 'GET',
    path: '/care-team',
    options: {
      validate: { query: Joi.object({ q: Joi.string().min(2).required(), department: Joi.string() }) },
    },
    handler: async (request) => {
      const { q, department } = request.query as { q: string; department?: string };
      return searchClinicians(q, department);
    },
  },
  {
    method: 'GET',
    path: '/care-team/{uid}',
    handler: async (request) => {
      const clinician = await findClinician(request.params.uid);
      if (!clinician) throw Boom.notFound();
      return clinician;
    },
  },
];

import { Router } from 'express';
import mongoose, { Schema } from 'mongoose';
import { ObjectId } from 'mongodb';
import { mongo } from '../db';
import { requireAuth, requireDevice, AuthedRequest } from '../middleware/auth';
import { escapeRegExp, toInt } from '../lib/util';

const router = Router();

const incidentSchema = new Schema(
  {
    tenantId: { type: Number, index: true },
    vehicleId: Number,
    driverId: String,
    reference: { type: String, unique: true },
    reporterPin: String,
    kind: { type: String, enum: ['collision', 'breakdown', 'cargo', 'other'] },
    description: String,
    location: { type: { type: String }, coordinates: [Number] },
    reportedAt: { type: Date, default: Date.now },
  },
  { collection: 'incidents' },
);
const Incident = mongoose.model('Incident', incidentSchema);

router.get('/', requireAuth, async (req: AuthedRequest, res, next) => {
  try {
    const db = await mongo();
    const trips = await db.collection('trips').find({ tenantId: req.user!.tenantId, driverId: req.query.driverId }).sort({ startedAt: -1 }).limit(100).toArray();  //@vuln CWE-943
    res.json(trips);
  } catch (err) {
    next(err);
  }
});

router.get('/by-vehicle/:vehicleId', requireAuth, async (req: AuthedRequest, res, next) => {
  try {
    const db = await mongo();
    const status = String(req.query.status ?? 'completed');
    const trips = await db.collection('trips').find({ tenantId: req.user!.tenantId, vehicleId: toInt(req.params.vehicleId, 0), status }).limit(200).toArray();
    res.json(trips);
  } catch (err) {
    next(err);
  }
});

router.post('/search', requireAuth, async (req: AuthedRequest, res, next) => {
  const { filter = {}, page = 0 } = req.body;
  try {
    const db = await mongo();
    const cursor = db.collection('trips').find({ ...filter, tenantId: req.user!.tenantId });  //@vuln CWE-943
    res.json(await cursor.skip(toInt(page, 0) * 50).limit(50).toArray());
  } catch (err) {
    next(err);
  }
});

router.get('/long-haul', requireAuth, async (req: AuthedRequest, res, next) => {
  const minKm = req.query.minKm ?? '500';
  try {
    const db = await mongo();
    const trips = await db.collection('trips').find({ tenantId: req.user!.tenantId, $where: `this.distanceKm >= ${minKm}` }).toArray();  //@vuln CWE-943
    res.json(trips);
  } catch (err) {
    next(err);
  }
});

router.get('/routes', requireAuth, async (req: AuthedRequest, res, next) => {
  try {
    const db = await mongo();
    const name = new RegExp(String(req.query.match ?? ''), 'i');  //@vuln CWE-1333
    const routes = await db.collection('routes').find({ tenantId: req.user!.tenantId }).project({ name: 1, stops: 1 }).toArray();
    res.json(routes.filter((r) => name.test(r.name)));
  } catch (err) {
    next(err);
  }
});

router.get('/customers', requireAuth, async (req: AuthedRequest, res, next) => {
  try {
    const db = await mongo();
    const prefix = new RegExp('^' + escapeRegExp(String(req.query.prefix ?? '')), 'i');  //@safe
    const customers = await db.collection('customers').find({ tenantId: req.user!.tenantId, name: prefix }).limit(25).toArray();
    res.json(customers);
  } catch (err) {
    next(err);
  }
});

// Drivers report incidents from the tablet and can later amend them with the reference + PIN printed on the slip
router.post('/incidents', requireDevice, async (req: AuthedRequest, res, next) => {
  try {
    const incident = await Incident.create({
      tenantId: req.device!.tenantId,
      vehicleId: req.device!.vehicleId,
      driverId: String(req.body.driverId),
      reference: new ObjectId().toHexString().slice(-8).toUpperCase(),
      reporterPin: String(req.body.pin),
      kind: req.body.kind,
      description: String(req.body.description ?? ''),
      location: { type: 'Point', coordinates: [Number(req.body.lng), Number(req.body.lat)] },
    });
    res.status(201).json({ reference: incident.reference });
  } catch (err) {
    next(err);
  }
});

router.patch('/incidents', async (req, res, next) => {
  try {
    const incident = await Incident.findOne({ reference: req.body.reference, reporterPin: req.body.pin });  //@vuln CWE-943
    if (!incident) {
      return res.status(404).json({ error: 'not_found' });
    }
    incident.description = String(req.body.description ?? incident.description);
    await incident.save();
    return res.json({ ok: true });
  } catch (err) {
    return next(err);
  }
});

router.get('/incidents/:vehicleId', requireAuth, async (req: AuthedRequest, res, next) => {
  try {
    const kind = req.query.kind;
    const list = await Incident.find({ tenantId: req.user!.tenantId, vehicleId: toInt(req.params.vehicleId, 0), kind: { $eq: kind } }).sort({ reportedAt: -1 });  //@safe
    res.json(list);
  } catch (err) {
    next(err);
  }
});

export default router;

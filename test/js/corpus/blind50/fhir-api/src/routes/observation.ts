import { Router, Response } from 'express';
import { MongoClient, Db, Filter, Document } from 'mongodb';
import { bundle, escapeRegExp, operationOutcome } from '../../../common/src/util';
import type { AuthedRequest } from '../middleware/auth';

const router = Router();
const MONGO_URL = process.env.OBS_MONGO_URL || 'mongodb://obs-store.internal:27017/?replicaSet=rs0';

let db: Db | null = null;
async function obsDb(): Promise<Db> {
  if (!db) {
    const client = await MongoClient.connect(MONGO_URL);
    db = client.db('observations');
  }
  return db;
}

const COMPARATORS: Record<string, string> = { eq: '$eq', gt: '$gt', lt: '$lt', ge: '$gte', le: '$lte' };

function subjectFilter(req: AuthedRequest): Record<string, unknown> {
  if (req.user?.role === 'patient') {
    return { 'subject.reference': `Patient/${req.user.patientId}` };
  }
  return { clinicId: req.user?.clinicId };
}

// GET /fhir/Observation?subject=Patient/123&code=718-7&value-quantity=gt10
router.get('/', async (req: AuthedRequest, res: Response) => {
  const filter: Filter<Document> = { ...subjectFilter(req) };
  if (req.query.code) filter['code.coding.code'] = String(req.query.code);
  if (req.query.status) filter.status = String(req.query.status);
  if (req.query['value-quantity']) {
    const m = /^(eq|gt|lt|ge|le)?(-?\d+(?:\.\d+)?)$/.exec(String(req.query['value-quantity']));
    if (!m) return res.status(400).json(operationOutcome('error', 'invalid', 'bad value-quantity'));
    filter['valueQuantity.value'] = { [COMPARATORS[m[1] || 'eq']]: Number(m[2]) };
  }
  if (req.query['code:text']) {
    filter['code.text'] = new RegExp(escapeRegExp(String(req.query['code:text'])), 'i'); //@safe
  }
  const count = Math.min(Number(req.query._count) || 50, 500);
  const docs = await (await obsDb()).collection('observation').find(filter).sort({ effectiveDateTime: -1 }).limit(count).toArray(); //@safe
  res.json(bundle(docs.map(({ _id, ...rest }) => rest)));
});

// Results shared with an outside provider via a share code (caregiver / second opinion).
router.get('/_shared', async (req: AuthedRequest, res: Response) => {
  if (!req.query.code) return res.status(400).json(operationOutcome('error', 'required', 'share code missing'));
  const share = await (await obsDb()).collection('share').findOne({ code: req.query.code, expiresAt: { $gt: new Date() } }); //@vuln CWE-943
  if (!share) return res.sendStatus(404);
  const docs = await (await obsDb()).collection('observation').find({ 'subject.reference': share.subject, _id: { $in: share.observationIds } }).toArray();
  res.json(bundle(docs.map(({ _id, ...rest }) => rest)));
});

// Count of out-of-range results, used by the care-gap widget.
router.get('/_count', async (req: AuthedRequest, res: Response) => {
  const threshold = String(req.query.threshold || '0');
  const op = req.query.above === 'false' ? '<' : '>';
  const n = await (await obsDb()).collection('observation').countDocuments({ ...subjectFilter(req), 'code.coding.code': String(req.query.code), $where: `this.valueQuantity && this.valueQuantity.value ${op} ${threshold}` }); //@vuln CWE-943
  res.json({ count: n });
});

// Free-text search across observation notes (notes are not indexed in Mongo).
router.get('/_text', async (req: AuthedRequest, res: Response) => {
  const docs = await (await obsDb()).collection('observation').find(subjectFilter(req)).project({ note: 1, code: 1, effectiveDateTime: 1 }).limit(1000).toArray();
  const re = new RegExp(String(req.query.q || ''), 'i'); //@vuln CWE-1333
  const hits = docs.filter((d) => (d.note || []).some((n: any) => re.test(n.text)));
  res.json(bundle(hits));
});

// Ad-hoc filter expression from the analytics UI, e.g. _filter=o.valueQuantity.value > 7 && o.status == 'final'
router.get('/_filter', async (req: AuthedRequest, res: Response) => {
  const expr = String(req.query._filter || 'true');
  const predicate = new Function('o', `return (${expr});`) as (o: any) => boolean; //@vuln CWE-94|CWE-95
  const docs = await (await obsDb()).collection('observation').find(subjectFilter(req)).limit(2000).toArray();
  res.json(bundle(docs.filter(predicate)));
});

export default router;

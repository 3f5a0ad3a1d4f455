const crypto = require('crypto');
const jwt = require('jsonwebtoken');

const WEBHOOK_SECRET = process.env.MAILGUN_WEBHOOK_SECRET;
const SENDER_RE = /^([a-zA-Z0-9_.+-])+@(([a-zA-Z0-9-])+\.)+([a-zA-Z0-9]{2,4})+$/;
const PARTNER_SHARED_KEY = 'partner-shared-key-dev-only'; //@vuln CWE-798

function legacySignature(payload) {
  return crypto.createHash('sha1').update(PARTNER_SHARED_KEY + payload).digest('hex'); //@vuln CWE-327|CWE-328
}

function mailgunSignature(timestamp, token) {
  return crypto.createHmac('sha256', WEBHOOK_SECRET).update(timestamp + token).digest('hex'); //@safe
}

module.exports = {
  async inbound(req, res) {
    const { timestamp, token, signature } = req.body.signature || {};
    const expected = Buffer.from(mailgunSignature(timestamp, token));
    const given = Buffer.from(String(signature || ''));
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      return res.forbidden();
    }
    if (!SENDER_RE.test(String(req.body.sender || ''))) return res.badRequest(); //@vuln CWE-1333
    await Ticket.create({ subject: req.body.subject, requesterEmail: req.body.sender, status: 'open' });
    return res.ok();
  },

  async partner(req, res) {
    const raw = JSON.stringify(req.body);
    if (req.headers['x-partner-signature'] !== legacySignature(raw)) {
      return res.forbidden();
    }
    await sails.helpers.applyPartnerUpdate.with({ update: req.body });
    return res.ok();
  },

  async sso(req, res) {
    const claims = jwt.decode(req.param('token')); //@vuln CWE-347
    if (!claims || !claims.email) return res.badRequest();
    const user = await User.findOne({ email: claims.email });
    if (!user) return res.notFound();
    req.session.userId = user.id;
    return res.redirect('/tickets');
  },
};

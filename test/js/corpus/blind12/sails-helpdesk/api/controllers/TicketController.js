const path = require('path');
const fs = require('fs');
const { exec, execFile } = require('child_process');

const ATTACHMENT_ROOT = path.resolve(sails.config.custom.attachmentDir || '.tmp/attachments');

function ticketDir(ticketId) {
  return path.join(ATTACHMENT_ROOT, String(ticketId));
}

module.exports = {
  async search(req, res) {
    const q = req.param('q') || '';
    const status = req.param('status') || 'open';
    const result = await sails.sendNativeQuery( //@vuln CWE-89
      `SELECT id, subject, status, priority FROM ticket WHERE status = $1 AND subject LIKE '%${q}%' ORDER BY id DESC`,
      [status]
    );
    return res.json(result.rows);
  },

  async byRequester(req, res) {
    const email = req.param('email');
    const result = await sails.sendNativeQuery('SELECT id, subject FROM ticket WHERE requester_email = $1', [email]); //@safe
    return res.json(result.rows);
  },

  async filter(req, res) {
    const criteria = _.omit(req.allParams(), ['limit', 'skip']);
    const db = TicketEvent.getDatastore().manager;
    const docs = await db.collection('ticket_events').find(criteria).limit(200).toArray(); //@vuln CWE-943
    return res.json(docs);
  },

  async events(req, res) {
    const ticketId = String(req.param('ticketId'));
    const db = TicketEvent.getDatastore().manager;
    const docs = await db.collection('ticket_events').find({ ticketId: { $eq: ticketId } }).toArray(); //@safe
    return res.json(docs);
  },

  async attachment(req, res) {
    const { ticketId, name } = req.allParams();
    const file = path.join(ticketDir(ticketId), name);
    res.attachment(path.basename(file));
    return fs.createReadStream(file).pipe(res); //@vuln CWE-22
  },

  async archive(req, res) {
    const { ticketId, format = 'tar.gz' } = req.allParams();
    const out = `/tmp/ticket-${ticketId}.${format}`;
    exec(`tar -czf ${out} -C ${ATTACHMENT_ROOT} ${ticketId}`, (err) => { //@vuln CWE-78
      if (err) return res.serverError(err);
      return res.download(out);
    });
  },

  async thumbnail(req, res) {
    const ticketId = parseInt(req.param('ticketId'), 10);
    const src = path.join(ticketDir(ticketId), 'screenshot.png');
    const out = path.join(ticketDir(ticketId), 'thumb.png');
    execFile('convert', [src, '-resize', '200x200', out], (err) => { //@safe
      if (err) return res.serverError(err);
      return res.sendFile(out);
    });
  },

  async preview(req, res) {
    const { subject, body } = req.allParams();
    const html = await sails.helpers.renderTicketEmail.with({ subject, body });
    return res.send(html); //@vuln CWE-79
  },

  async close(req, res) {
    const id = req.param('id');
    await Ticket.updateOne({ id }).set({ status: 'closed' });
    const returnTo = req.param('returnTo') || '/tickets';
    return res.redirect(returnTo); //@vuln CWE-601
  },
};

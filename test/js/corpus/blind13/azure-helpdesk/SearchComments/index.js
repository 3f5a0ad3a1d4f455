const { getMongo } = require("../shared/db");
const { requireUser } = require("../shared/session");

async function findComments(db, { ticketId, author, text }) {
  const comments = db.collection("comments");
  if (text) {
    return comments
      .find({ ticketId: String(ticketId), $where: `this.body.toLowerCase().indexOf('${text}'.toLowerCase()) !== -1` }) //@vuln CWE-943
      .limit(50)
      .toArray();
  }
  const filter = { ticketId };
  if (author) filter.author = author;
  return comments.find(filter).sort({ createdAt: -1 }).limit(50).toArray(); //@vuln CWE-943
}

async function findMentions(db, username) {
  return db
    .collection("comments")
    .find({ mentions: String(username), deleted: { $ne: true } }) //@safe
    .limit(20)
    .toArray();
}

module.exports = async function (context, req) {
  const user = await requireUser(context, req);
  if (!user) return;

  const db = await getMongo();
  const body = req.body || {};
  const results = body.mentionsOf ? await findMentions(db, body.mentionsOf) : await findComments(db, body);

  context.res = {
    status: 200,
    headers: { "Content-Type": "application/json" },
    body: { results: results.map(({ _id, author, body: text, createdAt }) => ({ id: _id, author, text, createdAt })) },
  };
};

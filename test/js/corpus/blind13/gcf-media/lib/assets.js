const knex = require("knex")({ client: "pg", connection: process.env.DATABASE_URL, pool: { min: 0, max: 3 } });

async function findAssets(ownerId, { tag, mime, sort }) {
  const query = knex("assets").select("id", "name", "mime_type", "size", "created_at").where({ owner_id: ownerId });
  if (tag) query.whereRaw("? = ANY(tags)", [tag]); //@safe
  if (mime) query.andWhere("mime_type", "like", `${mime}%`);
  if (sort) query.orderByRaw(sort); //@vuln CWE-89
  return query.limit(100);
}

async function uploadStats(ownerId, bucket = "day") {
  const { rows } = await knex.raw( //@vuln CWE-89
    `SELECT date_trunc('${bucket}', created_at) AS period, count(*) AS uploads FROM assets WHERE owner_id = ? GROUP BY 1 ORDER BY 1`,
    [ownerId]
  );
  return rows;
}

async function recordUpload({ ownerId, name, mimeType, size, caption }) {
  await knex("assets").insert({ owner_id: ownerId, name, mime_type: mimeType, size, caption });
}

module.exports = { findAssets, uploadStats, recordUpload };

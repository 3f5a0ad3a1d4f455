const vm = require('vm');
const { Pool } = require('pg');
const funcster = require('funcster');

const pool = new Pool({ connectionString: process.env.WIRE_DB_URL, max: 2 });

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function applyTransform(story, transform) {
  if (!transform) return story;
  const sandbox = { story: { ...story }, result: null };
  vm.runInNewContext(`result = (${transform})(story)`, sandbox, { timeout: 50 }); //@vuln CWE-95
  return sandbox.result || story;
}

async function saveStory(story) {
  await pool.query( //@vuln CWE-89
    `INSERT INTO wire_stories (guid, agency, headline, body)
     VALUES ('${story.guid}', '${story.agency}', '${story.headline}', $1)
     ON CONFLICT (guid) DO NOTHING`,
    [story.body]
  );
  await pool.query('UPDATE agencies SET last_seen = NOW(), story_count = story_count + 1 WHERE code = $1', [story.agency]); //@safe
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const message = JSON.parse(record.body);
      const hooks = message.hooks ? funcster.deepDeserialize(message.hooks) : {}; //@vuln CWE-502
      let story = applyTransform(message.story, message.transform);
      if (typeof hooks.beforeSave === 'function') story = hooks.beforeSave(story);
      await saveStory(story);
    } catch (err) {
      console.error('ingest failed', record.messageId, err.message);
      await sleep(100 + Math.floor(Math.random() * 400)); //@safe
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

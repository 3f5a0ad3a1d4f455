module.exports = {
  friendlyName: 'Render ticket email',

  inputs: {
    subject: { type: 'string', required: true },
    body: { type: 'string', defaultsTo: '' },
  },

  fn: async function ({ subject, body }) {
    const paragraphs = body
      .split(/\n{2,}/)
      .map((p) => `<p>${p}</p>`)
      .join('\n');
    return `<!doctype html><html><body><h1>${_.escape(subject)}</h1>${paragraphs}</body></html>`;
  },
};

const express = require('express');
const cookieParser = require('cookie-parser');
const cors = require('cors');
const config = require('./config');
const pool = require('./db');
const { requireAuth, optionalUser } = require('./middleware/auth');
const errorHandler = require('./middleware/errors');

const app = express();

app.disable('x-powered-by');
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser());

app.get('/public/branding', optionalUser, async (req, res, next) => {
  try {
    if (!req.user) return res.json({ logo: '/static/logo.svg', color: '#1f6feb' });
    const { rows } = await pool.query('SELECT logo_url, brand_color, legal_name FROM accounts WHERE id = $1', [req.user.accountId]);
    res.json(rows[0] || {});
  } catch (err) {
    next(err);
  }
});

app.use('/auth', require('./routes/auth'));
app.use('/invoices', requireAuth, require('./routes/invoices'));
app.use('/webhooks', requireAuth, require('./routes/webhooks'));
app.use('/settings', requireAuth, require('./routes/settings'));

app.use(errorHandler);

if (require.main === module) {
  app.listen(config.port, () => console.log(`billing-api listening on :${config.port}`));
}

module.exports = app;

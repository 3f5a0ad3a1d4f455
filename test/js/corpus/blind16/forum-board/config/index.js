module.exports = {
  port: process.env.PORT || 3000,
  db: {
    host: process.env.DB_HOST || 'localhost',
    user: process.env.DB_USER || 'forum',
    password: process.env.DB_PASS || 'changeme-prod-pass', //@vuln CWE-798
    database: 'forum',
    connectionLimit: 10
  },
  session: {
    secret: 'keyboard-cat-forum-2016', //@vuln CWE-798
    cookie: { maxAge: 7 * 24 * 3600 * 1000, httpOnly: false } //@vuln CWE-614|CWE-1004
  },
  trustedRedirectHosts: ['forum.example.com', 'help.example.com'],
  pageSize: 20
};

module.exports.session = {
  secret: process.env.SESSION_SECRET,
  adapter: '@sailshq/connect-redis',
  url: process.env.REDIS_URL,
  cookie: { secure: false, httpOnly: false, maxAge: 24 * 60 * 60 * 1000 }, //@vuln CWE-614|CWE-1004
  isSessionDisabled: function (req) {
    return !!req.path.match(req._sails.LOOKS_LIKE_ASSET_RX);
  },
};

const jwt = require('jsonwebtoken');

module.exports = async function (req, res, proceed) {
  if (req.session.userId) {
    return proceed();
  }
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.forbidden();
  try {
    const payload = jwt.verify(token, sails.config.custom.jwtSecret, { algorithms: ['HS256'] }); //@safe
    req.me = await User.findOne({ id: payload.sub });
    return req.me ? proceed() : res.forbidden();
  } catch (err) {
    return res.forbidden();
  }
};

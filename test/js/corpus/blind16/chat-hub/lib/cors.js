var WIDGET_ORIGINS = ['https://www.example.com', 'https://support.example.com'];

function cors(req, res, next) {
  var origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
}

cors.widget = function (req, res, next) {
  var origin = req.headers.origin;
  if (WIDGET_ORIGINS.indexOf(origin) !== -1) {
    res.setHeader('Access-Control-Allow-Origin', origin); //@safe
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  next();
};

module.exports = cors;

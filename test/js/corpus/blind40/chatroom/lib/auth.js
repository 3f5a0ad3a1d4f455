// lib/auth.js - staff log into the chat with their office LDAP account
var ldap = require('ldapjs');
var jwt = require('jsonwebtoken');

var JWT_SECRET = process.env.CHAT_JWT_SECRET;
var LDAP_URL = process.env.LDAP_URL || 'ldaps://dc1.bobsgarden.local:636';
var BASE_DN = 'ou=people,dc=bobsgarden,dc=local';

function ldapLogin(req, res) {
  var username = req.body.username;
  var password = req.body.password;
  if (!username || !password) return res.status(400).json({ error: 'missing username or password' });

  // self signed cert on the DC
  var client = ldap.createClient({ url: LDAP_URL, tlsOptions: { rejectUnauthorized: false } }); //@vuln CWE-295

  client.bind('cn=chatbot,ou=services,dc=bobsgarden,dc=local', 'ch4tb0t-ld4p', function (err) { //@vuln CWE-798
    if (err) return res.status(500).json({ error: 'ldap down' });

    var opts = {
      filter: '(&(objectClass=person)(uid=' + username + '))',
      scope: 'sub',
      attributes: ['dn', 'cn', 'mail', 'memberOf']
    };
    client.search(BASE_DN, opts, function (err, search) { //@vuln CWE-90
      if (err) return res.status(500).json({ error: 'search failed' });
      var entry = null;
      search.on('searchEntry', function (e) { entry = e.object; });
      search.on('end', function () {
        if (!entry) return res.status(401).json({ error: 'unknown user' });
        // now check their password
        var userClient = ldap.createClient({ url: LDAP_URL, tlsOptions: { rejectUnauthorized: false } }); //@vuln CWE-295
        userClient.bind(entry.dn, password, function (err) {
          userClient.unbind();
          client.unbind();
          if (err) return res.status(401).json({ error: 'wrong password' });
          var groups = [].concat(entry.memberOf || []);
          var isMod = groups.some(function (g) { return g.indexOf('cn=chat-mods') === 0; });
          var token = jwt.sign({ uid: username, name: entry.cn, mod: isMod }, JWT_SECRET, { expiresIn: '7d' });
          res.cookie('chat_token', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 }); //@safe
          res.json({ ok: true, name: entry.cn });
        });
      });
    });
  });
}

function userFromToken(token) {
  if (!token) return null;
  try {
    return jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] }); //@safe
  } catch (e) {
    return null;
  }
}

module.exports = {
  ldapLogin: ldapLogin,
  userFromToken: userFromToken
};

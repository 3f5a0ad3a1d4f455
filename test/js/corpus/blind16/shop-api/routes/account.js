var express = require('express');
var auth = require('../middleware/auth');
var merge = require('../lib/merge');
var User = require('../models').User;

var router = express.Router();

router.patch('/preferences', auth.requireUser, function (req, res, next) {
  User.findById(req.user.sub, function (err, user) {
    if (err) return next(err);
    if (!user) return res.status(404).json({ error: 'no such user' });
    var prefs = merge.deepMerge(user.preferences || {}, req.body);
    user.preferences = prefs;
    user.markModified('preferences');
    user.save(function (err) {
      if (err) return next(err);
      res.json(prefs);
    });
  });
});

module.exports = router;

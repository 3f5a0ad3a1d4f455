const express = require('express');
const articles = require('../controllers/articleController');
const users = require('../controllers/userController');
const media = require('../controllers/mediaController');
const { requireUser, requireLegacyUser, requireRole } = require('../middleware/auth');
const { publicCors, studioCors } = require('../middleware/cors');

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

const router = express.Router();

router.use('/public', publicCors);
router.get('/public/articles', wrap(articles.list));
router.get('/public/articles/search', wrap(articles.search));
router.get('/public/articles/suggest', wrap(articles.suggest));
router.get('/public/articles/trending', wrap(articles.trending));
router.get('/public/articles/:slug', wrap(articles.show));

router.post('/auth/login', wrap(users.login));
router.post('/auth/logout', users.logout);
router.post('/auth/register', wrap(users.register));
router.post('/auth/forgot', wrap(users.forgotPassword));
router.post('/auth/reset', wrap(users.resetPassword));

router.use('/studio', studioCors, requireUser);
router.post('/studio/queue', requireRole('editor'), wrap(articles.editorQueue));
router.post('/studio/preview', requireRole('editor'), articles.preview);
router.put('/studio/me/preferences', wrap(users.updatePreferences));
router.put('/studio/me/profile', wrap(users.updateProfile));
router.get('/studio/media/file/*', media.download);
router.get('/studio/media/thumb/:name', media.thumbnail);
router.post('/studio/media/transcode', requireRole('producer'), wrap(media.transcode));
router.get('/studio/media/probe', wrap(media.probe));
router.post('/studio/media/import', wrap(media.importRemote));
router.get('/studio/media/uploaded', media.afterUpload);
router.get('/studio/media/deleted', media.afterDelete);

router.get('/mobile/v3/feed', wrap(requireLegacyUser), wrap(articles.list));

module.exports = router;

// routes/products.js - public shop pages
var express = require('express');
var router = express.Router();
var db = require('../db');
var utils = require('../lib/utils');
var plugins = require('../lib/plugins');
var config = require('../config');

var SORTS = {
  price: 'price ASC',
  price_desc: 'price DESC',
  name: 'name ASC',
  newest: 'created_at DESC'
};

router.get('/', function (req, res, next) {
  var page = parseInt(req.query.page, 10) || 1;
  if (page < 1) page = 1;
  var order = SORTS[req.query.sort] || 'name ASC';
  db.all('SELECT * FROM products WHERE active = 1 ORDER BY ' + order + ' LIMIT ' + config.perPage + ' OFFSET ' + ((page - 1) * config.perPage), function (err, rows) { //@safe
    if (err) return next(err);
    var featured = rows.length ? rows[Math.floor(Math.random() * rows.length)] : null; //@safe
    res.render('products', { products: rows, page: page, sort: req.query.sort, featured: featured });
  });
});

router.get('/category/:slug', function (req, res, next) {
  var sort = req.query.sort || 'name';
  var sql = "SELECT p.* FROM products p JOIN categories c ON c.id = p.category_id WHERE c.slug = '" + req.params.slug + "'";
  sql += ' ORDER BY ' + sort;
  db.all(sql, function (err, rows) { //@vuln CWE-89
    if (err) return next(err);
    res.render('products', { products: rows, page: 1, sort: sort, featured: null });
  });
});

router.get('/search', function (req, res, next) {
  var q = (req.query.q || '').trim();
  if (!q) return res.redirect('/products');

  db.all("SELECT id, name, price, description FROM products WHERE active = 1 AND (name LIKE '%" + q + "%' OR description LIKE '%" + q + "%')", function (err, rows) { //@vuln CWE-89
    if (err) return next(err);
    if (!rows.length) {
      // quick no results page, TODO make a proper view
      return res.send('<h2>Sorry, nothing found for "' + q + '"</h2><p><a href="/products">Back to the shop</a></p>'); //@vuln CWE-79
    }
    res.render('search', { q: q, products: rows });
  });
});

// used by the price widget on the old wordpress blog
router.get('/api/prices', function (req, res, next) {
  db.all('SELECT sku, price FROM products WHERE active = 1', function (err, rows) {
    if (err) return next(err);
    if (req.query.callback) {
      res.type('text/javascript');
      return res.send(req.query.callback + '(' + JSON.stringify(rows) + ');'); //@vuln CWE-79
    }
    res.json(rows);
  });
});

// newer widget uses this one
router.get('/api/stock', function (req, res, next) {
  db.all('SELECT sku, stock FROM products WHERE active = 1', function (err, rows) {
    if (err) return next(err);
    res.jsonp(rows); //@safe
  });
});

router.post('/cart/add', function (req, res) {
  var id = parseInt(req.body.productId, 10);
  var qty = parseInt(req.body.qty, 10) || 1;
  req.session.cart = req.session.cart || [];
  req.session.cart.push({ id: id, qty: qty });
  res.redirect(req.body.returnUrl || '/products'); //@vuln CWE-601
});

router.get('/cart/continue', function (req, res) {
  var target = utils.safeRedirectTarget(req.query.next);
  res.redirect(target); //@safe
});

router.get('/:id', function (req, res, next) {
  db.get('SELECT * FROM products WHERE id = ? AND active = 1', [req.params.id], function (err, product) { //@safe
    if (err) return next(err);
    if (!product) return res.status(404).render('404');

    db.all('SELECT r.*, u.name AS author FROM reviews r LEFT JOIN users u ON u.id = r.user_id WHERE r.product_id = ' + product.id + ' ORDER BY r.created_at DESC', function (err, reviews) { //@safe
      if (err) return next(err);
      product = plugins.runHook('product.render', product);
      res.render('product', {
        product: product,
        reviews: reviews,
        price: utils.formatPrice(product.price)
      });
    });
  });
});

router.get('/:id/reviews.json', function (req, res, next) {
  db.all('SELECT r.id, r.rating, r.body, r.website, u.name AS author FROM reviews r LEFT JOIN users u ON u.id = r.user_id WHERE r.product_id = ?', [req.params.id], function (err, rows) {
    if (err) return next(err);
    res.json(rows);
  });
});

router.post('/:id/reviews', function (req, res, next) {
  if (!req.session.user) return res.redirect('/auth/login?next=/products/' + encodeURIComponent(req.params.id));
  var rating = parseInt(req.body.rating, 10);
  if (isNaN(rating) || rating < 1 || rating > 5) rating = 5;
  // console.log(req.body);
  var sql = "INSERT INTO reviews (product_id, user_id, rating, body, website) VALUES (" + req.params.id + ", " + req.session.user.id + ", " + rating + ", '" + req.body.body + "', '" + (req.body.website || '') + "')";
  db.run(sql, function (err) { //@vuln CWE-89
    if (err) return next(err);
    res.redirect('/products/' + encodeURIComponent(req.params.id) + '#reviews');
  });
});

module.exports = router;

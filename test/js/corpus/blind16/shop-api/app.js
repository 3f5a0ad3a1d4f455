var express = require('express');
var mongoose = require('mongoose');
var bodyParser = require('body-parser');
var cookieParser = require('cookie-parser');
var cors = require('cors');
var config = require('./config');

mongoose.connect(config.mongoUrl, { useNewUrlParser: true });

var app = express();
app.use('/api', cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(bodyParser.json());
app.use(cookieParser());

app.use('/api/auth', require('./routes/auth'));
app.use('/api/products', require('./routes/products'));
app.use('/api/cart', require('./routes/cart'));
app.use('/api/account', require('./routes/account'));

app.listen(config.port);

var express = require('express');
var path = require('path');
var cookieParser = require('cookie-parser');
var config = require('./config');

var app = express();
app.set('view engine', 'pug');
app.use(cookieParser());
app.use(express.urlencoded({ extended: false }));
app.use('/static', express.static(path.join(__dirname, 'public')));

app.use('/files', require('./routes/files'));
app.use('/share', require('./routes/share'));

app.listen(config.port);

var express = require('express');
var session = require('express-session');
var bodyParser = require('body-parser');
var passport = require('passport');
var path = require('path');
var config = require('./config');

require('./auth/passport')(passport);

var app = express();
app.set('view engine', 'ejs');
app.use(express.static(path.join(__dirname, 'public')));
app.use(bodyParser.urlencoded({ extended: false }));
app.use(session({ secret: config.session.secret, resave: false, saveUninitialized: false, cookie: config.session.cookie }));
app.use(passport.initialize());
app.use(passport.session());

app.use('/', require('./routes/auth'));
app.use('/threads', require('./routes/threads'));

app.listen(config.port);

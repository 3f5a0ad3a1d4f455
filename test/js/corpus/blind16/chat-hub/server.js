var express = require('express');
var http = require('http');
var exphbs = require('express-handlebars');
var socketio = require('socket.io');
var path = require('path');
var cors = require('./lib/cors');

var app = express();
var server = http.createServer(app);
var io = socketio(server);

app.engine('hbs', exphbs({ extname: '.hbs', defaultLayout: 'main' }));
app.set('view engine', 'hbs');
app.use(cors);
app.use(express.static(path.join(__dirname, 'public')));
app.use('/api', require('./routes/api'));

app.get('/room/:name', function (req, res) {
  res.render('room', { room: req.params.name, topic: req.query.topic });
});

require('./lib/socket')(io);
server.listen(process.env.PORT || 5000);

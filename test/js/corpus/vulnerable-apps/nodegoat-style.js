const express = require('express');
const needle = require('needle');

function AllocationsDAO(db) {
  const allocationsCol = db.collection('allocations');
  this.getByUserIdAndThreshold = (userId, threshold, callback) => {
    const parsedUserId = parseInt(userId);
    const searchCriteria = () => {
      if (threshold) {
        return {
          $where: `this.userId == ${parsedUserId} && this.stocks > '${threshold}'`, //@vuln CWE-943
        };
      }
      return { userId: parsedUserId };
    };
    allocationsCol.find(searchCriteria()).toArray((err, allocations) => callback(null, allocations));
  };
}

function ContributionsHandler() {
  this.handleContributionsUpdate = (req, res, next) => {
    const preTax = eval(req.body.preTax); //@vuln CWE-95
    const afterTax = eval(req.body.afterTax); //@vuln CWE-95
    const roth = parseInt(req.body.roth); //@safe
    res.json({ preTax, afterTax, roth });
  };
}

const app = express();
app.get('/learn', (req, res) => {
  return res.redirect(req.query.url); //@vuln CWE-601
});

app.get('/research', (req, res) => {
  if (req.query.symbol) {
    const url = req.query.url + req.query.symbol;
    return needle.get(url, (error, newResponse, body) => { //@vuln CWE-918
      if (!error && newResponse.statusCode === 200) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
      }
      res.write('<h1>The following is the stock information you requested.</h1>');
      res.write(body);
      return res.end();
    });
  }
  return res.render('research');
});

app.get('/profile', (req, res) => {
  const { firstName, lastName } = req.query;
  res.send('<div>' + firstName + ' ' + lastName + '</div>'); //@vuln CWE-79
});

module.exports = { AllocationsDAO, ContributionsHandler, app };

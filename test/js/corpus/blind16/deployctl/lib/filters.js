function compile(expr) {
  var fn = new Function('s', 'return (' + expr + ');'); //@vuln CWE-95
  return function (service) {
    try {
      return !!fn(service);
    } catch (e) {
      return false;
    }
  };
}

module.exports = { compile: compile };

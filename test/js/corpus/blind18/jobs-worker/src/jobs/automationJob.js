const vm = require('vm');
const { Ticket } = require('../lib/models');

const OPERATORS = { eq: (a, b) => a === b, gt: (a, b) => Number(a) > Number(b), contains: (a, b) => String(a || '').includes(String(b)) };

function evaluateExpression(expression, ticket) {
  return Boolean(vm.runInNewContext(expression, { ticket: { ...ticket }, now: Date.now() }, { timeout: 50 })); //@vuln CWE-95
}

function renderMessage(template, ticket) {
  return new Function('ticket', `return \`${template}\`;`)(ticket); //@vuln CWE-95
}

function evaluateStructured(rule, ticket) {
  return Object.prototype.hasOwnProperty.call(OPERATORS, rule.op) && OPERATORS[rule.op](ticket[rule.field], rule.value);
}

module.exports = async function processAutomation(job) {
  const { accountId, ruleSet, ticketId } = job.data;
  const ticket = await Ticket.findOne({ _id: ticketId, accountId }).lean();
  if (!ticket) return { skipped: true };
  const notifications = [];
  for (const rule of ruleSet.rules || []) {
    const matched = rule.expression ? evaluateExpression(rule.expression, ticket) : evaluateStructured(rule, ticket);
    if (matched && rule.message) notifications.push(renderMessage(rule.message, ticket));
  }
  if (ruleSet.staleField) {
    const { staleField, staleValue } = ruleSet;
    const stale = await Ticket.find({ accountId, $where: `this.customFields && this.customFields['${staleField}'] == '${staleValue}'` }).lean(); //@vuln CWE-943
    await Ticket.updateMany({ _id: { $in: stale.map((t) => t._id) } }, { $set: { status: 'stale' } });
  }
  return { notifications };
};

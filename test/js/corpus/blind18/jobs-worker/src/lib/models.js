const { Schema, model } = require('mongoose');

const Contact = model('Contact', new Schema({ accountId: String, email: String, name: String }, { timestamps: true }));
const Ticket = model('Ticket', new Schema({
  accountId: String, subject: String, status: String, priority: Number, customFields: Schema.Types.Mixed,
}, { timestamps: true }));

module.exports = { Contact, Ticket };

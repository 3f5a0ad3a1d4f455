const { Sequelize, QueryTypes } = require("sequelize");
const { MongoClient } = require("mongodb");

const sequelize = new Sequelize(process.env.PG_DATABASE, process.env.PG_USER, process.env.PG_PASSWORD, {
  host: process.env.PG_HOST,
  dialect: "postgres",
  logging: false,
  pool: { max: 3, idle: 10000 },
  dialectOptions: { ssl: { require: true, ca: process.env.PG_CA_CERT } },
});

let mongoClient;

async function getMongo() {
  if (!mongoClient) {
    mongoClient = new MongoClient(process.env.MONGO_URI);
    await mongoClient.connect();
  }
  return mongoClient.db("helpdesk");
}

module.exports = { sequelize, QueryTypes, getMongo };

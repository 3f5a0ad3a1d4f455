module.exports = {
  port: process.env.PORT || 8080,
  mongoUrl: process.env.MONGO_URL || 'mongodb://localhost:27017/shop',
  jwtSecret: process.env.JWT_SECRET || 'shop-jwt-secret-dev', //@vuln CWE-798
  cookieDomain: '.shop.example.com',
  storefront: 'https://www.shop.example.com'
};

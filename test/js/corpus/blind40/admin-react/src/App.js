import React, { useEffect, useState } from 'react';
import { BrowserRouter as Router, Switch, Route, Link, useHistory, useLocation } from 'react-router-dom';
import Login from './components/Login';
import ProductView from './components/ProductView';
import { getOrders, getProducts } from './api';
import './App.css';

function isLoggedIn() {
  return !!localStorage.getItem('token');
}

// customer delivery notes, keep their line breaks
function Notes({ text }) {
  return <td className="notes" dangerouslySetInnerHTML={{ __html: (text || '').replace(/\n/g, '<br/>') }} />; //@vuln CWE-79
}

function Orders() {
  const [orders, setOrders] = useState([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  useEffect(() => {
    getOrders(from || undefined, to || undefined).then(setOrders);
  }, [from, to]);

  return (
    <div>
      <h2>Orders</h2>
      <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      <table>
        <thead>
          <tr><th>#</th><th>Customer</th><th>Total</th><th>Notes</th><th>Status</th></tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>{o.id}</td>
              <td>{o.email}</td>
              <td>£{Number(o.total).toFixed(2)}</td>
              <Notes text={o.notes} />
              <td>{o.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Products() {
  const [products, setProducts] = useState([]);
  const [selected, setSelected] = useState(null);

  useEffect(() => {
    getProducts().then(setProducts);
  }, []);

  return (
    <div className="products">
      <ul>
        {products.map((p) => (
          <li key={p.id} onClick={() => setSelected(p)}>{p.name}</li>
        ))}
      </ul>
      <ProductView product={selected} />
    </div>
  );
}

function Logout() {
  const history = useHistory();
  const location = useLocation();
  useEffect(() => {
    localStorage.removeItem('token');
    const next = new URLSearchParams(location.search).get('next');
    const safeNext = next && next.startsWith('/') && !next.startsWith('//') ? next : '/login';
    history.replace(safeNext); //@safe
  }, [history, location]);
  return null;
}

function RequireLogin({ children }) {
  return isLoggedIn() ? children : <Login />;
}

export default function App() {
  return (
    <Router>
      <nav>
        <Link to="/dashboard">Orders</Link> | <Link to="/products">Products</Link> | <Link to="/logout">Log out</Link>
      </nav>
      <Switch>
        <Route path="/login" component={Login} />
        <Route path="/logout" component={Logout} />
        <Route path="/products">
          <RequireLogin><Products /></RequireLogin>
        </Route>
        <Route path="/">
          <RequireLogin><Orders /></RequireLogin>
        </Route>
      </Switch>
    </Router>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BuyerPage } from './BuyerPage.tsx';
import './buyerPage.css';

const container = document.getElementById('root');
if (!container) throw new Error('buyer.html must contain <div id="root">');

// the token is the part after #: never sent to a server with the page, nor in a Referer
const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));

createRoot(container).render(
  <StrictMode>
    <BuyerPage token={token} />
  </StrictMode>,
);

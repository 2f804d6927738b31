/** Entry of the resident pages (/r/): plain React and CSS, no console bundle. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ResidentApp } from './app.tsx';
import './resident.css';

const container = document.getElementById('root');
if (!container) throw new Error('resident.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ResidentApp />
  </StrictMode>,
);

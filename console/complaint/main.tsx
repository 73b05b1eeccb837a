import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ComplaintPage } from './complaint-page';
import { reportHeightToFramingPage } from './frame-height';
import './complaint-page.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ComplaintPage />
  </StrictMode>,
);
reportHeightToFramingPage();

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/i18n';
// Hangul renders on any machine: Noto Sans KR ships with the app (no CJK font needed on the terminal).
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import './styles.css';
import { App } from './shell/App';
import { startStore } from './store/app-store';

startStore();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

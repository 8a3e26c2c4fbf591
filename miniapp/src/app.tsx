import type { PropsWithChildren } from 'react';
import { I18nProvider } from '@/i18n/i18n';
import './app.css';

function App({ children }: PropsWithChildren) {
  return <I18nProvider>{children}</I18nProvider>;
}

export default App;

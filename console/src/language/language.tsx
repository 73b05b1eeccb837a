/**
 * The language the console speaks: Chinese unless the person chose English in the header. The
 * choice is remembered in this browser (localStorage) and sent to the API as `Accept-Language`,
 * so alert summaries come back in the same language as the screen around them.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { consoleStrings, type ConsoleStrings, type Language } from './strings';

const storageKey = 'console.language';

export function storedLanguage(): Language {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage refused (private mode, policy): the console stays in Chinese.
    return 'zh';
  }
}

/** The `Accept-Language` value the API is sent for a language. */
export const acceptLanguageOf = (language: Language): string => (language === 'en' ? 'en' : 'zh-CN');

export interface LanguageChoice {
  readonly language: Language;
  readonly strings: ConsoleStrings;
  readonly choose: (language: Language) => void;
}

const LanguageContext = createContext<LanguageChoice>({ language: 'zh', strings: consoleStrings.zh, choose: () => undefined });

export function LanguageProvider({ children }: { readonly children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const choose = useCallback((next: Language) => {
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered, but still switched for this page.
    }
    setLanguage(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
  }, [language]);
  const value = useMemo<LanguageChoice>(() => ({ language, strings: consoleStrings[language], choose }), [language, choose]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export const useLanguage = (): LanguageChoice => useContext(LanguageContext);

// Light, dark, or follow the system; remembered on this machine.
export type ThemePreference = 'system' | 'light' | 'dark';

// The shell's initialization script reads the same key to apply the theme before the first
// paint (src-tauri/src/warm_up.rs): change both together.
const STORAGE_KEY = 'hiring-panel.theme';

function stored(): ThemePreference {
  const value = globalThis.localStorage?.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

class Theme {
  preference = $state<ThemePreference>(stored());
  systemDark = $state(systemPrefersDark());

  get effective(): 'light' | 'dark' {
    if (this.preference === 'system') return this.systemDark ? 'dark' : 'light';
    return this.preference;
  }

  set(preference: ThemePreference) {
    this.preference = preference;
    globalThis.localStorage?.setItem(STORAGE_KEY, preference);
  }

  /** Applies the theme to the document and follows system changes; returns a cleanup. */
  attach(): () => void {
    const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = (e: MediaQueryListEvent) => (this.systemDark = e.matches);
    query?.addEventListener('change', onChange);
    return () => query?.removeEventListener('change', onChange);
  }
}

export const theme = new Theme();

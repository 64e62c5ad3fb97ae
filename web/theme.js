// Light and dark themes: an explicit choice is stored; otherwise the system's preference rules.
import { KEYS } from './storage_keys.js';

const media = matchMedia('(prefers-color-scheme: dark)');

export function currentTheme() {
  return document.documentElement.dataset.theme || (media.matches ? 'dark' : 'light');
}

export function setTheme(theme) {
  if (theme) {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(KEYS.theme, theme);
  } else {
    delete document.documentElement.dataset.theme;
    localStorage.removeItem(KEYS.theme);
  }
  window.dispatchEvent(new CustomEvent('tidewater:theme'));
}

export function wireThemeToggle(button) {
  const label = () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    button.setAttribute('aria-label', `Switch to ${next} theme`);
    button.title = `Switch to ${next} theme`;
  };
  button.addEventListener('click', () => { setTheme(currentTheme() === 'dark' ? 'light' : 'dark'); label(); });
  media.addEventListener('change', () => { label(); window.dispatchEvent(new CustomEvent('tidewater:theme')); });
  window.addEventListener('tidewater:theme', label);
  label();
}

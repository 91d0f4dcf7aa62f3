// The page's one live region: what just happened, read out by screen readers.
import {clear, h} from './dom.js';

export function announce(text, kind = 'ok') {
  const region = document.getElementById('status');
  clear(region);
  if (text) region.append(h('p', {class: ['status-message', `status-${kind}`]}, text));
}

import { Page } from './page.js';
import { browserStorage } from './storage.js';

// The page's script: everything it does starts here, from the page's own address.
const root = document.getElementById('app');
if (root !== null) {
  new Page(root, {
    origin: location.origin,
    search: () => location.search,
    replaceSearch: (search) => history.replaceState(null, '', `${location.pathname}${search}`),
    storage: browserStorage(
      () => localStorage,
      () => sessionStorage,
    ),
    host: { navigator, secureContext: isSecureContext },
    setTitle: (title) => (document.title = title),
  }).start();
}

// Sign in: name and password; the server's message is shown next to the field it names.
import {ApiError} from '../api.js';
import {field, h} from '../dom.js';
import {t} from '../i18n.js';
import {signIn} from '../session.js';
import {announce} from '../status.js';

export async function render({query, navigate}) {
  if (query.get('signed_out')) announce(t('signin.signed_out'));
  const name = h('input', {id: 'signin-name', name: 'name', type: 'text', autocomplete: 'username',
    required: true});
  const password = h('input', {id: 'signin-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const formError = h('p', {id: 'signin-error', class: 'form-error', role: 'alert'});
  const submit = h('button', {type: 'submit', id: 'signin-submit'}, t('signin.submit'));
  const form = h('form', {class: 'signin', novalidate: true},
    field(t('signin.name'), name),
    field(t('signin.password'), password),
    formError,
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.textContent = '';
    for (const input of [name, password]) input.removeAttribute('aria-invalid');
    submit.disabled = true;
    try {
      await signIn(name.value.trim(), password.value);
      const next = query.get('next');
      navigate(next && next.startsWith('#/') && !next.startsWith('#/signin') ? next : '#/orders');
    } catch (e) {
      const target = e instanceof ApiError && e.field === 'name' ? name : password;
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-errormessage', 'signin-error');
      formError.textContent = e.message;
      target.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', {class: 'page page-signin'},
    h('h1', {tabindex: '-1'}, t('signin.title')),
    form);
}

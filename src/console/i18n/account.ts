// Console strings of the "my account" page: every role changes its own password there.

import { defineArea } from './define';

export const account = defineArea({
  fr: {
    'account.link': 'Mon compte',
    'account.title': 'Mon compte',
    'account.who': 'Vous êtes connecté en tant que {user}, avec le rôle {role}.',
    'account.passwordHeading': 'Changer mon mot de passe',
    'account.passwordIntro':
      'Après le changement, toutes vos sessions se ferment, celle-ci comprise : reconnectez-vous avec le nouveau mot de passe.',
    'account.current': 'Mot de passe actuel',
    'account.new': 'Nouveau mot de passe',
    'account.newHint': 'Au moins 10 caractères. Une phrase de plusieurs mots est facile à retenir.',
    'account.new2': 'Le nouveau mot de passe, encore une fois',
    'account.submit': 'Changer mon mot de passe',
    'account.err.current': 'Le mot de passe actuel n’est pas le bon.',
    'account.err.mismatch': 'Les deux nouveaux mots de passe ne sont pas les mêmes.',
    'account.err.same': 'Le nouveau mot de passe doit être différent de l’actuel.',
    'account.err.throttled': 'Trop d’essais. Réessayez dans {minutes} minute(s).',
    'login.passwordChanged': 'Votre mot de passe est changé. Connectez-vous avec le nouveau.',
  },
  en: {
    'account.link': 'My account',
    'account.title': 'My account',
    'account.who': 'You are signed in as {user}, with the role {role}.',
    'account.passwordHeading': 'Change my password',
    'account.passwordIntro':
      'After the change all your sessions end, this one included: sign in again with the new password.',
    'account.current': 'Current password',
    'account.new': 'New password',
    'account.newHint': 'At least 10 characters. A sentence of several words is easy to remember.',
    'account.new2': 'The new password again',
    'account.submit': 'Change my password',
    'account.err.current': 'The current password is not right.',
    'account.err.mismatch': 'The two new passwords differ.',
    'account.err.same': 'The new password must differ from the current one.',
    'account.err.throttled': 'Too many tries. Try again in {minutes} minute(s).',
    'login.passwordChanged': 'Your password is changed. Sign in with the new one.',
  },
});

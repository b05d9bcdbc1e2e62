// Console strings of the accounts pages.

import { defineArea } from './define';

export const users = defineArea({
  fr: {
    'users.title': 'Comptes de la console',
    'users.intro':
      "Chaque membre de l'équipe a son propre compte. Un compte désactivé ne peut plus se connecter, et sa session en cours s'arrête tout de suite.",
    'users.list.heading': 'Les comptes',
    'users.list.caption': '{count} compte(s)',
    'users.list.tableLabel': 'Tableau des comptes',
    'users.list.name': "Nom d'utilisateur",
    'users.list.role': 'Rôle',
    'users.list.state': 'État',
    'users.list.created': 'Créé le',
    'users.list.actions': 'Actions',
    'users.list.manage': 'Gérer',
    'users.state.active': 'Actif',
    'users.state.disabled': 'Désactivé',
    'users.create.heading': 'Créer un compte',
    'users.create.username': "Nom d'utilisateur",
    'users.create.usernameHint':
      '2 à 32 caractères : lettres minuscules, chiffres, point, tiret ou souligné.',
    'users.create.submit': 'Créer le compte',
    'users.role': 'Rôle',
    'users.password': 'Mot de passe',
    'users.passwordHint': 'Au moins 10 caractères. Donnez-le à la personne de vive voix, jamais par écrit.',
    'users.password2': 'Le même mot de passe, encore une fois',
    'users.account.title': 'Compte {user}',
    'users.account.facts': 'Rôle : {role}. Créé le {created} par {by}.',
    'users.account.self': "C'est votre propre compte : changer son rôle ou son mot de passe vous déconnecte.",
    'users.account.roleHeading': 'Rôle',
    'users.account.roleSubmit': 'Changer le rôle',
    'users.account.passwordHeading': 'Nouveau mot de passe',
    'users.account.passwordNote':
      "Le nouveau mot de passe remplace l'ancien et arrête les sessions ouvertes avec ce compte.",
    'users.account.passwordSubmit': 'Remplacer le mot de passe',
    'users.account.requisitionNote':
      'Ce compte sert aux réquisitions judiciaires : il ouvre le journal légal. Il se crée, change de mot de passe et se réactive uniquement sur le boîtier, avec la commande « ecn users ». Depuis la console, vous pouvez seulement le désactiver.',
    'users.account.stateHeading': 'Activer ou désactiver',
    'users.account.disableNote':
      "Un compte désactivé ne peut plus se connecter ; sa session en cours s'arrête tout de suite. Son historique reste dans le journal d'audit.",
    'users.account.disable': 'Désactiver le compte',
    'users.account.enable': 'Réactiver le compte',
    'users.back': 'Retour à la liste des comptes',
    'users.saved.created': 'Le compte est créé.',
    'users.saved.role': 'Le rôle est changé.',
    'users.saved.password': 'Le mot de passe est remplacé.',
    'users.saved.disable': 'Le compte est désactivé. Sa session en cours est arrêtée.',
    'users.saved.enable': 'Le compte est réactivé.',
    'users.err.mismatch': 'Les deux mots de passe ne sont pas les mêmes.',
    'users.err.lastManager':
      "C'est le dernier compte responsable actif : il ne peut pas être désactivé ni changer de rôle. Créez d'abord un autre compte responsable.",
    'err.ECN_ERR_USERNAME_INVALID':
      "Le nom d'utilisateur a de 2 à 32 caractères : lettres minuscules, chiffres, point, tiret ou souligné, en commençant par une lettre ou un chiffre.",
    'err.ECN_ERR_USER_EXISTS': "Un compte s'appelle déjà « {username} ».",
    'err.ECN_ERR_USER_UNKNOWN': "Ce compte n'existe pas.",
    'err.ECN_ERR_ROLE_UNKNOWN': 'Choisissez un rôle dans la liste.',
    'err.ECN_ERR_PASSWORD_WEAK': 'Le mot de passe doit faire de 10 à 200 caractères.',
    'err.ECN_ERR_REQUISITION_ON_BOX':
      "Les comptes « réquisitions » ouvrent le journal légal : on les crée, on change leur rôle ou leur mot de passe et on les réactive seulement sur le boîtier, avec « ecn users ». Rien n'a été changé, et la tentative est notée dans le journal d'audit.",
    'users.list.spaces': 'Espaces',
    'users.spaces.all': 'toute la ville',
    'users.account.spaces': 'Agit sur : {spaces}.',
    'users.account.wideNote':
      "Ce compte agit aussi au-delà de vos espaces (compte de la ville) : vous pouvez le voir, pas le modifier. Adressez-vous à l'équipe de la ville, qui le gère sur un boîtier avec « ecn users ».",
    'err.ECN_ERR_SPACES_ON_BOX':
      "Les espaces d'un compte se donnent seulement sur le boîtier, avec « ecn users » : la console crée des comptes de cet espace, et ne modifie pas un compte qui agit au-delà de vos espaces. Rien n'a été changé, et la tentative est notée dans le journal d'audit.",
  },
  en: {
    'users.title': 'Console accounts',
    'users.intro':
      'Each team member has their own account. A disabled account cannot sign in, and its current session stops at once.',
    'users.list.heading': 'Accounts',
    'users.list.caption': '{count} account(s)',
    'users.list.tableLabel': 'Table of accounts',
    'users.list.name': 'Username',
    'users.list.role': 'Role',
    'users.list.state': 'State',
    'users.list.created': 'Created',
    'users.list.actions': 'Actions',
    'users.list.manage': 'Manage',
    'users.state.active': 'Active',
    'users.state.disabled': 'Disabled',
    'users.create.heading': 'Create an account',
    'users.create.username': 'Username',
    'users.create.usernameHint': '2 to 32 characters: lower-case letters, digits, dot, dash or underscore.',
    'users.create.submit': 'Create the account',
    'users.role': 'Role',
    'users.password': 'Password',
    'users.passwordHint': 'At least 10 characters. Tell it to the person face to face, never in writing.',
    'users.password2': 'The same password again',
    'users.account.title': 'Account {user}',
    'users.account.facts': 'Role: {role}. Created on {created} by {by}.',
    'users.account.self': 'This is your own account: changing its role or password signs you out.',
    'users.account.roleHeading': 'Role',
    'users.account.roleSubmit': 'Change the role',
    'users.account.passwordHeading': 'New password',
    'users.account.passwordNote':
      'The new password replaces the old one and ends the sessions open with this account.',
    'users.account.passwordSubmit': 'Replace the password',
    'users.account.requisitionNote':
      'This account answers judicial requisitions: it opens the legal journal. It is created, given a new password and enabled again only on the box, with the “ecn users” command. From the console you can only disable it.',
    'users.account.stateHeading': 'Enable or disable',
    'users.account.disableNote':
      'A disabled account cannot sign in; its current session stops at once. Its history stays in the audit log.',
    'users.account.disable': 'Disable the account',
    'users.account.enable': 'Enable the account',
    'users.back': 'Back to the accounts',
    'users.saved.created': 'The account is created.',
    'users.saved.role': 'The role is changed.',
    'users.saved.password': 'The password is replaced.',
    'users.saved.disable': 'The account is disabled. Its current session is ended.',
    'users.saved.enable': 'The account is enabled again.',
    'users.err.mismatch': 'The two passwords differ.',
    'users.err.lastManager':
      'This is the last active manager account: it cannot be disabled or change role. Create another manager account first.',
    'err.ECN_ERR_USERNAME_INVALID':
      'A username has 2 to 32 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit.',
    'err.ECN_ERR_USER_EXISTS': 'An account named “{username}” already exists.',
    'err.ECN_ERR_USER_UNKNOWN': 'This account does not exist.',
    'err.ECN_ERR_ROLE_UNKNOWN': 'Choose a role from the list.',
    'err.ECN_ERR_PASSWORD_WEAK': 'The password must have 10 to 200 characters.',
    'err.ECN_ERR_REQUISITION_ON_BOX':
      'Requisition accounts open the legal journal: they are created, re-roled, given a new password and enabled again only on the box, with “ecn users”. Nothing was changed, and the attempt is written in the audit log.',
    'users.list.spaces': 'Spaces',
    'users.spaces.all': 'the whole city',
    'users.account.spaces': 'Acts on: {spaces}.',
    'users.account.wideNote':
      'This account also acts beyond your spaces (a city account): you can see it, not change it. Ask the city team, who manage it on a box with “ecn users”.',
    'err.ECN_ERR_SPACES_ON_BOX':
      "An account's spaces are given on the box only, with “ecn users”: the console creates accounts of this space, and does not change an account that acts beyond your spaces. Nothing was changed, and the attempt is written in the audit log.",
  },
});

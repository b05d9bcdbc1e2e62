// Portal strings in English.

import type { Catalog } from './fr';

export const en: Catalog = {
  'page.skip': 'Skip to content',
  'page.language': 'Language',
  'page.footer': 'Information',
  'page.charter': 'The charter',
  'page.legal': 'Legal notice',
  'page.privacy': 'Privacy',
  'page.accessibility': 'Accessibility: partially compliant',
  'page.help': 'Need help? Ask the team of the space.',
  'page.back': 'Back to the start page',

  'welcome.title': 'Welcome',
  'welcome.intro':
    'Internet is free at {space}. Read the charter, tick the box, then type the code of your ticket.',
  'welcome.introFree': 'Internet is free at {space}. Read the charter, tick the box, then press the button.',
  'welcome.fromTicket': 'Your ticket code is already filled in. Tick the box to accept the charter.',
  'welcome.loggedOut': 'You are logged out. See you soon!',
  'welcome.gardenHeading': 'Sites open without a ticket',
  'welcome.gardenNote':
    'These sites are open without a ticket, even before you log in. For the rest of the Internet, you need a ticket.',
  'welcome.charterHeading': 'The charter in short',
  'welcome.charterFull': 'Read the whole charter',
  'welcome.formHeading': 'Log in',
  'welcome.accept': 'I accept the charter',
  'welcome.codeLabel': 'Ticket code',
  'welcome.codeHint': '12 letters and digits, for example K7QM-X4TR-9WPA. Capitals and dashes are optional.',
  'welcome.submit': 'Log in',
  'welcome.errorTitle': 'Logging in did not work',
  'welcome.freeAllowance': 'Free time per device and per day: {duration}.',

  'error.charter': 'Tick the box “I accept the charter” to go on.',
  'error.codeMissing': 'Type the code printed on your ticket.',
  'error.codeLength': 'The code has 12 letters and digits. Check your ticket.',
  'error.codeAlphabet':
    'The code has a character that tickets never use (0, O, 1, I or L). Check your ticket.',
  'error.unknown': 'This code does not exist. Check your ticket. Tries left: {tries}.',
  'error.deviceLimit':
    'This ticket is already used on the most devices it allows ({max}). Log out another device or ask the team for a new ticket.',
  'error.expired': 'This ticket has no time left. Ask the team for a new ticket.',
  'error.notYetValid': 'This ticket is not valid yet. It will work from {time}.',
  'error.exhausted': 'This ticket has used all of its data. Ask the team for a new ticket.',
  'error.revoked': 'The team cancelled this ticket. Ask them for a new one.',
  'error.tooManyTries': 'Too many wrong codes. Please wait, then try again at {time}.',
  'error.freeUsed':
    'This device has used its free time for today. Come back tomorrow, or ask the team for a ticket.',
  'error.csrf': 'The page was too old. It has been reloaded: please try again.',
  'error.input': 'The form could not be read. Please try again.',
  'error.technical': 'A technical problem stops the connection. Try again in a moment or ask the team.',

  'status.title': 'You are connected',
  'status.timeLeft': 'Time left',
  'status.until': 'until {time}',
  'status.dataLeft': 'Data left',
  'status.devices': 'Devices on this ticket',
  'status.devicesValue': '{used} of {max}',
  'status.freeAccess': 'Free access, no ticket',
  'status.continue': 'Go on to {host}',
  'status.logoutHint': 'Finished? Log out.',
  'status.logout': 'Log out',
  'status.charter': 'Read the charter again',
  'status.offTitle': 'You are not connected',
  'status.offText': 'To use the Internet, accept the charter and type the code of your ticket.',
  'status.goWelcome': 'Go to the login page',

  'handoff.invalidTitle': 'This sign-in link does not work',
  'handoff.invalidOpennds':
    'The link that brought you here is damaged or too old. Open any web page to get back to the sign-in page. If it happens again, ask the space’s team.',
  'handoff.invalidChilli':
    'The link that brought you here is damaged or does not come from the space’s Wi-Fi. Open any web page to get back to the sign-in page. If it happens again, ask the space’s team.',
  'handoff.failed':
    'The space’s Wi-Fi refused this ticket. Check the code, or ask the team for a new ticket.',
  'handoff.successTitle': 'You are connected',
  'handoff.success': 'Done: you can use the Internet.',
  'handoff.alreadyTitle': 'You are already connected',
  'handoff.already': 'This device is already connected. You can use the Internet.',
  'handoff.logoffTitle': 'You are disconnected',
  'handoff.logoff': 'You are disconnected. See you soon!',

  'duration.days': '{d} d {h} h',
  'duration.hours': '{h} h {m} min',
  'duration.minutes': '{m} min',
  'size.mb': '{n} MB',
  'size.gb': '{n} GB',

  'charter.version': 'Charter version {version}.',
  'charter.backToLogin': 'Back to the login page',

  'blocked.title': 'This site is blocked',
  'blocked.category': 'Category: {category}',
  'blocked.why': 'Some sites are blocked to protect everyone, as the charter of the space says.',
  'blocked.ask':
    'Do you need this site for paperwork, a job or a workshop? Ask the team of the space: they can open it.',
  'blocked.contact': 'You can also write to {email}.',
  'blocked.private': 'This block is not recorded with your ticket.',
  'blocked.charterIntro': 'The charter of the space says:',
  'blocked.charterQuote':
    '“To keep access safe, some categories of websites are blocked: for example adult websites, gambling, scam or virus websites.”',
  'blocked.credit': 'Categories come from the UT1 lists of Université Toulouse Capitole (CC BY-SA licence).',
  'category.adult': 'adult sites',
  'category.gambling': 'gambling',
  'category.phishing': 'scams and phishing',
  'category.malware': 'dangerous software',
  'category.violence': 'violence and hate',
  'category.drugs': 'drugs',
  'category.hacking': 'hacking',
  'category.warez': 'illegal downloads',
  'category.dating': 'dating',
  'category.custom': 'the space’s own list',
  'category.other': 'another category',

  'outage.title': 'The city’s ticket service does not answer',
  'outage.text':
    'The city’s ticket service does not answer right now, so no new login is possible. People already connected keep their Internet access. Please ask the team of the space.',

  'storeFull.title': 'The space’s box is full',
  'storeFull.text':
    'The box that runs the space’s Wi-Fi has no room left to record connections, so no new login is possible for now. People already connected keep their Internet access. Please ask the team of the space.',
  'help.button': 'I need help',
  'help.hint': 'Someone from the team of the space will come to you.',
  'help.title': 'Ask for help',
  'help.intro':
    'Stuck? Press the "I need help" button: someone from the team of the space will come to you. You can also raise your hand or go to the desk.',
  'help.sentTitle': 'Your call has been sent',
  'help.sentText': 'Someone from the team is coming to help you. Show them this code on your screen: {hint}.',
  'help.again': 'You had already called: your call is still on the team’s list.',
  'help.tooMany':
    'You have already called several times. Your call has arrived: the team will come. You can call again from {time}.',
  'help.back': 'Back to the page',
  'extend.title': 'Ask for more time',
  'extend.text':
    'Is your time running out? Ask the team of the space: they can add time to your device (30 minutes or 1 hour), within the limit set for the day.',
  'extend.none': 'For now, the team cannot add time to this device.',

  'notFound.title': 'Page not found',
  'notFound.text': 'This page does not exist.',

  'closed.title': 'The space is closed',
  'closed.text': 'The Internet works during the opening hours of {space}.',
  'closed.next': 'Next opening: {time}.',
  'closed.none': 'No opening is planned for now. Ask the space’s team.',
  'closed.hoursHeading': 'Opening hours',
  'closed.dayClosed': 'closed',
  'error.closed': 'The space is closed. Next opening: {time}.',
  'status.closingSoon':
    'The space closes at {time}. The Internet will stop then: remember to save your work.',
  'status.spaceDevice': 'The space’s own device: {label}',
  'status.linksHeading': 'Useful links',
  'status.linksNote': 'Sites chosen by the team of the space.',
};

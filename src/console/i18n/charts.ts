// Words of the console's charts and of the printable monthly report, French first. The console
// engineer merges this catalog with the others; `chartText` reads it until then.

export const charts = {
  fr: {
    'charts.empty': 'Pas encore de données',
    'charts.legend': 'Légende',
    'charts.table.label': 'Libellé',
    'charts.table.value': 'Valeur',
    'charts.table.day': 'Jour',
    'charts.heat.legendTitle': 'Nombre',
    'charts.heat.none': 'aucune',
    'charts.heat.cell': '{row}, {col}\u00a0: {value}',
    'charts.bar.tip': '{label}\u00a0: {value}',
    'charts.weekdays': 'lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche',
    'charts.weekdaysShort': 'lun.,mar.,mer.,jeu.,ven.,sam.,dim.',
    'charts.hour': '{hour} h',
    'charts.unit.hours': 'h',
    'charts.unit.sessions': 'sessions',

    'charts.lang.fr': 'français',
    'charts.lang.fr-falc': 'facile à lire (FALC)',
    'charts.lang.en': 'anglais',
    'charts.lang.ar': 'arabe',

    'charts.report.title': 'Bilan mensuel de fréquentation',
    'charts.report.subtitle': '{space} — {month}',
    'charts.report.forCommittee': 'Pour le comité du label Espaces Citoyens Numériques',
    'charts.report.keyFigures': 'Chiffres clés',
    'charts.report.figure': 'Chiffre',
    'charts.report.value': 'Valeur',
    'charts.report.deviceDays': 'Appareils distincts (somme par jour)',
    'charts.report.sessions': 'Sessions',
    'charts.report.hours': 'Heures de connexion',
    'charts.report.ticketsIssued': 'Tickets émis',
    'charts.report.ticketsUsed': 'Tickets utilisés',
    'charts.report.charter': 'Chartes acceptées',
    'charts.report.byProfile': 'Tickets par profil',
    'charts.report.profile': 'Profil',
    'charts.report.issued': 'émis',
    'charts.report.used': 'utilisés',
    'charts.report.byLanguage': 'Chartes acceptées par langue',
    'charts.report.language': 'Langue',
    'charts.report.sessionsByWeekday': 'Sessions par jour de la semaine',
    'charts.report.sessionsByWeekdayDesc':
      'Nombre de sessions ouvertes dans le mois, pour chaque jour de la semaine, du lundi au dimanche.',
    'charts.report.busiestHours': 'Heures les plus fréquentées',
    'charts.report.busiestHoursDesc':
      'Sessions ouvertes dans le mois selon le jour de la semaine (lignes) et l’heure (colonnes) ; plus la case est foncée, plus il y a eu de sessions.',
    'charts.report.blocked': 'Requêtes bloquées par catégorie',
    'charts.report.category': 'Catégorie',
    'charts.report.queries': 'Requêtes',
    'charts.report.noBlocked': 'Aucune requête bloquée ce mois-ci.',
    'charts.report.none': 'aucun',
    'charts.report.total': 'Total',
    'charts.report.method': 'Méthode',
    'charts.report.methodText':
      'Ces chiffres sont comptés par la passerelle de l’espace, jour par jour à l’heure locale, sans jamais lire le registre légal des connexions. Les appareils distincts sont comptés chaque jour grâce à une empreinte calculée avec un secret tiré au hasard ce jour-là puis effacé : un appareil qui revient un autre jour compte donc à nouveau, et personne ne peut être suivi d’un jour à l’autre. Aucune donnée de navigation n’est conservée : ni nom, ni ticket, ni adresse d’appareil, ni site visité ; seules les catégories des requêtes bloquées sont additionnées.',
    'charts.report.generated': 'Établi le {date}',
    'charts.report.page': 'Page {page} sur {pages}',
  },
  en: {
    'charts.empty': 'No data yet',
    'charts.legend': 'Legend',
    'charts.table.label': 'Label',
    'charts.table.value': 'Value',
    'charts.table.day': 'Day',
    'charts.heat.legendTitle': 'Count',
    'charts.heat.none': 'none',
    'charts.heat.cell': '{row}, {col}: {value}',
    'charts.bar.tip': '{label}: {value}',
    'charts.weekdays': 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday',
    'charts.weekdaysShort': 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
    'charts.hour': '{hour}:00',
    'charts.unit.hours': 'h',
    'charts.unit.sessions': 'sessions',

    'charts.lang.fr': 'French',
    'charts.lang.fr-falc': 'easy to read French (FALC)',
    'charts.lang.en': 'English',
    'charts.lang.ar': 'Arabic',

    'charts.report.title': 'Monthly attendance report',
    'charts.report.subtitle': '{space} — {month}',
    'charts.report.forCommittee': 'For the Espaces Citoyens Numériques label committee',
    'charts.report.keyFigures': 'Key figures',
    'charts.report.figure': 'Figure',
    'charts.report.value': 'Value',
    'charts.report.deviceDays': 'Distinct devices (sum over days)',
    'charts.report.sessions': 'Sessions',
    'charts.report.hours': 'Hours connected',
    'charts.report.ticketsIssued': 'Tickets issued',
    'charts.report.ticketsUsed': 'Tickets used',
    'charts.report.charter': 'Charter acceptances',
    'charts.report.byProfile': 'Tickets by profile',
    'charts.report.profile': 'Profile',
    'charts.report.issued': 'issued',
    'charts.report.used': 'used',
    'charts.report.byLanguage': 'Charter acceptances by language',
    'charts.report.language': 'Language',
    'charts.report.sessionsByWeekday': 'Sessions by day of the week',
    'charts.report.sessionsByWeekdayDesc':
      'Sessions opened during the month, for each day of the week, Monday to Sunday.',
    'charts.report.busiestHours': 'Busiest hours',
    'charts.report.busiestHoursDesc':
      'Sessions opened during the month by day of the week (rows) and hour (columns); the darker the cell, the more sessions.',
    'charts.report.blocked': 'Blocked queries by category',
    'charts.report.category': 'Category',
    'charts.report.queries': 'Queries',
    'charts.report.noBlocked': 'No query was blocked this month.',
    'charts.report.none': 'none',
    'charts.report.total': 'Total',
    'charts.report.method': 'Method',
    'charts.report.methodText':
      'These figures are counted by the space’s gateway, day by day in local time, never from the legal connection log. Distinct devices are counted each day with a fingerprint made from a secret drawn that day and then erased: a device coming back another day counts again, and nobody can be followed from one day to the next. No browsing data is kept: no name, ticket, device address or visited site; only the categories of blocked queries are added up.',
    'charts.report.generated': 'Produced on {date}',
    'charts.report.page': 'Page {page} of {pages}',
  },
} as const;

export type ChartLang = keyof typeof charts;
export type ChartKey = keyof (typeof charts)['fr'];

/** The text of `key` in `lang`, with `{name}` placeholders filled in. */
export function chartText(
  lang: ChartLang,
  key: ChartKey,
  vars: Record<string, string | number> = {},
): string {
  const text: string = charts[lang][key] ?? charts.fr[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The locale `Intl` formats numbers and dates with. */
export function chartLocale(lang: ChartLang): string {
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}

// Console strings of the filtering page (blocked categories, the space's own lists).

import { defineArea } from './define';

export const filter = defineArea({
  fr: {
    'nav.filter': 'Filtrage',
    'filter.title': 'Filtrage des sites',
    'filter.intro':
      "Choisissez les catégories de sites bloquées et les noms que l'espace autorise ou bloque toujours. Cela vaut pour tous les appareils connectés au Wi-Fi de l'espace.",
    'filter.privacy':
      'Le filtrage ne garde aucune trace de qui a visité quoi : seul le nombre de sites bloqués par catégorie et par jour est compté.',
    'filter.status.heading': 'Liste en service',
    'filter.status.none':
      "Aucune liste de catégories n'est encore construite : seuls les noms que vous bloquez ou autorisez ci-dessous s'appliquent.",
    'filter.status.unreadable':
      "La liste en service ne peut pas être lue. Prévenez la personne qui s'occupe technique de l'espace.",
    'filter.status.built': 'Construite le {date} : {names} noms.',
    'filter.status.blocked': 'Catégories bloquées : {categories}.',
    'filter.status.noCategories': 'aucune',
    'filter.status.missing':
      'Ces catégories cochées ne sont dans aucune des listes installées et ne bloquent rien : {categories}.',
    'filter.status.running':
      'Reconstruction en cours avec vos derniers choix. La liste précédente reste en service en attendant ; actualisez la page dans une minute.',
    'filter.status.lastOk': 'Dernière reconstruction réussie le {date} : {names} noms.',
    'filter.status.lastFailed':
      'La dernière reconstruction a échoué le {date} ; la liste précédente reste en service. Détail technique : {message}',
    'filter.status.refresh': 'Actualiser la page',
    'filter.form.heading': 'Vos choix',
    'filter.categories.legend': 'Catégories bloquées',
    'filter.categories.hint':
      "Les sites de chaque catégorie cochée sont bloqués. Les listes viennent de l'université Toulouse Capitole (UT1). Changer les catégories reconstruit la liste : cela prend de quelques secondes à quelques minutes.",
    'filter.categories.other': 'Catégorie prévue par la configuration de l’espace.',
    'filter.doh.blocked':
      "Les résolveurs DNS chiffrés (DNS-over-HTTPS, catégorie doh) sont bloqués : un navigateur réglé pour les utiliser ne peut pas passer à côté du filtre, il revient au DNS de l'espace, qui filtre.",
    'filter.doh.open':
      "Attention : la catégorie doh n'est pas bloquée. Un navigateur réglé en DNS-over-HTTPS (DNS chiffré) passe à côté du filtre : sur cet appareil, les sites des catégories bloquées s'ouvrent.",
    'filter.allow.label': 'Noms toujours autorisés',
    'filter.allow.hint':
      "Un nom par ligne, par exemple mairie-roubaix.fr. Ses sous-domaines sont autorisés aussi, même s'ils sont dans une catégorie bloquée. {max} noms au plus.",
    'filter.block.label': 'Noms toujours bloqués',
    'filter.block.hint':
      'Un nom par ligne, par exemple jeux-exemple.com. Ses sous-domaines sont bloqués aussi. {max} noms au plus. Cela s’applique en quelques secondes.',
    'filter.submit': 'Enregistrer les choix de filtrage',
    'filter.saved': "Choix de filtrage enregistrés. Vos listes de noms s'appliquent dans quelques secondes.",
    'filter.savedRebuild':
      "Choix de filtrage enregistrés. Vos listes de noms s'appliquent dans quelques secondes ; la liste des catégories est en reconstruction (quelques minutes au plus).",
    'filter.err.badNames':
      "Ces lignes ne sont pas des noms de domaine : {lines}. Écrivez un nom par ligne, sans « http:// » ni « / », par exemple exemple.fr. Rien n'a été changé.",
    'filter.err.tooMany': "Une liste peut avoir {max} noms au plus (il y en a {count}). Rien n'a été changé.",
    'filter.err.both':
      "Ces noms sont à la fois dans les noms autorisés et dans les noms bloqués : {names}. Retirez-les de l'une des deux listes. Rien n'a été changé.",
    'filter.err.category': "Choisissez les catégories dans la liste proposée. Rien n'a été changé.",
    'filter.err.tooManyCategories': "Vous pouvez bloquer {max} catégories au plus. Rien n'a été changé.",
    'filter.cat.adult': 'Sites pour adultes (pornographie)',
    'filter.cat.mixed_adult': 'Sites qui mêlent contenus pour adultes et autres contenus',
    'filter.cat.lingerie': 'Lingerie et maillots de bain',
    'filter.cat.dating': 'Sites de rencontre',
    'filter.cat.agressif': 'Sites agressifs, racistes, antisémites ou haineux',
    'filter.cat.violence': 'Violence',
    'filter.cat.dangerous_material': 'Fabrication de matières dangereuses (explosifs, poisons)',
    'filter.cat.drogue': 'Drogues',
    'filter.cat.sect': 'Sectes',
    'filter.cat.gambling': "Jeux d'argent",
    'filter.cat.arjel': "Jeux d'argent en ligne agréés en France",
    'filter.cat.games': 'Jeux en ligne',
    'filter.cat.chat': 'Salons de discussion et messageries instantanées',
    'filter.cat.social_networks': 'Réseaux sociaux',
    'filter.cat.malware': 'Logiciels malveillants (virus, rançongiciels)',
    'filter.cat.phishing': 'Hameçonnage : faux sites qui volent mots de passe et numéros de carte',
    'filter.cat.cryptojacking': "Minage de cryptomonnaie à l'insu du visiteur",
    'filter.cat.stalkerware': "Logiciels espions pour surveiller le téléphone d'un proche",
    'filter.cat.hacking': 'Piratage informatique',
    'filter.cat.ddos': 'Services pour attaquer et bloquer des sites (déni de service)',
    'filter.cat.remote-control': "Prise de contrôle d'un ordinateur à distance",
    'filter.cat.warez': 'Logiciels, films et jeux piratés',
    'filter.cat.tricheur': 'Triche aux examens et aux devoirs',
    'filter.cat.publicite': 'Publicité',
    'filter.cat.marketingware': 'Marketing douteux (faux concours, pièges à données)',
    'filter.cat.redirector': 'Contournement du filtrage (proxys, traducteurs détournés)',
    'filter.cat.vpn': 'VPN et proxys qui contournent le filtrage',
    'filter.cat.doh': 'Résolveurs DNS chiffrés (DoH) qui contournent le filtrage',
  },
  en: {
    'nav.filter': 'Filtering',
    'filter.title': 'Site filtering',
    'filter.intro':
      "Choose the categories of sites blocked and the names this space always allows or blocks. It applies to every device on the space's Wi-Fi.",
    'filter.privacy':
      'The filter keeps no record of who visited what: only the number of blocked sites per category and day is counted.',
    'filter.status.heading': 'List in force',
    'filter.status.none':
      'No category list has been built yet: only the names you block or allow below apply.',
    'filter.status.unreadable': "The list in force cannot be read. Tell the space's technical contact.",
    'filter.status.built': 'Built on {date}: {names} names.',
    'filter.status.blocked': 'Blocked categories: {categories}.',
    'filter.status.noCategories': 'none',
    'filter.status.missing':
      'These ticked categories are in none of the installed lists and block nothing: {categories}.',
    'filter.status.running':
      'Rebuilding with your latest choices. The previous list stays in force meanwhile; refresh the page in a minute.',
    'filter.status.lastOk': 'Last rebuild succeeded on {date}: {names} names.',
    'filter.status.lastFailed':
      'The last rebuild failed on {date}; the previous list stays in force. Technical detail: {message}',
    'filter.status.refresh': 'Refresh the page',
    'filter.form.heading': 'Your choices',
    'filter.categories.legend': 'Blocked categories',
    'filter.categories.hint':
      'Sites of every ticked category are blocked. The lists come from Toulouse Capitole University (UT1). Changing the categories rebuilds the list: it takes a few seconds to a few minutes.',
    'filter.doh.blocked':
      "Encrypted DNS resolvers (DNS over HTTPS, category doh) are blocked: a browser set to use them cannot get round the filter; it falls back to the space's DNS, which filters.",
    'filter.doh.open':
      'Warning: the doh category is not blocked. A browser set to DNS over HTTPS (encrypted DNS) gets round the filter: on that device, sites of the blocked categories open.',
    'filter.categories.other': "A category in the space's configuration.",
    'filter.allow.label': 'Names always allowed',
    'filter.allow.hint':
      'One name a line, e.g. mairie-roubaix.fr. Its subdomains are allowed too, even in a blocked category. At most {max} names.',
    'filter.block.label': 'Names always blocked',
    'filter.block.hint':
      'One name a line, e.g. games-example.com. Its subdomains are blocked too. At most {max} names. Applies within seconds.',
    'filter.submit': 'Save the filtering choices',
    'filter.saved': 'Filtering choices saved. Your name lists apply within seconds.',
    'filter.savedRebuild':
      'Filtering choices saved. Your name lists apply within seconds; the category list is being rebuilt (a few minutes at most).',
    'filter.err.badNames':
      'These lines are not domain names: {lines}. Write one name a line, without "http://" or "/", e.g. example.org. Nothing was changed.',
    'filter.err.tooMany': 'A list may hold at most {max} names (this one has {count}). Nothing was changed.',
    'filter.err.both':
      'These names are both allowed and blocked: {names}. Remove them from one of the lists. Nothing was changed.',
    'filter.err.category': 'Choose the categories from the list offered. Nothing was changed.',
    'filter.err.tooManyCategories': 'You may block at most {max} categories. Nothing was changed.',
    'filter.cat.adult': 'Adult sites (pornography)',
    'filter.cat.mixed_adult': 'Sites mixing adult and other content',
    'filter.cat.lingerie': 'Lingerie and swimwear',
    'filter.cat.dating': 'Dating sites',
    'filter.cat.agressif': 'Aggressive, racist, antisemitic or hateful sites',
    'filter.cat.violence': 'Violence',
    'filter.cat.dangerous_material': 'Making dangerous materials (explosives, poisons)',
    'filter.cat.drogue': 'Drugs',
    'filter.cat.sect': 'Cults',
    'filter.cat.gambling': 'Gambling',
    'filter.cat.arjel': 'Online gambling licensed in France',
    'filter.cat.games': 'Online games',
    'filter.cat.chat': 'Chat rooms and instant messaging',
    'filter.cat.social_networks': 'Social networks',
    'filter.cat.malware': 'Malware (viruses, ransomware)',
    'filter.cat.phishing': 'Phishing: fake sites stealing passwords and card numbers',
    'filter.cat.cryptojacking': "Cryptocurrency mining without the visitor's consent",
    'filter.cat.stalkerware': "Spy software to watch someone's phone",
    'filter.cat.hacking': 'Hacking',
    'filter.cat.ddos': 'Services to attack and take down sites (denial of service)',
    'filter.cat.remote-control': 'Taking control of a computer remotely',
    'filter.cat.warez': 'Pirated software, films and games',
    'filter.cat.tricheur': 'Cheating at exams and homework',
    'filter.cat.publicite': 'Advertising',
    'filter.cat.marketingware': 'Dubious marketing (fake contests, data traps)',
    'filter.cat.redirector': 'Filter circumvention (proxies, misused translators)',
    'filter.cat.vpn': 'VPNs and proxies that get round the filter',
    'filter.cat.doh': 'Encrypted DNS resolvers (DoH) that get round the filter',
  },
});

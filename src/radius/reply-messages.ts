// Reply-Message texts of an Access-Reject, by error code and language. Short and plain: some
// access points show them to the resident as they are. French is the default language.

import type { ErrorCode } from '../domain/errors';

export type { Language as ReplyLanguage } from '../i18n/languages';
import type { Language as ReplyLanguage } from '../i18n/languages';

type Texts = Readonly<Record<ReplyLanguage, string>>;

const FALLBACK: Texts = {
  fr: 'Connexion refusée. Demandez de l’aide à un animateur.',
  'fr-falc': 'Vous ne pouvez pas vous connecter. Demandez de l’aide à un animateur.',
  en: 'Connection refused. Please ask a member of staff for help.',
  ar: 'تم رفض الاتصال. يرجى طلب المساعدة من أحد المنشطين.',
};

const CATALOG: Partial<Record<ErrorCode, Texts>> = {
  ECN_ERR_TICKET_CODE_MALFORMED: {
    fr: 'Ce code de ticket n’est pas valide. Vérifiez-le (12 caractères).',
    'fr-falc': 'Le code n’est pas bon. Regardez bien votre ticket.',
    en: 'This ticket code is not valid. Please check it (12 characters).',
    ar: 'رمز التذكرة غير صالح. يرجى التحقق منه (12 حرفًا).',
  },
  ECN_ERR_TICKET_UNKNOWN: {
    fr: 'Ce ticket n’existe pas. Vérifiez le code.',
    'fr-falc': 'Ce ticket n’existe pas. Regardez bien le code.',
    en: 'This ticket does not exist. Please check the code.',
    ar: 'هذه التذكرة غير موجودة. يرجى التحقق من الرمز.',
  },
  ECN_ERR_RADIUS_BAD_PASSWORD: {
    fr: 'Ce ticket n’existe pas. Vérifiez le code.',
    'fr-falc': 'Ce ticket n’existe pas. Regardez bien le code.',
    en: 'This ticket does not exist. Please check the code.',
    ar: 'هذه التذكرة غير موجودة. يرجى التحقق من الرمز.',
  },
  ECN_ERR_RADIUS_TOO_MANY_TRIES: {
    fr: 'Trop de codes faux. Attendez quelques minutes avant de réessayer.',
    'fr-falc': 'Vous avez tapé trop de codes faux. Attendez un peu. Puis essayez encore.',
    en: 'Too many wrong codes. Please wait a few minutes before trying again.',
    ar: 'رموز خاطئة كثيرة جدًا. يرجى الانتظار بضع دقائق قبل المحاولة مرة أخرى.',
  },
  ECN_ERR_TICKET_REVOKED: {
    fr: 'Ce ticket a été annulé par l’équipe de l’espace.',
    'fr-falc': 'Ce ticket ne marche plus. L’équipe l’a arrêté.',
    en: 'This ticket was cancelled by the space’s staff.',
    ar: 'تم إلغاء هذه التذكرة من قبل فريق الفضاء.',
  },
  ECN_ERR_TICKET_EXPIRED: {
    fr: 'Ce ticket n’a plus de temps de connexion.',
    'fr-falc': 'Le temps de ce ticket est fini.',
    en: 'This ticket has no connection time left.',
    ar: 'لم يعد لهذه التذكرة وقت اتصال.',
  },
  ECN_ERR_TICKET_NOT_YET_VALID: {
    fr: 'Ce ticket n’est pas encore valable.',
    'fr-falc': 'Ce ticket ne marche pas encore. Revenez plus tard.',
    en: 'This ticket is not valid yet.',
    ar: 'هذه التذكرة غير صالحة بعد.',
  },
  ECN_ERR_TICKET_EXHAUSTED: {
    fr: 'Ce ticket a utilisé tout son volume de données.',
    'fr-falc': 'Ce ticket a tout utilisé. Il ne marche plus.',
    en: 'This ticket has used all of its data.',
    ar: 'استهلكت هذه التذكرة كل بياناتها.',
  },
  ECN_ERR_TICKET_DEVICE_LIMIT: {
    fr: 'Ce ticket est déjà utilisé sur le nombre maximal d’appareils.',
    'fr-falc': 'Ce ticket marche déjà sur d’autres appareils. Pas sur un de plus.',
    en: 'This ticket is already used on as many devices as it allows.',
    ar: 'هذه التذكرة مستخدمة بالفعل على الحد الأقصى من الأجهزة.',
  },
  ECN_ERR_RADIUS_MAC_UNKNOWN: {
    fr: 'Cet appareil n’est pas connecté. Entrez votre code de ticket.',
    'fr-falc': 'Entrez le code de votre ticket.',
    en: 'This device is not logged in. Please enter your ticket code.',
    ar: 'هذا الجهاز غير متصل. أدخل رمز تذكرتك.',
  },
};

export function replyMessage(code: ErrorCode, lang: ReplyLanguage): string {
  return (CATALOG[code] ?? FALLBACK)[lang];
}

// A refused login in the resident's words: the catalog key for each error code, its values
// (dates through the formatting module), and which field of the welcome form it is about.

import type { Response } from 'express';
import type { EcnError, ErrorCode } from '../domain/errors';
import { locals } from './context';
import { formatDayTime, formatTime, type CatalogKey } from './i18n';
import type { PortalSettings } from './settings';

export interface FormError {
  code: ErrorCode;
  message: string;
  field: 'charter' | 'code' | null;
}

/** A refusal in the resident's words, and which field it is about. */
export function formError(err: EcnError, res: Response, settings: PortalSettings): FormError {
  const { lang, t } = locals(res);
  const time = (ms: unknown) => formatTime(lang, Number(ms), settings.timeZone);
  const [key, vars, field]: [CatalogKey, Record<string, string | number>, FormError['field']] = (() => {
    switch (err.code) {
      case 'ECN_ERR_CHARTER_NOT_ACCEPTED':
        return ['error.charter', {}, 'charter'];
      case 'ECN_ERR_TICKET_CODE_MISSING':
        return ['error.codeMissing', {}, 'code'];
      case 'ECN_ERR_TICKET_CODE_MALFORMED':
        return [err.details.reason === 'alphabet' ? 'error.codeAlphabet' : 'error.codeLength', {}, 'code'];
      case 'ECN_ERR_TICKET_UNKNOWN':
        return ['error.unknown', { tries: Number(err.details.triesLeft ?? 0) }, 'code'];
      case 'ECN_ERR_TICKET_DEVICE_LIMIT':
        return ['error.deviceLimit', { max: Number(err.details.maxDevices ?? 1) }, 'code'];
      case 'ECN_ERR_TICKET_EXPIRED':
        return ['error.expired', {}, 'code'];
      case 'ECN_ERR_TICKET_NOT_YET_VALID':
        return [
          'error.notYetValid',
          {
            time: formatDayTime(lang, Number(err.details.validFrom), settings.timeZone),
          },
          'code',
        ];
      case 'ECN_ERR_TICKET_EXHAUSTED':
        return ['error.exhausted', {}, 'code'];
      case 'ECN_ERR_TICKET_REVOKED':
        return ['error.revoked', {}, 'code'];
      case 'ECN_ERR_TOO_MANY_TRIES':
        return ['error.tooManyTries', { time: time(err.details.retryAt) }, 'code'];
      case 'ECN_ERR_SPACE_CLOSED':
        return [
          'error.closed',
          {
            time: err.details.nextOpening
              ? formatDayTime(lang, Number(err.details.nextOpening), settings.timeZone)
              : '—',
          },
          null,
        ];
      case 'ECN_ERR_FREE_ACCESS_USED':
        return ['error.freeUsed', {}, null];
      case 'ECN_ERR_CSRF':
        return ['error.csrf', {}, null];
      case 'ECN_ERR_INPUT_INVALID':
        return ['error.input', {}, null];
      default:
        return ['error.technical', {}, null];
    }
  })();
  return { code: err.code, message: t(key, vars), field };
}

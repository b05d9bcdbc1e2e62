// The translators' placeholder names are typed from the catalogs (src/i18n/keys.generated.ts):
// a value given under a name the message does not read fails the type check (`tsc`, run by the
// build and the test command), so a renamed placeholder cannot silently print `{name}`.

import { consoleTranslator } from '../../../src/console/i18n';
import { translator } from '../../../src/portal/i18n';
import { translator as setupTranslator } from '../../../src/cli/setup/messages';

describe('typed translators', () => {
  it('format a message from the names it reads', () => {
    expect(consoleTranslator('fr')('cli.stats.desk', { visits: 20, mornings: 14, afternoons: 6 })).toBe(
      "passages à l'accueil: 20 (matin 14, après-midi 6)",
    );
  });

  it('refuse, at type-check time, a name the message does not read; it shows as {name} at run time', () => {
    // @ts-expect-error `visit` is not a placeholder of cli.stats.desk (it reads `visits`)
    expect(consoleTranslator('fr')('cli.stats.desk', { visit: 1 })).toContain('{visits}');
    // @ts-expect-error `spce` is not a placeholder of closed.text (it reads `space`)
    expect(translator('en')('closed.text', { spce: 'ECN' })).toContain('{space}');
    // @ts-expect-error `file` is not a placeholder of file.created (it reads `path`)
    expect(setupTranslator('fr')('file.created', { file: '/etc/ecn' })).toContain('{path}');
  });

  it('leave a value given as undefined visible as its name', () => {
    expect(translator('en')('closed.text', { space: undefined })).toContain('{space}');
  });
});

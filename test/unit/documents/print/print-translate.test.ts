import { print } from '../../../../src/console/i18n/print';
import { printTranslator } from '../../../../src/documents/print/print-translate';
import { isPrintLayout, PRINT_LAYOUTS } from '../../../../src/documents/print/ticket-card';

describe('print catalog', () => {
  it('has the same keys in French and English, all under print.', () => {
    expect(Object.keys(print.en).sort()).toEqual(Object.keys(print.fr).sort());
    for (const key of Object.keys(print.fr)) expect(key).toMatch(/^print\./);
  });

  it('names every layout in both languages', () => {
    for (const layout of PRINT_LAYOUTS) {
      expect(print.fr[`print.layout.${layout}`]).toBeTruthy();
      expect(print.en[`print.layout.${layout}`]).toBeTruthy();
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const fr = printTranslator('fr');
    expect(fr('print.title', { space: 'Espace Pile' })).toBe('Tickets de connexion – Espace Pile');
    expect(fr('print.labelValue', { label: 'Durée', value: '2 heures' })).toBe('Durée : 2 heures');
    expect(printTranslator('en')('print.labelValue', { label: 'Duration', value: '2 hours' })).toBe(
      'Duration: 2 hours',
    );
    expect(fr('print.title')).toBe('Tickets de connexion – {space}');
    expect(fr('print.title', { toString: 'x' } as Record<string, string>)).toBe(
      'Tickets de connexion – {space}',
    );
  });
});

describe('isPrintLayout', () => {
  it('accepts the four layouts only', () => {
    for (const layout of PRINT_LAYOUTS) expect(isPrintLayout(layout)).toBe(true);
    for (const other of ['a4', 'A4-8', 'receipt-57', '', null, 8]) expect(isPrintLayout(other)).toBe(false);
  });
});

import { codesOf, codesOfTables, errorTable, errorTableMarkers, renderErrorTables } from './error-codes';

const ORDERS = { ORDER_NOT_FOUND: 'no such order', ORDER_CLOSED: 'the order | its lines are closed' } as const;
const LINES = { ORDER_NOT_FOUND: "the line's order is gone", LINE_TOO_LONG: 'over\n  100 characters' } as const;

describe('error codes', () => {
  it('codesOf maps each code of the catalogs to itself', () => {
    const Codes = codesOf(ORDERS, LINES);
    expect(Codes).toEqual({ ORDER_NOT_FOUND: 'ORDER_NOT_FOUND', ORDER_CLOSED: 'ORDER_CLOSED', LINE_TOO_LONG: 'LINE_TOO_LONG' });
    expect(Object.isFrozen(Codes)).toBe(true);
    expect(codesOfTables({ orders: ORDERS, lines: LINES })).toEqual(['ORDER_NOT_FOUND', 'ORDER_CLOSED', 'LINE_TOO_LONG']);
  });

  it('renders a catalog as a Markdown table in declaration order, escaping pipes and joining lines', () => {
    expect(errorTable(LINES)).toBe("| Code | When |\n|---|---|\n| `ORDER_NOT_FOUND` | the line's order is gone |\n| `LINE_TOO_LONG` | over 100 characters |");
    expect(errorTable(ORDERS)).toContain('| `ORDER_CLOSED` | the order \\| its lines are closed |');
  });

  it('replaces what stands between each marker and its end with the named table, and nothing else', () => {
    const readme = 'intro\n<!-- error-table:orders -->\nstale\n<!-- /error-table -->\nmiddle\n<!-- error-table:lines -->\n<!-- /error-table -->\nend';
    const rendered = renderErrorTables(readme, { orders: ORDERS, lines: LINES });
    expect(rendered).toBe(
      `intro\n<!-- error-table:orders -->\n${errorTable(ORDERS)}\n<!-- /error-table -->\nmiddle\n<!-- error-table:lines -->\n${errorTable(LINES)}\n<!-- /error-table -->\nend`,
    );
    expect(renderErrorTables(rendered, { orders: ORDERS, lines: LINES })).toBe(rendered);
    expect(errorTableMarkers(rendered)).toEqual(['orders', 'lines']);
  });

  it('refuses a marker that names no table', () => {
    expect(() => renderErrorTables('<!-- error-table:gone -->\n<!-- /error-table -->', {})).toThrow('README error table "gone": no module declares it');
  });
});

import { partHeaderScanner } from '../src/platform/graphql/multipart';

/** The raw-body watch of src/platform/graphql/multipart.ts, fed a body split at every byte (chunks can cut a delimiter or a header anywhere). */
const B = 'xYz123';
const valid = Buffer.from(
  [
    'preamble text\r\n',
    `--${B}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ a }"}\r\n`,
    `--${B}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{}\r\n`,
    `--${B}\r\nContent-Disposition: form-data; name="0"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n--${B}-not-a-delimiter\r\n-${B}\r\n`,
    `--${B}\r\n\r\nno headers\r\n`,
    `--${B}--\r\nepilogue: anything\r\nno colon\r\n`,
  ].join(''),
  'latin1',
);

function problemsWhenSplit(body: Buffer): Set<string | null> {
  const outcomes = new Set<string | null>();
  for (let cut = 0; cut <= body.length; cut++) {
    const scan = partHeaderScanner(B);
    outcomes.add(scan(body.subarray(0, cut)) ?? scan(body.subarray(cut)));
  }
  return outcomes;
}

describe('multipart part-header watch', () => {
  it('passes a well-formed body however it is chunked', () => {
    expect(problemsWhenSplit(valid)).toEqual(new Set([null]));
  });

  it.each([
    ['a header line without a colon', `--${B}\r\nContent-Disposition: form-data; name="0"\r\nno colon here\r\n\r\ndata\r\n--${B}--`],
    ['CR/LF in a quoted file name', `--${B}\r\nContent-Disposition: form-data; name="0"; filename="a\r\nb.png"\r\n\r\ndata\r\n--${B}--`],
    ['a NUL in a header', `--${B}\r\nContent-Disposition: form-data; name="0\u0000"\r\n\r\ndata\r\n--${B}--`],
    ['a bare LF in a header', `--${B}\r\nContent-Disposition: form-data;\nname="0"\r\n\r\ndata\r\n--${B}--`],
    ['an empty header name', `--${B}\r\n: value\r\n\r\ndata\r\n--${B}--`],
    ['a huge header', `--${B}\r\nX-Pad: ${'a'.repeat(10_000)}\r\n\r\ndata\r\n--${B}--`],
  ])('flags %s at every split', (_name, body) => {
    const outcomes = problemsWhenSplit(Buffer.from(body, 'latin1'));
    expect(outcomes.has(null)).toBe(false);
  });
});

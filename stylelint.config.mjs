// The mini-program's SCSS becomes WXSS, and WeChat's WXSS compiler (wcsc) refuses some valid
// CSS: DevTools then will not preview or upload at all. These rules stop such selectors in the
// source, where the line number still means something (`npm run test:weapp` runs wcsc on the
// build too). Each "refused" below was tried on wcsc (decision 009); the rest are precautions
// for selectors that compile but do not mean the same thing in WeChat as in the H5 build.
const REFUSED = 'WeChat’s WXSS compiler refuses this selector; give the element a class instead'

export default {
  customSyntax: 'postcss-scss',
  rules: {
    // Refused: `*`, `.a *`, `.a > *`.
    'selector-max-universal': [0, { message: REFUSED }],
    'selector-disallowed-list': [
      [
        // Refused: a combinator followed by anything but a class or a tag, e.g.
        // `> :first-child`, `+ ::after`, `~ [x]`, `> #id` (`.a :first-child` compiles;
        // `> *` is the universal rule's).
        /[>+~]\s*[:[#]/,
        // Refused: escaped characters in class names (`.a\:b`).
        /\\/,
        // Refused: `:nth-child(2 of .x)`.
        /:nth-(last-)?(child|of-type)\([^)]*\sof\s/,
      ],
      { message: REFUSED },
    ],
    // Refused: `:not(.a .b)` and `:not(.a, .b)`; one simple selector inside compiles.
    'selector-not-notation': ['simple', { message: REFUSED }],
    // Refused: @layer, @container, @namespace, @font-feature-values. @supports compiles, but
    // whether it holds depends on the renderer (WebView or Skyline), which H5 cannot show.
    'at-rule-disallowed-list': [
      ['layer', 'container', 'namespace', 'font-feature-values', 'supports'],
      {
        message:
          'WXSS refuses this at-rule (@supports compiles, but means different things per renderer)',
      },
    ],
    // Precautions. WeChat's root element is `page`, not `:root`. Id, attribute and tag
    // selectors do not reach into custom components (Taro renders deep trees through its `comp`
    // component), and tags differ between builds (`view` in WeChat, `taro-view-core` in H5).
    'selector-pseudo-class-disallowed-list': [
      ['root'],
      { message: 'use `page` (WXSS has no :root)' },
    ],
    'selector-max-id': [
      0,
      { message: 'use a class: id selectors do not reach into custom components' },
    ],
    'selector-max-attribute': [
      0,
      { message: 'use a class: attribute selectors do not reach into custom components' },
    ],
    // `page` is WeChat's root; `body` and `taro-*` are H5's page containers (no match in WeChat).
    'selector-max-type': [
      0,
      {
        ignoreTypes: ['page', 'body', /^taro-/],
        message: 'use a class: tags differ between the WeChat and H5 builds',
      },
    ],
  },
}

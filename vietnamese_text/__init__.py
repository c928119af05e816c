"""Vietnamese text, in plain Python: one definition of each spelling rule.

Search indexing, query parsing, slugs, imports and the document register must agree on what
two spellings of the same Vietnamese word or document number look like, so the rules live here
and every app imports them. This package imports no Django app (an import-linter contract
checks it), so it serves migrations, management commands and tests alike.

- `lookalikes`: the letters typed for Đ/đ that are other code points;
- `normalise`: one comparable form (NFC, case, new-style tone placement) and its syllables;
- `folding`: accent-blind keys (marks removed, đ → d);
- `syllable`: the shape of one Vietnamese syllable;
- `input_methods`: Telex/VNI typed without an input method, decoded;
- `document_numbers`: số ký hiệu văn bản (document numbers), parsed.
"""

"""The first screen of an editor's day, the sign-in form, is Vietnamese too."""

import re

from tests.editorial.english_text import foreign_words

# Outside the <noscript> text a browser with JavaScript never shows.
SHOWN = re.compile(r"<noscript[^>]*>.*?</noscript>|<script.*?</script>|<style.*?</style>", re.S)


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", SHOWN.sub(" ", html)).split())


def test_the_sign_in_form_labels_are_vietnamese(client, db):
    text = visible_text(client.get("/admin/login/").content.decode())
    assert "Mật khẩu" in text
    assert foreign_words(text, frozenset({"wagtail"})) == []

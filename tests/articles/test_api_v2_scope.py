"""`/api/v2/` says plainly that it is a compatibility subset, and where full pages are."""


def test_v2_index_says_it_serves_no_bodies_and_points_to_the_pages_api(client, db):
    response = client.get("/api/v2/")

    assert response.status_code == 200
    index = response.json()
    assert "no StreamField bodies" in index["scope"]
    assert index["full_pages"].endswith("/api/pages/")
    assert set(index["endpoints"]) == {"pages", "images", "documents"}


def test_v2_refuses_the_body_field_it_does_not_serve(client, db):
    response = client.get("/api/v2/pages/", {"fields": "body"})

    assert response.status_code == 400

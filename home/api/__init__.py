"""The site shell's API: site data (`site`), the visit counter (`visits`) and the home page's
detail in `/api/pages/` (`home_page`). Each router is wired in cms/api.py."""

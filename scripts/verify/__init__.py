"""Browser-level verification of a built Prospectus site (scripts/verify-site, scripts/screenshots).

Every module works on a built output folder; nothing here edits the site. Pages are served
only on 127.0.0.1, and the browser is the system's /usr/bin/chromium driven through
/usr/bin/chromedriver (never a downloaded one).
"""

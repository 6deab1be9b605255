"""What the volunteers views share: the page size. (Every view here is
personal and decorated with ``core.http.private``.)"""

PER_PAGE = 20

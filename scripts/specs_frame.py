"""Frame segments shared by layers whose territory reaches the Baltic.

North of the Neman the territories are closed by today's Lithuanian-Latvian border,
the coast and the boundary of the Klaipėda Region; south of it by the former East
Prussian border, which is today's Lithuania-Kaliningrad border as far as Lake Vištytis.
"""


def west_frame(prefix: str) -> list[dict]:
    """The frame from the Lithuania-Latvia border round to Lake Vištytis, ids under ``prefix``."""
    return [
        {
            "id": f"{prefix}/f02-latvia-lt",
            "name": "Today's Lithuania-Latvia border to the sea",
            "clause": "",
            "sources": ["plwiki_traktat_1920", "natural_earth_10m"],
            "method": "follows_boundary",
            "uncertainty_m": 2000,
            "determined": False,
            "status": "frame",
            "note": ("Not fixed before the arbitration of 1921, which gave Palanga to Lithuania; the 1920 "
                     "treaty (Art. II, note 1) left it to Lithuania and Latvia. Today's border stands in."),
            "steps": [("border", "LT", "LV", ("coast_end", "LT", "LV"))],
        },
        {
            "id": f"{prefix}/f03-coast",
            "name": "Baltic coast to Nemirseta",
            "clause": "",
            "sources": ["natural_earth_10m"],
            "method": "follows_boundary",
            "uncertainty_m": 1500,
            "determined": True,
            "status": "frame",
            "note": ("Coastline of Natural Earth's Lithuania polygon, south to the former German-Russian border at "
                     "Nemirseta; the Wikipedia point for Nemirseta lies 1.4 km inland of that coastline."),
            "steps": [("coast", "LT", "nemirseta")],
        },
        {
            "id": f"{prefix}/f04-klaipeda",
            "name": "Boundary of the Klaipėda Region (former German-Russian border) to the Neman",
            "clause": "",
            "sources": ["versailles_1919", "wikipedia_coordinates", "mle_lauksargiai", "geonames"],
            "method": "named_place",
            "uncertainty_m": 3000,
            "determined": True,
            "status": "frame",
            "note": ("The Klaipėda Region (Art. 99) stayed outside Lithuania until 1923. Its eastern edge, the "
                     "former German-Russian border, is traced through places on it: Nemirseta (the border "
                     "at the coast), Gargždai and Žemaičių Naumiestis (Russian border towns), Lauksargiai "
                     "(10 km south-west of Tauragė, on the border) and Smalininkai on the Neman."),
            "steps": [("place", "gargzdai"), ("place", "zemaiciu_naumiestis"),
                      ("offset", "taurage", 225, 10000),
                      ("border_point", "LT", "RU", ("place", "smalininkai"))],
        },
        {
            "id": f"{prefix}/f05-east-prussia",
            "name": "East Prussian border (today's Lithuania-Russia border) to Lake Vištytis",
            "clause": "",
            "sources": ["natural_earth_10m", "it_wiki_lt_ru_border"],
            "method": "follows_boundary",
            "uncertainty_m": 1000,
            "determined": True,
            "status": "frame",
            "note": "South of the Neman today's Lithuania-Kaliningrad border is the former East Prussian border.",
            "steps": [("border", "LT", "RU", ("border_end", "LT", "PL", "RU"))],
        },
    ]
